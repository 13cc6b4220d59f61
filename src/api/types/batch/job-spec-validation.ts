/**
 * Validation of a JobSpec as Kubernetes does it for Jobs and for CronJob job templates: counts,
 * completion modes, failure and success policies, the pod template and its restart policy.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';
import { isDNS1123Subdomain } from '../../meta/names.js';
import { validatePodTemplateSpec } from '../core/pod/index.js';
import { nonNegative, type PodTemplateLike } from '../apps/workload-validation.js';
import { validateFailurePolicy, validateSuccessPolicy, type FailurePolicy, type SuccessPolicy } from './job-policy-validation.js';

export interface JobSpecLike {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: FailurePolicy;
  successPolicy?: SuccessPolicy;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template?: PodTemplateLike;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  managedBy?: string;
  [k: string]: unknown;
}

const MAX_INDEXED_PARALLELISM = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH = 10_000;
const MAX_FAILED_INDEXES_HIGH = 10_000;
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

function isSet<T>(v: T | undefined | null): v is T {
  return v !== undefined && v !== null;
}

/** IsDomainPrefixedPath for spec.managedBy. */
function domainPrefixedPath(v: string, path: string): FieldError[] {
  if (v.length === 0) return [fe.required(path, '')];
  const slash = v.indexOf('/');
  if (slash <= 0 || slash === v.length - 1) return [fe.invalid(path, v, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = v.slice(0, slash);
  const rest = v.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((m) => fe.invalid(path, host, m));
  if (!HTTP_PATH.test(rest)) errs.push(fe.invalid(path, rest, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  return errs;
}

function validateManagedBy(v: string, path: string): FieldError[] {
  const errs = domainPrefixedPath(v, path);
  if (v.length > 63) errs.push(fe.tooLong(path, 63));
  return errs;
}

function validateIndexed(s: JobSpecLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isSet(s.completions)) errs.push(fe.required(fe.child(path, 'completions'), 'when completion mode is Indexed'));
  if (isSet(s.parallelism) && s.parallelism > MAX_INDEXED_PARALLELISM) {
    errs.push(fe.invalid(fe.child(path, 'parallelism'), s.parallelism, `must be less than or equal to ${MAX_INDEXED_PARALLELISM} when completion mode is Indexed`));
  }
  if (isSet(s.completions) && isSet(s.maxFailedIndexes) && s.maxFailedIndexes > s.completions) {
    errs.push(fe.invalid(fe.child(path, 'maxFailedIndexes'), s.maxFailedIndexes, 'must be less than or equal to completions'));
  }
  if (isSet(s.maxFailedIndexes) && s.maxFailedIndexes > MAX_FAILED_INDEXES) {
    errs.push(fe.invalid(fe.child(path, 'maxFailedIndexes'), s.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
  }
  if (isSet(s.completions) && s.completions > COMPLETIONS_SOFT_LIMIT && isSet(s.backoffLimitPerIndex)) {
    const tail = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
    if (!isSet(s.maxFailedIndexes)) errs.push(fe.required(fe.child(path, 'maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
    if (isSet(s.parallelism) && s.parallelism > PARALLELISM_LIMIT_HIGH) {
      errs.push(fe.invalid(fe.child(path, 'parallelism'), s.parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH} ${tail}`));
    }
    if (isSet(s.maxFailedIndexes) && s.maxFailedIndexes > MAX_FAILED_INDEXES_HIGH) {
      errs.push(fe.invalid(fe.child(path, 'maxFailedIndexes'), s.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH} ${tail}`));
    }
  }
  return errs;
}

/** validateJobSpec: everything except the selector rules. */
export function validateJobSpecBody(spec: JobSpecLike | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  for (const k of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex'] as const) {
    errs.push(...nonNegative(s[k], fe.child(path, k)));
  }
  if (isSet(s.maxFailedIndexes)) {
    errs.push(...nonNegative(s.maxFailedIndexes, fe.child(path, 'maxFailedIndexes')));
    if (!isSet(s.backoffLimitPerIndex)) errs.push(fe.required(fe.child(path, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (isSet(s.managedBy)) errs.push(...validateManagedBy(s.managedBy, fe.child(path, 'managedBy')));
  if (isSet(s.completionMode)) {
    if (s.completionMode !== 'NonIndexed' && s.completionMode !== 'Indexed') {
      errs.push(fe.notSupported(fe.child(path, 'completionMode'), s.completionMode, ['NonIndexed', 'Indexed']));
    }
    if (s.completionMode === 'Indexed') errs.push(...validateIndexed(s, path));
  }
  if (!isSet(s.completionMode) || s.completionMode === 'NonIndexed') {
    if (isSet(s.backoffLimitPerIndex)) errs.push(fe.invalid(fe.child(path, 'backoffLimitPerIndex'), s.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (isSet(s.maxFailedIndexes)) errs.push(fe.invalid(fe.child(path, 'maxFailedIndexes'), s.maxFailedIndexes, 'requires indexed completion mode'));
  }
  const tpl = s.template ?? {};
  if (isSet(s.podFailurePolicy)) errs.push(...validateFailurePolicy(s.podFailurePolicy, s.backoffLimitPerIndex, tpl, fe.child(path, 'podFailurePolicy')));
  if (isSet(s.successPolicy)) {
    if (s.completionMode !== 'Indexed') errs.push(fe.invalid(fe.child(path, 'successPolicy'), fe.OMIT, 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(s.successPolicy, s.completions ?? 0, fe.child(path, 'successPolicy')));
  }
  if (isSet(s.podReplacementPolicy)) {
    const p = fe.child(path, 'podReplacementPolicy');
    if (isSet(s.podFailurePolicy)) {
      if (s.podReplacementPolicy !== 'Failed') errs.push(fe.notSupported(p, s.podReplacementPolicy, ['Failed']));
    } else if (s.podReplacementPolicy !== 'Failed' && s.podReplacementPolicy !== 'TerminatingOrFailed') {
      errs.push(fe.notSupported(p, s.podReplacementPolicy, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...validatePodTemplateSpec(tpl as Record<string, unknown>, fe.child(path, 'template')));
  const policy = tpl.spec?.restartPolicy ?? '';
  const rp = fe.child(path, 'template.spec.restartPolicy');
  if (policy === 'Always' || policy === '') errs.push(fe.required(rp, 'valid values: "OnFailure", "Never"'));
  else if (policy !== 'OnFailure' && policy !== 'Never') errs.push(fe.notSupported(rp, policy, ['OnFailure', 'Never']));
  else if (isSet(s.podFailurePolicy) && policy !== 'Never') errs.push(fe.invalid(rp, policy, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}
