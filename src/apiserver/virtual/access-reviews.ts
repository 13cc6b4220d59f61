/**
 * SelfSubjectAccessReview, SubjectAccessReview and LocalSubjectAccessReview
 * (authorization.k8s.io/v1): "may this user do this?" answered by the server's Authorizer —
 * `kubectl auth can-i`. Validation and wording follow Kubernetes' authorization validation.
 */
import { badRequest, fe, invalid, type FieldError } from '../../api/index.js';
import type { Attributes, Subject } from '../authz/index.js';
import { FieldReader, type Json } from './fields.js';
import type { ReviewRequest, VirtualDeps, VirtualKind } from './review.js';

const GROUP = 'authorization.k8s.io';

interface AccessSpec {
  resourceAttributes?: Json;
  nonResourceAttributes?: Json;
}

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** Kubernetes requires a review's metadata to be empty (managedFields aside; LSAR may name its namespace). */
function metadataErrors(obj: Json, allowNamespace: boolean): FieldError[] {
  const meta = obj.metadata;
  if (meta === undefined || meta === null) return [];
  if (typeof meta !== 'object' || Array.isArray(meta)) return [fe.invalid('metadata', fe.OMIT, 'must be an object')];
  const bad = Object.entries(meta as Json).some(([k, v]) => k !== 'managedFields' && !(allowNamespace && k === 'namespace') && !isEmptyValue(v));
  return bad ? [fe.invalid('metadata', fe.OMIT, allowNamespace ? 'must be empty except for namespace' : 'must be empty')] : [];
}

function specErrors(spec: AccessSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(fe.invalid('spec.nonResourceAttributes', fe.OMIT, 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(fe.invalid('spec.resourceAttributes', 'null', 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

function attributesOf(read: FieldReader, user: Subject, spec: AccessSpec): Attributes {
  const ra = spec.resourceAttributes;
  if (ra) {
    const p = 'spec.resourceAttributes';
    const attrs: Attributes = {
      kind: 'resource', user,
      verb: read.string(ra, 'verb', `${p}.verb`),
      namespace: read.string(ra, 'namespace', `${p}.namespace`),
      apiGroup: read.string(ra, 'group', `${p}.group`),
      apiVersion: read.string(ra, 'version', `${p}.version`) || '*',
      resource: read.string(ra, 'resource', `${p}.resource`),
      subresource: read.string(ra, 'subresource', `${p}.subresource`),
      name: read.string(ra, 'name', `${p}.name`),
    };
    const fs = read.string(read.object(ra, 'fieldSelector', `${p}.fieldSelector`), 'rawSelector', `${p}.fieldSelector.rawSelector`);
    const ls = read.string(read.object(ra, 'labelSelector', `${p}.labelSelector`), 'rawSelector', `${p}.labelSelector.rawSelector`);
    if (fs) attrs.fieldSelector = fs;
    if (ls) attrs.labelSelector = ls;
    return attrs;
  }
  const nra = spec.nonResourceAttributes ?? {};
  const p = 'spec.nonResourceAttributes';
  return { kind: 'nonResource', user, verb: read.string(nra, 'verb', `${p}.verb`), path: read.string(nra, 'path', `${p}.path`) };
}

async function decide(req: ReviewRequest, deps: VirtualDeps, attrs: Attributes): Promise<Json> {
  const r = await deps.authorizer.authorize(attrs);
  const status: Json = { allowed: r.decision === 'Allow' };
  if (r.decision === 'Deny') status.denied = true;
  if (r.reason) status.reason = r.reason;
  if (r.evaluationError) status.evaluationError = r.evaluationError;
  if (r.warning) req.warnings.push(r.warning);
  return { ...req.object, metadata: req.object.metadata ?? {}, status };
}

function readSpec(read: FieldReader, obj: Json): { spec: Json; access: AccessSpec } {
  const spec = read.object(obj, 'spec', 'spec') ?? {};
  return {
    spec,
    access: {
      resourceAttributes: read.object(spec, 'resourceAttributes', 'spec.resourceAttributes'),
      nonResourceAttributes: read.object(spec, 'nonResourceAttributes', 'spec.nonResourceAttributes'),
    },
  };
}

/** The user a (Local)SubjectAccessReview asks about. */
function subjectOf(read: FieldReader, spec: Json): Subject {
  const s: Subject = { name: read.string(spec, 'user', 'spec.user'), groups: read.strings(spec, 'groups', 'spec.groups') };
  const uid = read.string(spec, 'uid', 'spec.uid');
  const extra = read.stringListMap(spec, 'extra', 'spec.extra');
  if (uid) s.uid = uid;
  if (extra) s.extra = extra;
  return s;
}

export const selfSubjectAccessReview: VirtualKind = {
  group: GROUP, version: 'v1', kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews', namespaced: false,
  async handle(req, deps) {
    const read = new FieldReader('SelfSubjectAccessReview');
    const { access } = readSpec(read, req.object);
    const errs = [...specErrors(access), ...metadataErrors(req.object, false)];
    if (errs.length) throw invalid({ group: GROUP, kind: 'SelfSubjectAccessReview' }, '', errs);
    return decide(req, deps, attributesOf(read, req.user, access));
  },
};

export const subjectAccessReview: VirtualKind = {
  group: GROUP, version: 'v1', kind: 'SubjectAccessReview', resource: 'subjectaccessreviews', namespaced: false,
  async handle(req, deps) {
    const read = new FieldReader('SubjectAccessReview');
    const { spec, access } = readSpec(read, req.object);
    const subject = subjectOf(read, spec);
    const errs = specErrors(access);
    if (!subject.name && subject.groups.length === 0) errs.push(fe.invalid('spec.user', subject.name, 'at least one of user or group must be specified'));
    errs.push(...metadataErrors(req.object, false));
    if (errs.length) throw invalid({ group: GROUP, kind: 'SubjectAccessReview' }, '', errs);
    return decide(req, deps, attributesOf(read, subject, access));
  },
};

export const localSubjectAccessReview: VirtualKind = {
  group: GROUP, version: 'v1', kind: 'LocalSubjectAccessReview', resource: 'localsubjectaccessreviews', namespaced: true,
  async handle(req, deps) {
    const read = new FieldReader('LocalSubjectAccessReview');
    const { spec, access } = readSpec(read, req.object);
    const subject = subjectOf(read, spec);
    const metaNamespace = read.string(read.object(req.object, 'metadata', 'metadata'), 'namespace', 'metadata.namespace');
    const errs = specErrors(access);
    if (!subject.name && subject.groups.length === 0) errs.push(fe.invalid('spec.user', subject.name, 'at least one of user or group must be specified'));
    errs.push(...metadataErrors(req.object, true));
    const raNamespace = access.resourceAttributes ? read.string(access.resourceAttributes, 'namespace', 'spec.resourceAttributes.namespace') : undefined;
    if (raNamespace !== undefined && raNamespace !== metaNamespace) {
      errs.push(fe.invalid('spec.resourceAttributes.namespace', raNamespace, 'must match metadata.namespace'));
    }
    if (access.nonResourceAttributes) errs.push(fe.invalid('spec.nonResourceAttributes', fe.OMIT, 'disallowed on this kind of request'));
    if (errs.length) throw invalid({ group: GROUP, kind: 'LocalSubjectAccessReview' }, '', errs);
    if (!req.namespace) throw badRequest(`namespace is required on this type: ${req.namespace ?? ''}`);
    if (req.namespace !== metaNamespace) throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${req.namespace}`);
    return decide(req, deps, attributesOf(read, subject, access));
  },
};
