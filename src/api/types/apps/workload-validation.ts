/**
 * Validation pieces shared by the workload kinds (apps, batch, policy): non-negative counts,
 * int-or-percent values, semantic equality for immutability checks, and the selector-versus-template
 * rules of ReplicaSets and Deployments — all with Kubernetes' wording.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { validatePodTemplateSpec } from '../core/pod/index.js';
import { goIntOrString, goInvalid, goLabelSelector, goStringMap } from './go-format.js';
import { isSelection, selectorFrom, type Selection } from './label-selection.js';

export const NEGATIVE_MSG = 'must be greater than or equal to 0';

/** The pod template fields the workload rules look at. */
export interface PodTemplateLike {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: {
    restartPolicy?: string;
    activeDeadlineSeconds?: number;
    nodeSelector?: Record<string, string>;
    containers?: Array<{ name?: string; image?: string }>;
    initContainers?: Array<{ name?: string; image?: string }>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** ValidateNonnegativeField. */
export function nonNegative(value: number | undefined | null, path: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [fe.invalid(path, value, NEGATIVE_MSG)] : [];
}

const PERCENT_RE = /^[0-9]+%$/;
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent: a non-negative integer or a "N%" string. */
export function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return PERCENT_RE.test(v) ? [] : [goInvalid(path, goIntOrString(v), PERCENT_MSG)];
  if (typeof v === 'number') return v < 0 ? [fe.invalid(path, v, NEGATIVE_MSG)] : [];
  return [];
}

/** The number an int-or-percent holds (a percentage's number, 0 for malformed strings). */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (PERCENT_RE.test(v)) return Number(v.slice(0, -1));
    return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
  }
  return 0;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(v: unknown, path: string): FieldError[] {
  if (typeof v !== 'string' || !PERCENT_RE.test(v) || Number(v.slice(0, -1)) <= 100) return [];
  return [goInvalid(path, goIntOrString(v), 'must not be greater than 100%')];
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).every(isZero);
  return false;
}

/**
 * Semantic equality as the API server compares objects decoded into Go structs: absent fields
 * equal their zero value, and empty lists and maps equal absent ones.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
    return true;
  }
  return false;
}

/** ValidateImmutableField for a label selector. */
export function immutableSelector(next: LabelSelector | undefined, prev: LabelSelector | undefined, path: string): FieldError[] {
  return deepEqual(next, prev) ? [] : [goInvalid(path, goLabelSelector(next), 'field is immutable')];
}

/** The "`selector` does not match template `labels`" error. */
export function selectorMismatch(path: string, labels: Record<string, string> | undefined): FieldError {
  return goInvalid(path, goStringMap(labels), '`selector` does not match template `labels`');
}

/**
 * The selector part of ReplicaSet/Deployment/StatefulSet specs: required, well formed, not empty.
 * Returns the errors and the converted selection (undefined when malformed).
 */
export function validateRequiredSelector(
  sel: LabelSelector | undefined, path: string, kindWord: string,
): { errors: FieldError[]; selection?: Selection } {
  const errors: FieldError[] = [];
  if (sel === undefined || sel === null) {
    errors.push(fe.required(path, ''));
  } else {
    errors.push(...validateLabelSelector(sel, path));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errors.push(goInvalid(path, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
    }
  }
  const s = selectorFrom(sel);
  return { errors, selection: isSelection(s) ? s : undefined };
}

/**
 * ValidatePodTemplateSpecForReplicaSet: labels must match the selector, the pod template must be
 * valid, restartPolicy must be Always and activeDeadlineSeconds unset.
 */
export function validateTemplateForReplicas(
  tpl: PodTemplateLike | undefined, selection: Selection, path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const t = tpl ?? {};
  const labels = t.metadata?.labels;
  if (!selection.empty && !selection.matches(labels)) errs.push(selectorMismatch(fe.child(path, 'metadata.labels'), labels));
  errs.push(...validatePodTemplateSpec(t as Record<string, unknown>, path));
  errs.push(...restartAlways(t, path, 'ReplicaSet'));
  return errs;
}

/** restartPolicy must be Always; activeDeadlineSeconds is not allowed (kind names the message). */
export function restartAlways(t: PodTemplateLike, path: string, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = t.spec?.restartPolicy ?? '';
  if (policy !== 'Always') errs.push(fe.notSupported(fe.child(path, 'spec.restartPolicy'), policy, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errs.push(fe.forbidden(fe.child(path, 'spec.activeDeadlineSeconds'), `activeDeadlineSeconds in ${kindWord} is not Supported`));
  }
  return errs;
}

/** "cannot be decremented" for status.collisionCount. */
export function collisionNotDecremented(next: number | undefined, prev: number | undefined, path: string): FieldError[] {
  if (prev === undefined || prev === null) return [];
  if (next !== undefined && next !== null && next >= prev) return [];
  return [fe.invalid(path, next ?? 0, 'cannot be decremented')];
}
