/**
 * Descriptors of the messages the review resources and TokenRequest accept, by the field numbers of
 * k8s.io/api's generated.proto (authentication/v1, authorization/v1) and apimachinery's ObjectMeta.
 * Only what the handlers read is listed; other fields are skipped.
 */
import type { MessageDesc } from './decode.js';

const STRING_MAP_ITEMS: MessageDesc = { 1: { name: 'items', type: 'string', repeated: true } };

const OBJECT_META: MessageDesc = {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  11: { name: 'labels', type: 'string', map: true },
  12: { name: 'annotations', type: 'string', map: true },
};

const SELECTOR_REQUIREMENT: MessageDesc = {
  1: { name: 'key', type: 'string' },
  2: { name: 'operator', type: 'string' },
  3: { name: 'values', type: 'string', repeated: true },
};

const SELECTOR_ATTRIBUTES: MessageDesc = {
  1: { name: 'rawSelector', type: 'string' },
  2: { name: 'requirements', type: SELECTOR_REQUIREMENT, repeated: true },
};

const RESOURCE_ATTRIBUTES: MessageDesc = {
  1: { name: 'namespace', type: 'string' },
  2: { name: 'verb', type: 'string' },
  3: { name: 'group', type: 'string' },
  4: { name: 'version', type: 'string' },
  5: { name: 'resource', type: 'string' },
  6: { name: 'subresource', type: 'string' },
  7: { name: 'name', type: 'string' },
  8: { name: 'fieldSelector', type: SELECTOR_ATTRIBUTES },
  9: { name: 'labelSelector', type: SELECTOR_ATTRIBUTES },
};

const NON_RESOURCE_ATTRIBUTES: MessageDesc = {
  1: { name: 'path', type: 'string' },
  2: { name: 'verb', type: 'string' },
};

const SUBJECT_ACCESS_REVIEW_SPEC: MessageDesc = {
  1: { name: 'resourceAttributes', type: RESOURCE_ATTRIBUTES },
  2: { name: 'nonResourceAttributes', type: NON_RESOURCE_ATTRIBUTES },
  3: { name: 'user', type: 'string' },
  4: { name: 'groups', type: 'string', repeated: true },
  5: { name: 'extra', type: STRING_MAP_ITEMS, map: true, unwrapItems: true },
  6: { name: 'uid', type: 'string' },
};

const SELF_SUBJECT_ACCESS_REVIEW_SPEC: MessageDesc = {
  1: { name: 'resourceAttributes', type: RESOURCE_ATTRIBUTES },
  2: { name: 'nonResourceAttributes', type: NON_RESOURCE_ATTRIBUTES },
};

const BOUND_OBJECT_REFERENCE: MessageDesc = {
  1: { name: 'kind', type: 'string' },
  2: { name: 'apiVersion', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
};

const TOKEN_REQUEST_SPEC: MessageDesc = {
  1: { name: 'audiences', type: 'string', repeated: true },
  3: { name: 'boundObjectRef', type: BOUND_OBJECT_REFERENCE },
  4: { name: 'expirationSeconds', type: 'int64' },
};

const TOKEN_REVIEW_SPEC: MessageDesc = {
  1: { name: 'token', type: 'string' },
  2: { name: 'audiences', type: 'string', repeated: true },
};

const SELF_SUBJECT_RULES_REVIEW_SPEC: MessageDesc = { 1: { name: 'namespace', type: 'string' } };

function withMeta(spec?: MessageDesc): MessageDesc {
  return spec ? { 1: { name: 'metadata', type: OBJECT_META }, 2: { name: 'spec', type: spec } } : { 1: { name: 'metadata', type: OBJECT_META } };
}

/** Request messages by kind. Status fields are not read: the server computes them. */
export const REQUEST_MESSAGES: Readonly<Record<string, MessageDesc>> = {
  SelfSubjectReview: withMeta(),
  TokenReview: withMeta(TOKEN_REVIEW_SPEC),
  TokenRequest: withMeta(TOKEN_REQUEST_SPEC),
  SelfSubjectAccessReview: withMeta(SELF_SUBJECT_ACCESS_REVIEW_SPEC),
  SelfSubjectRulesReview: withMeta(SELF_SUBJECT_RULES_REVIEW_SPEC),
  SubjectAccessReview: withMeta(SUBJECT_ACCESS_REVIEW_SPEC),
  LocalSubjectAccessReview: withMeta(SUBJECT_ACCESS_REVIEW_SPEC),
};
