/**
 * Resource lists (resource name → quantity) and the set operations quota accounting uses, as
 * Kubernetes' quota helpers define them: add, subtract (optionally never below zero), mask to a set
 * of names, compare against limits, and the "name=value,…" text of its error messages.
 */
import {
  addQuantities, compareQuantity, formatQuantity, negate, parseQuantity, subtractQuantities, ZERO, type Quantity,
} from './quantity.js';

export type ResourceList = Record<string, Quantity>;
/** A resource list as the API carries it. */
export type WireResourceList = Record<string, string | number>;

/** Parses a wire list; entries that are not quantities are left out. */
export function parseResourceList(list: WireResourceList | undefined | null): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v);
    if (q) out[k] = q;
  }
  return out;
}

/** The canonical wire form of a list. */
export function formatResourceList(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(list).sort()) out[k] = formatQuantity(list[k]);
  return out;
}

export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(a)) out[k] = k in b ? addQuantities(v, b[k]) : v;
  for (const [k, v] of Object.entries(b)) if (!(k in out)) out[k] = v;
  return out;
}

/** a − b; names only in b come out negated. */
export function subtractLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(a)) out[k] = k in b ? subtractQuantities(v, b[k]) : v;
  for (const [k, v] of Object.entries(b)) if (!(k in out)) out[k] = negate(v);
  return out;
}

/** a − b with every negative (or zero) result, and every name only in b, as 0. */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(a)) {
    const d = k in b ? subtractQuantities(v, b[k]) : v;
    out[k] = d.nano > 0n ? d : ZERO;
  }
  for (const k of Object.keys(b)) if (!(k in out)) out[k] = ZERO;
  return out;
}

/** Only the entries whose names are in names. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = {};
  for (const n of names) if (n in list) out[n] = list[n];
  return out;
}

export function removeZeros(list: ResourceList): ResourceList {
  const out: ResourceList = {};
  for (const [k, v] of Object.entries(list)) if (v.nano !== 0n) out[k] = v;
  return out;
}

/** Names whose quantity is below zero. */
export function negativeNames(list: ResourceList): string[] {
  return Object.keys(list).filter((k) => list[k].nano < 0n).sort();
}

/** Same names, and equal quantities for each (quota.Equals). */
export function listsEqual(a: ResourceList, b: ResourceList): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k in b && compareQuantity(a[k], b[k]) === 0);
}

/** The names of a whose quantity is above b's (names b lacks are not limited). */
export function exceededNames(a: ResourceList, b: ResourceList): string[] {
  return Object.keys(a).filter((k) => k in b && compareQuantity(a[k], b[k]) > 0).sort();
}

/** "requests.cpu=2,requests.memory=1Gi": names sorted, as quota errors print lists. */
export function prettyPrint(list: ResourceList): string {
  return Object.keys(list).sort().map((k) => `${k}=${formatQuantity(list[k])}`).join(',');
}

/** Adds new into list in place (component-helpers' addResourceList). */
export function addInto(list: ResourceList, more: ResourceList): void {
  for (const [k, v] of Object.entries(more)) list[k] = k in list ? addQuantities(list[k], v) : v;
}

/** Raises each entry of list to new's where new is larger (component-helpers' maxResourceList). */
export function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [k, v] of Object.entries(other)) if (!(k in list) || compareQuantity(v, list[k]) > 0) list[k] = v;
}
