/**
 * The path element that names an item of a non-atomic list: for map-lists the values of its key
 * fields (a missing key takes its declared default, as `protocol: TCP` for ports), for set-lists the
 * item's own value.
 */
import { keyPE, type PathElement } from './path-element.js';
import type { ListNode } from './type-node.js';
import { isObject } from './values.js';

export type ItemKey = { pe: PathElement } | { error: string };

function goStrings(keys: readonly string[]): string {
  return `[${keys.map((k) => JSON.stringify(k)).join(' ')}]`;
}

export function itemKey(list: ListNode, item: unknown): ItemKey {
  if (list.keys.length > 0) {
    if (item === null || item === undefined) return { error: 'associative list with keys may not have a null element' };
    if (!isObject(item)) return { error: 'associative list with keys may not have non-map elements' };
    const fields: Array<readonly [string, unknown]> = [];
    for (const k of list.keys) {
      if (Object.prototype.hasOwnProperty.call(item, k) && item[k] !== undefined) fields.push([k, item[k]]);
      else {
        const d = list.keyDefault(k);
        if (d !== undefined && d !== null) fields.push([k, d]);
      }
    }
    if (fields.length === 0) {
      return { error: `associative list with keys has an element that omits all key fields ${goStrings(list.keys)} (and doesn't have default values for any key fields)` };
    }
    return { pe: keyPE(fields) };
  }
  if (Array.isArray(item)) return { error: 'not supported: associative list with lists as elements' };
  if (isObject(item)) return { error: "associative list without keys has an element that's a map type" };
  if (item === null || item === undefined) return { error: "associative list without keys has an element that's an explicit null" };
  return { pe: { kind: 'value', value: item } };
}

/** Keys of every item, or the first error with the index of the item that caused it. */
export function itemKeys(list: ListNode, items: readonly unknown[]): { pes: PathElement[] } | { error: string; index: number } {
  const pes: PathElement[] = [];
  for (let i = 0; i < items.length; i++) {
    const k = itemKey(list, items[i]);
    if ('error' in k) return { error: k.error, index: i };
    pes.push(k.pe);
  }
  return { pes };
}
