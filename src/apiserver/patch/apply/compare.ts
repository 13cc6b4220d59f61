/**
 * Which fields differ between two versions of an object: added (only on the right), removed (only on
 * the left) and modified (both, different). Atomic lists and maps are compared whole; items of
 * granular lists are matched by key. Used to find what a write changed, and so who loses ownership
 * and who conflicts.
 */
import { FieldSet } from './field-set.js';
import { itemKey } from './item-key.js';
import { fieldPE, serializePE, type PathElement } from './path-element.js';
import { childNode, DEDUCED, resolve, type ListNode, type TypeNode } from './type-node.js';
import { isObject, valuesEqual, type JsonObject } from './values.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export function compare(lhs: unknown, rhs: unknown, node: TypeNode): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  cmp(c, [], lhs, rhs, node);
  return c;
}

export function isSame(c: Comparison): boolean {
  return c.added.empty() && c.modified.empty() && c.removed.empty();
}

function cmp(c: Comparison, path: PathElement[], l: unknown, r: unknown, node: TypeNode): void {
  const n = resolve(node, r !== undefined ? r : l);
  let inLeaf = false;
  const leaf = (): void => {
    inLeaf = true;
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
    else if (!valuesEqual(l, r)) c.modified.insert(path);
  };
  if (n.kind === 'scalar') leaf();
  else if (n.kind === 'list') {
    const ll = Array.isArray(l) ? l : undefined;
    const rl = Array.isArray(r) ? r : undefined;
    if (n.atomic || ((!ll || ll.length === 0) && (!rl || rl.length === 0))) leaf();
    else listItems(c, path, n, ll ?? [], rl ?? []);
  } else {
    const lm = isObject(l) ? l : undefined;
    const rm = isObject(r) ? r : undefined;
    const lEmpty = !lm || Object.keys(lm).length === 0;
    const rEmpty = !rm || Object.keys(rm).length === 0;
    if (n.atomic || (lEmpty && rEmpty)) leaf();
    else {
      for (const k of unionKeys(lm, rm)) {
        cmp(c, [...path, fieldPE(k)], lm?.[k], rm?.[k], childNode(n, k) ?? DEDUCED);
      }
    }
  }
  if (!inLeaf) {
    if (l === undefined) c.added.insert(path);
    else if (r === undefined) c.removed.insert(path);
  }
}

/** Keys of both maps: the left's in order, then the right's new ones. */
export function unionKeys(l: JsonObject | undefined, r: JsonObject | undefined): string[] {
  const out = Object.keys(l ?? {}).filter((k) => l?.[k] !== undefined);
  const seen = new Set(out);
  for (const k of Object.keys(r ?? {})) if (!seen.has(k) && r?.[k] !== undefined) out.push(k);
  return out;
}

interface Grouped { order: Array<{ key: string; pe: PathElement }>; values: Map<string, unknown[]> }

function group(list: ListNode, items: unknown[], into: Grouped, addOrder: boolean): void {
  for (const item of items) {
    const k = itemKey(list, item);
    if (!('pe' in k)) continue;
    const s = serializePE(k.pe);
    const existing = into.values.get(s);
    if (existing) existing.push(item);
    else {
      into.values.set(s, [item]);
      if (addOrder) into.order.push({ key: s, pe: k.pe });
    }
  }
}

function listItems(c: Comparison, path: PathElement[], n: ListNode, l: unknown[], r: unknown[]): void {
  const lg: Grouped = { order: [], values: new Map() };
  group(n, l, lg, true);
  const rg: Grouped = { order: [], values: new Map() };
  group(n, r, rg, true);
  const all = [...lg.order, ...rg.order.filter((x) => !lg.values.has(x.key))];
  for (const { key, pe } of all) {
    const ll = lg.values.get(key) ?? [];
    const rl = rg.values.get(key) ?? [];
    const p = [...path, pe];
    if (ll.length <= 1 && rl.length <= 1) {
      cmp(c, p, ll[0], rl[0], n.items());
    } else if (ll.length >= 2 && rl.length >= 2) {
      if (!valuesEqual(ll, rl)) c.modified.insert(p);
    } else if (ll.length >= 2) {
      if (rl.length) cmp(c, p, undefined, rl[0], n.items());
      c.removed.insert(p);
    } else {
      if (ll.length) cmp(c, p, ll[0], undefined, n.items());
      c.added.insert(p);
    }
  }
}
