/**
 * The order of a merged list, as Kubernetes computes it: the items named by the patch (or by its
 * `$setElementOrder` list) keep the patch's order, the items only the server has keep theirs, and the
 * two are interleaved by their positions in the server's list, so that an item added by the patch
 * lands next to its neighbours instead of at the end.
 */
import {
  errBadArgType, errNoMergeKey, errNotAMap, errOrderMismatch, isMap, MAP_TYPE, type JsonMap,
} from './strategic-errors.js';

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Items are identified by their merge key's value (maps) or by themselves (primitives). */
export interface Identity { mergeKey: string; maps: boolean }

function idOf(item: unknown, id: Identity): unknown {
  if (!id.maps) return item;
  return isMap(item) && hasOwn(item, id.mergeKey) ? item[id.mergeKey] : null;
}

function indexOf(list: readonly unknown[], item: unknown, id: Identity): number {
  const want = idOf(item, id);
  return list.findIndex((v) => idOf(v, id) === want);
}

/** The position of the first map in `list` whose `key` equals `value`; non-maps are an error. */
export function findByKey(list: readonly unknown[], key: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isMap(v)) throw errNotAMap(i);
    if (hasOwn(v, key) && v[key] === value) return i;
  }
  return -1;
}

function requireMergeKeys(mergeKey: string, ...lists: readonly unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isMap(item)) throw errBadArgType(MAP_TYPE, item);
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

export function isDeleteItem(v: unknown): boolean {
  return isMap(v) && v.$patch === 'delete';
}

/** Sorts `toSort` by the positions of its items in `order`; items `order` lacks keep their place after. */
function sortByOrder(toSort: unknown[], order: readonly unknown[], id: Identity): unknown[] {
  let items = toSort;
  let deletes: unknown[] = [];
  if (id.maps) {
    requireMergeKeys(id.mergeKey, toSort, order as unknown[]);
    deletes = items.filter(isDeleteItem);
    items = items.filter((v) => !isDeleteItem(v));
  }
  const ranked = items.map((item, i) => ({ item, i, at: indexOf(order, item, id) }));
  const found = ranked.filter((r) => r.at >= 0).sort((a, b) => a.at - b.at || a.i - b.i);
  const missing = ranked.filter((r) => r.at < 0);
  return [...found, ...missing].map((r) => r.item).concat(deletes);
}

/**
 * Interleaves server-only items (`left`) into the patch's items (`right`): a server item goes first
 * only when both it and the next patch item are in the server's list and it comes earlier there.
 */
function interleave(left: unknown[], right: unknown[], serverOrder: readonly unknown[], id: Identity): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) { out.push(left[i++]); continue; }
    if (i >= left.length) { out.push(right[j++]); continue; }
    const li = indexOf(serverOrder, left[i], id);
    const ri = indexOf(serverOrder, right[j], id);
    if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return out;
}

/** Splits `merged` into the items present in `by` and the others, both in their current order. */
function partition(merged: readonly unknown[], by: readonly unknown[], id: Identity): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const others: unknown[] = [];
  for (const v of merged) {
    let present: boolean;
    if (id.maps) {
      if (!isMap(v)) throw errBadArgType(MAP_TYPE, v);
      if (!hasOwn(v, id.mergeKey)) throw errNoMergeKey(v, id.mergeKey);
      present = findByKey(by, id.mergeKey, v[id.mergeKey]) >= 0;
    } else {
      present = by.includes(v);
    }
    (present ? inBy : others).push(v);
  }
  return [inBy, others];
}

/**
 * Orders `merged`: items present in `patchOrder` follow it, the rest follow `serverOrder`, and the two
 * groups are interleaved by their positions in `serverOrder`.
 */
export function enforceOrder(merged: readonly unknown[], patchOrder: readonly unknown[], serverOrder: readonly unknown[], id: Identity): unknown[] {
  const [patchItems, serverOnly] = partition(merged, patchOrder, id);
  const sortedPatch = sortByOrder(patchItems, patchOrder, id);
  const sortedServer = sortByOrder(serverOnly, serverOrder, id);
  return interleave(sortedServer, sortedPatch, serverOrder, id);
}

function sameItem(a: unknown, b: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return a === b;
  if (!isMap(a)) throw errBadArgType(MAP_TYPE, a);
  if (!isMap(b)) throw errBadArgType(MAP_TYPE, b);
  if (!hasOwn(a, mergeKey)) throw errNoMergeKey(a, mergeKey);
  if (!hasOwn(b, mergeKey)) throw errNoMergeKey(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}

/**
 * Checks a `$setElementOrder` list against the patch's list: every item the patch sets (deletions
 * aside) must appear in the order list, in the same relative order.
 */
export function checkSetElementOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = patchList;
  if (mergeKey !== '') {
    for (const v of patchList) if (!isMap(v)) throw errBadArgType(MAP_TYPE, v);
    items = patchList.filter((v) => !isDeleteItem(v));
  }
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    const item = items[p];
    if (isMap(item) && hasOwn(item as JsonMap, '$patch')) { p++; continue; }
    if (sameItem(item, order[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= order.length) throw errOrderMismatch(patchList as unknown[], order as unknown[]);
}
