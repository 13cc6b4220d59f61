/**
 * Strategic merge patch failures, worded as Kubernetes' strategicpatch and mergepatch packages word
 * them. Those messages print JSON values the way Go's fmt does (`map[$patch:foo name:a]`), so the Go
 * formatting of decoded JSON lives here too.
 *
 * Status codes: the sentinel format errors are 400 BadRequest and "lists of lists" is 422, as the API
 * server maps them. The remaining plain errors reach Kubernetes' clients as 500s with an empty reason;
 * they are all caused by a malformed patch, so they are reported here as 400 BadRequest.
 */
import { badRequest, StatusError } from '../../api/index.js';
import type { Schema } from '../../api/index.js';

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's %g-style rendering of a float64 for %v. */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  const text = abs !== 0 && (abs < 1e-4 || abs >= 1e21) ? n.toExponential() : String(n);
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** fmt's %v of a decoded JSON value. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isMap(v)) {
    return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Go's type name of a decoded JSON value (integers decode as int64 on the server). */
export function goJsonType(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return '[]interface {}';
  if (isMap(v)) return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** fmt's %s of a decoded JSON value: strings as they are, other scalars as %!s(type=value). */
export function goString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  if (isMap(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goString(v[k])}`).join(' ')}]`;
  return `%!s(${goJsonType(v)}=${goValue(v)})`;
}

/** The Go kind of a list's element type, as strategicpatch names it in "cannot merge lists" errors. */
export function goKindName(s: Schema | undefined): string {
  switch (s?.type) {
    case undefined: case 'object': case 'any': case 'quantity': case 'int-or-string': return 'struct';
    case 'string': return 'string';
    case 'integer': return s.format;
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'map': return 'map';
    case 'array': return 'slice';
  }
}

function failure(message: string): StatusError {
  return badRequest(message);
}

export const MAP_TYPE = 'map[string]interface {}';
export const LIST_TYPE = '[]interface {}';

export const errPrimitiveListFormat = (): StatusError => failure('invalid patch format of primitive list');
export const errRetainKeysFormat = (): StatusError => failure('invalid patch format of retainKeys');
export const errSetElementOrderFormat = (): StatusError => failure('invalid patch format of setElementOrder list');

export function errNoListOfLists(): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ message: 'lists of lists are not supported' }],
  });
}

export function errBadArgType(expected: string, actual: unknown): StatusError {
  return failure(`expected a ${expected}, but received a ${goJsonType(actual)}`);
}

export function errNoMergeKey(m: JsonMap, mergeKey: string): StatusError {
  return failure(`map: ${goValue(m)} does not contain declared merge key: ${mergeKey}`);
}

export function errBadPatchType(directive: unknown, m: JsonMap): StatusError {
  return failure(`unknown patch type: ${goString(directive)} in map: ${goValue(m)}`);
}

export function errElementTypes(lists: unknown[][]): StatusError {
  return failure(`list element types are not identical: ${goValue(lists)}`);
}

export function errNoMergeKeyDeclared(items: Schema | undefined): StatusError {
  return failure(`cannot merge lists without merge key for ${goKindName(items)}`);
}

export function errOrderMismatch(patchList: unknown[], order: unknown[]): StatusError {
  return failure(`The order in patch list:\n${goValue(patchList)}\n doesn't match $setElementOrder list:\n${goValue(order)}\n`);
}

export function errNotAMap(index: number): StatusError {
  return failure(`value for key ${index} is not a map`);
}
