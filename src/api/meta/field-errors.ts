/**
 * Field errors: what validation returns. Their wording follows Kubernetes' field.Error so that
 * kubectl users read the same messages ("spec.replicas: Invalid value: -1: must be greater than or
 * equal to 0").
 */

export type FieldErrorType =
  | 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueDuplicate'
  | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueTooMany' | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid' | 'InternalError';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The message without the field path, as it appears in a Status cause. */
  message: string;
}

/** Formats a value as Go's %#v would print it in a validation message. */
export function formatBadValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
    return JSON.stringify(v);
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.every(([, x]) => typeof x === 'string')) {
      return `map[string]string{${entries.map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`).join(', ')}}`;
    }
    return JSON.stringify(v);
  }
  return String(v);
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, message: detail ? `Required value: ${detail}` : 'Required value' };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  const shown = value === OMIT ? '' : `: ${formatBadValue(value)}`;
  return { type: 'FieldValueInvalid', field, message: `Invalid value${shown}${detail ? `: ${detail}` : ''}` };
}

/** Pass as the value to invalid() to leave the value out of the message. */
export const OMIT = Symbol('omit');

export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return {
    type: 'FieldValueNotSupported', field,
    message: `Unsupported value: ${formatBadValue(value)}${supported.length ? `: supported values: ${list}` : ''}`,
  };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, message: `Duplicate value: ${formatBadValue(value)}` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, message: `Forbidden: ${detail}` };
}

export function tooLong(field: string, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field, message: `Too long: may not be more than ${maxLength} bytes` };
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${max} items` };
}

export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, message: `Not found: ${formatBadValue(value)}` };
}

export function typeInvalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field, message: `Invalid value: ${formatBadValue(value)}: ${detail}` };
}

/** "field: message", as the error is shown in a Status message. */
export function fieldErrorString(e: FieldError): string {
  return e.field ? `${e.field}: ${e.message}` : e.message;
}

/** Joins a path: child('spec', 'containers') → "spec.containers"; index('spec.containers', 0) → "spec.containers[0]". */
export function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

export function index(path: string, i: number | string): string {
  return typeof i === 'number' ? `${path}[${i}]` : `${path}[${i}]`;
}
