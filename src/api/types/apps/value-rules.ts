/**
 * Value rules shared by the workload kinds (apps, batch, policy): non-negative counts, int-or-percent
 * values, and semantic equality for immutability checks, with Kubernetes' wording.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';
import { goIntOrString, goInvalid, goLabelSelector } from './go-format.js';

export const NEGATIVE_MSG = 'must be greater than or equal to 0';

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
