/**
 * JSON value helpers for strategic merge patch: safe own-key access (a patch may carry a
 * "__proto__" key), deep copies, and `fresh`, which turns a patch value into a plain value where the
 * original has nothing to merge it with: nulls in maps are dropped, directive keys are removed, maps
 * and list items marked `$patch: delete` disappear and `$patch: replace` markers are unwrapped.
 */
import { errBadPatchType, isMap, type JsonMap } from './strategic-errors.js';

export const DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';

export function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Sets an own data property, also for the key "__proto__". */
export function put(o: JsonMap, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

export function copyJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyJson);
  if (isMap(v)) {
    const out: JsonMap = {};
    for (const [k, x] of Object.entries(v)) put(out, k, copyJson(x));
    return out;
  }
  return v;
}

/** Keys that carry instructions for the merge rather than data. */
export function isDirectiveKey(k: string): boolean {
  return k === DIRECTIVE || k === RETAIN_KEYS || k.startsWith(SET_ELEMENT_ORDER) || k.startsWith(DELETE_FROM_PRIMITIVE_LIST);
}

/** Marks a value that must not appear in the result. */
export const DROP: unique symbol = Symbol('drop');

/** `m` without its `$patch` key. */
export function withoutDirective(m: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(m)) if (k !== DIRECTIVE) put(out, k, v);
  return out;
}

function freshMap(m: JsonMap): JsonMap | typeof DROP {
  if (hasOwn(m, DIRECTIVE)) {
    const d = m[DIRECTIVE];
    if (d === 'delete') return DROP;
    if (d !== 'replace' && d !== 'merge') throw errBadPatchType(d, m);
  }
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === null || isDirectiveKey(k)) continue;
    const f = fresh(v);
    if (f !== DROP) put(out, k, f);
  }
  return out;
}

/** A patch list as a plain list: delete items and `$patch: replace` markers are left out. */
export function freshList(list: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of list) {
    if (isMap(item) && hasOwn(item, DIRECTIVE)) {
      const d = item[DIRECTIVE];
      if (d === 'delete' || d === 'replace') continue;
      if (d !== 'merge') throw errBadPatchType(d, item);
    }
    const f = fresh(item);
    if (f !== DROP) out.push(f);
  }
  return out;
}

/** A patch value as a plain value, or DROP when it is a map marked `$patch: delete`. */
export function fresh(v: unknown): unknown {
  if (Array.isArray(v)) return freshList(v);
  if (isMap(v)) return freshMap(v);
  return v;
}
