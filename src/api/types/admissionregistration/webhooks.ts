/**
 * One admission webhook of a configuration (ValidatingWebhook, MutatingWebhook): its schema,
 * Kubernetes' defaults (Fail, Equivalent, match-all selectors, 10 s, and Never reinvocation for
 * mutating ones) and validation.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import { isDNS1035Label } from '../../meta/names.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { enumOf, field, int32, listOf, object, string } from '../../schema/build.js';
import type { ObjectSchema } from '../../schema/schema.js';
import {
  defaultRule, MATCH_POLICIES, MatchConditionSchema, RuleWithOperationsSchema, validateFullyQualifiedName, validateMatchConditions,
  validateRuleWithOperations, type MatchConditionLike, type RuleLike,
} from './rules.js';
import { defaultClientConfig, validateClientConfig, WebhookClientConfigSchema, type WebhookClientConfigLike } from './webhook-client.js';

export interface WebhookLike {
  name?: string;
  clientConfig?: WebhookClientConfigLike;
  rules?: RuleLike[];
  failurePolicy?: string;
  matchPolicy?: string;
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  sideEffects?: string;
  timeoutSeconds?: number;
  admissionReviewVersions?: string[];
  reinvocationPolicy?: string;
  matchConditions?: MatchConditionLike[];
}

function webhookSchema(kind: 'Validating' | 'Mutating'): ObjectSchema {
  const mutating = kind === 'Mutating';
  return object(`io.k8s.api.admissionregistration.v1.${kind}Webhook`, `One ${kind.toLowerCase()} admission webhook: where it is and which requests it is sent.`, () => ({
    name: field(string, 'Name of the webhook, a fully qualified domain name (e.g. imagepolicy.kubernetes.io), unique in the configuration.', { required: true, proto: 1 }),
    clientConfig: field(WebhookClientConfigSchema, 'How to reach the webhook.', { required: true, proto: 2 }),
    rules: field(listOf(RuleWithOperationsSchema), 'Operations on resources the webhook is called for.', { proto: 3, listType: 'atomic' }),
    failurePolicy: field(enumOf('Fail', 'Ignore'), 'What to do when the call fails: Fail (the default) rejects the request, Ignore lets it through.', { proto: 4 }),
    matchPolicy: field(enumOf('Equivalent', 'Exact'), 'Exact or Equivalent (the default): whether requests in other versions of a matched resource are sent too.', { proto: 9 }),
    namespaceSelector: field(LabelSelectorSchema, 'Labels the object\'s namespace must have; default (empty) matches all.', { proto: 5 }),
    objectSelector: field(LabelSelectorSchema, 'Labels the object must have; default (empty) matches all.', { proto: mutating ? 11 : 10 }),
    sideEffects: field(enumOf('None', 'NoneOnDryRun', 'Some', 'Unknown'), 'Whether the webhook changes anything outside the request: None or NoneOnDryRun.', { required: true, proto: 6 }),
    timeoutSeconds: field(int32, 'Seconds to wait for the webhook, 1 to 30; default 10.', { proto: 7 }),
    admissionReviewVersions: field(listOf(string), 'AdmissionReview versions the webhook understands, preferred first (v1, v1beta1).', { required: true, proto: 8, listType: 'atomic' }),
    ...(mutating ? { reinvocationPolicy: field(enumOf('IfNeeded', 'Never'), 'Never (the default) or IfNeeded: call again when a later plugin changed the object.', { proto: 10 }) } : {}),
    matchConditions: field(listOf(MatchConditionSchema), 'CEL conditions a request must all meet to be sent (at most 64).', {
      proto: mutating ? 12 : 11, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
    }),
  }));
}

export const ValidatingWebhookSchema = webhookSchema('Validating');
export const MutatingWebhookSchema = webhookSchema('Mutating');

/** SetDefaults_ValidatingWebhook / SetDefaults_MutatingWebhook, and the defaults of their rules and service. */
export function defaultWebhook(h: WebhookLike, mutating: boolean): void {
  h.failurePolicy ??= 'Fail';
  h.matchPolicy ??= 'Equivalent';
  h.namespaceSelector ??= {};
  h.objectSelector ??= {};
  h.timeoutSeconds ??= 10;
  if (mutating) h.reinvocationPolicy ??= 'Never';
  for (const r of h.rules ?? []) defaultRule(r);
  defaultClientConfig(h.clientConfig);
}

const FAILURE_POLICIES = ['Fail', 'Ignore'];
const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const REINVOCATION = ['IfNeeded', 'Never'];
const REVIEW_VERSIONS = ['v1', 'v1beta1'];

function validateReviewVersions(versions: string[] | undefined, path: string): FieldError[] {
  const list = versions ?? [];
  if (list.length === 0) return [fe.required(path, `must specify one of ${REVIEW_VERSIONS.join(', ')}`)];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((v, i) => {
    if (seen.has(v)) { errs.push(fe.invalid(fe.index(path, i), v, 'duplicate version')); return; }
    seen.add(v);
    for (const m of isDNS1035Label(v)) errs.push(fe.invalid(fe.index(path, i), v, m));
  });
  if (!list.some((v) => REVIEW_VERSIONS.includes(v))) errs.push(fe.invalid(path, list, `must include at least one of ${REVIEW_VERSIONS.join(', ')}`));
  return errs;
}

function validateWebhook(h: WebhookLike, path: string, mutating: boolean): FieldError[] {
  const errs: FieldError[] = [...validateFullyQualifiedName(h.name, fe.child(path, 'name'))];
  (h.rules ?? []).forEach((r, i) => errs.push(...validateRuleWithOperations(r, fe.index(fe.child(path, 'rules'), i))));
  if (h.failurePolicy !== undefined && !FAILURE_POLICIES.includes(h.failurePolicy)) errs.push(fe.notSupported(fe.child(path, 'failurePolicy'), h.failurePolicy, FAILURE_POLICIES));
  if (h.matchPolicy !== undefined && !MATCH_POLICIES.includes(h.matchPolicy)) errs.push(fe.notSupported(fe.child(path, 'matchPolicy'), h.matchPolicy, MATCH_POLICIES));
  if (h.sideEffects === undefined) errs.push(fe.required(fe.child(path, 'sideEffects'), `must specify one of ${NO_SIDE_EFFECTS.join(', ')}`));
  else if (!NO_SIDE_EFFECTS.includes(h.sideEffects)) errs.push(fe.notSupported(fe.child(path, 'sideEffects'), h.sideEffects, NO_SIDE_EFFECTS));
  if (h.timeoutSeconds !== undefined && (h.timeoutSeconds > 30 || h.timeoutSeconds < 1)) {
    errs.push(fe.invalid(fe.child(path, 'timeoutSeconds'), h.timeoutSeconds, 'the timeout value must be between 1 and 30 seconds'));
  }
  if (h.namespaceSelector) errs.push(...validateLabelSelector(h.namespaceSelector, fe.child(path, 'namespaceSelector')));
  if (h.objectSelector) errs.push(...validateLabelSelector(h.objectSelector, fe.child(path, 'objectSelector')));
  if (mutating && h.reinvocationPolicy !== undefined && !REINVOCATION.includes(h.reinvocationPolicy)) {
    errs.push(fe.notSupported(fe.child(path, 'reinvocationPolicy'), h.reinvocationPolicy, REINVOCATION));
  }
  errs.push(...validateClientConfig(h.clientConfig, path));
  errs.push(...validateMatchConditions(h.matchConditions, fe.child(path, 'matchConditions')));
  return errs;
}

/** The webhooks of a configuration: each valid, with known AdmissionReview versions and unique names. */
export function validateWebhooks(hooks: WebhookLike[] | undefined, mutating: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (hooks ?? []).forEach((h, i) => {
    const path = fe.index('webhooks', i);
    errs.push(...validateWebhook(h, path, mutating));
    errs.push(...validateReviewVersions(h.admissionReviewVersions, fe.child(path, 'admissionReviewVersions')));
    if (h.name) {
      if (names.has(h.name)) errs.push(fe.duplicate(fe.child(path, 'name'), h.name)); else names.add(h.name);
    }
  });
  return errs;
}
