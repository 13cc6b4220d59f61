/**
 * Lists in a strategic merge patch. A list field with patchStrategy "merge" is merged: lists of maps
 * item by item on the merge key (`{"name": "x", "$patch": "delete"}` removes an item,
 * `{"$patch": "replace"}` makes the rest of the patch list the whole list), lists of primitives as a
 * union (or, for `$deleteFromPrimitiveList/<field>`, a removal). Any other list is replaced whole.
 */
import {
  errBadPatchType, errElementTypes, errNoListOfLists, errNoMergeKey, errNoMergeKeyDeclared, type JsonMap,
} from './strategic-errors.js';
import { enforceOrder, findByKey } from './strategic-order.js';
import type { ListMeta, Node } from './strategic-schema.js';
import { DIRECTIVE, fresh, freshList, hasOwn, withoutDirective } from './strategic-values.js';

/** Merges a patch map into an original map; both are owned by the merge and may be changed. */
export type MergeMap = (original: JsonMap, patch: JsonMap, node: Node) => JsonMap;

type ElementKind = 'map' | 'list' | 'string' | 'int' | 'float' | 'bool' | 'nil';

function kindOf(v: unknown): ElementKind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  return 'string';
}

/** The one type shared by every item of the lists; lists of lists and mixed lists are errors. */
export function elementKind(...lists: readonly unknown[][]): ElementKind | undefined {
  let prev: ElementKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (prev === undefined) {
        if (k === 'list') throw errNoListOfLists();
        if (k === 'nil') throw errElementTypes(lists as unknown[][]);
        prev = k;
      } else if (k !== prev) {
        throw errElementTypes(lists as unknown[][]);
      }
    }
  }
  return prev;
}

/**
 * The original list as Kubernetes still sees it after merging: its merge removes deleted items by
 * shifting the rest left within the original's storage and then appends new items into the freed
 * slots, and it later orders a `$setElementOrder` list by what that storage holds.
 */
class ServerView {
  readonly slots: unknown[];
  private used: number;

  constructor(original: readonly unknown[]) {
    this.slots = [...original];
    this.used = original.length;
  }

  remove(i: number): void {
    this.slots.copyWithin(i, i + 1, this.used);
    this.used--;
  }

  append(item: unknown): void {
    if (this.used < this.slots.length) this.slots[this.used++] = item;
  }
}

/**
 * Applies the patch items that carry `$patch`: deletions remove the original's items with that merge
 * key, a replace marker makes the other patch items the whole list.
 */
function applySpecialItems(original: unknown[], patch: JsonMap[], mergeKey: string, view: ServerView): { server: unknown[]; items: JsonMap[]; replace: boolean } {
  let server = original;
  const items: JsonMap[] = [];
  let replace = false;
  for (const item of patch) {
    if (!hasOwn(item, DIRECTIVE)) { items.push(item); continue; }
    const d = item[DIRECTIVE];
    if (d === 'delete') {
      if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
      const value = item[mergeKey];
      while (true) {
        const i = findByKey(server, mergeKey, value);
        if (i < 0) break;
        server = [...server.slice(0, i), ...server.slice(i + 1)];
        view.remove(i);
      }
    } else if (d === 'replace') {
      replace = true;
    } else if (d === 'merge') {
      items.push(withoutDirective(item));
    } else {
      throw errBadPatchType(d, item);
    }
  }
  if (replace) return { server: freshList(items), items: [], replace };
  return { server, items, replace };
}

function dedupe(list: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of list) if (!out.includes(v)) out.push(v);
  return out;
}

export interface MergedList {
  list: unknown[];
  /** The server's order for a later `$setElementOrder` (see ServerView). */
  serverOrder: unknown[];
}

/** Kubernetes' mergeSlice: a merging list, or a `$deleteFromPrimitiveList` removal. */
function mergeList(original: unknown[], patch: unknown[], meta: ListMeta, deleteList: boolean, mergeMap: MergeMap): MergedList {
  if (original.length === 0 && patch.length === 0) return { list: original, serverOrder: original };
  const kind = elementKind(original, patch);
  if (kind !== 'map') {
    if (deleteList) return { list: original.filter((v) => !patch.includes(v)), serverOrder: original };
    const list = enforceOrder(dedupe([...original, ...patch]), patch, original, { maps: false, mergeKey: '' });
    return { list, serverOrder: original };
  }
  const { mergeKey } = meta;
  if (mergeKey === '') throw errNoMergeKeyDeclared(meta.items);
  const view = new ServerView(original);
  const { server, items, replace } = applySpecialItems(original, patch as JsonMap[], mergeKey, view);
  const merged = [...server];
  for (const item of items) {
    if (!hasOwn(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    const i = findByKey(merged, mergeKey, item[mergeKey]);
    if (i >= 0) {
      merged[i] = mergeMap(merged[i] as JsonMap, item, meta.items);
    } else {
      const added = fresh(item);
      merged.push(added);
      if (!replace) view.append(added);
    }
  }
  return { list: enforceOrder(merged, items, server, { maps: true, mergeKey }), serverOrder: view.slots };
}

/** The new value of a list field present in both the original and the patch. */
export function mergeListField(original: unknown[], patch: unknown[], meta: ListMeta, deleteList: boolean, mergeMap: MergeMap): MergedList {
  if (meta.strategy === 'merge' || deleteList) return mergeList(original, patch, meta, deleteList, mergeMap);
  return { list: freshList(patch), serverOrder: original };
}
