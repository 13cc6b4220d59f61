/**
 * Merging an applied configuration into the live object: the configuration wins wherever it says
 * something; atomic lists and maps are replaced whole; items of granular lists are matched by key,
 * keeping live-only items in place and the configuration's order for the items it names (the list
 * ordering of structured-merge-diff).
 */
import { itemKey } from './item-key.js';
import { peString, serializePE } from './path-element.js';
import { unionKeys } from './compare.js';
import { childNode, DEDUCED, resolve, type ListNode, type TypeNode } from './type-node.js';
import { isObject } from './values.js';

export class MergeError extends Error {}

/** The merged value, or undefined when neither side has anything. */
export function merge(lhs: unknown, rhs: unknown, node: TypeNode): unknown {
  const n = resolve(node, rhs !== undefined ? rhs : lhs);
  const leaf = (): unknown => (rhs !== undefined ? rhs : lhs);
  if (n.kind === 'scalar') return leaf();
  if (n.kind === 'list') {
    const ll = Array.isArray(lhs) ? lhs : undefined;
    const rl = Array.isArray(rhs) ? rhs : undefined;
    if (n.atomic || ((!ll || ll.length === 0) && (!rl || rl.length === 0))) return leaf();
    const out = mergeItems(n, ll ?? [], rl ?? []);
    return out.length > 0 ? out : undefined;
  }
  const lm = isObject(lhs) ? lhs : undefined;
  const rm = isObject(rhs) ? rhs : undefined;
  const lEmpty = !lm || Object.keys(lm).length === 0;
  const rEmpty = !rm || Object.keys(rm).length === 0;
  if (n.atomic || (lEmpty && rEmpty)) return leaf();
  const out: Record<string, unknown> = {};
  for (const k of unionKeys(lm, rm)) {
    const v = merge(lm?.[k], rm?.[k], childNode(n, k) ?? DEDUCED);
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

interface Indexed { keys: string[]; observed: Map<string, unknown> }

function index(n: ListNode, items: unknown[], allowDuplicates: boolean): Indexed {
  const keys: string[] = [];
  const observed = new Map<string, unknown>();
  items.forEach((item, i) => {
    const k = itemKey(n, item);
    if ('error' in k) throw new MergeError(`element ${i}: ${k.error}`);
    const s = serializePE(k.pe);
    if (observed.has(s)) {
      if (!allowDuplicates) throw new MergeError(`duplicate entries for key ${peString(k.pe)}`);
      // Duplicated live items are not merged with the configuration's item.
      observed.set(s, null);
    } else observed.set(s, item);
    keys.push(s);
  });
  return { keys, observed };
}

function mergeItems(n: ListNode, l: unknown[], r: unknown[]): unknown[] {
  const rhs = index(n, r, false);
  const lhs = index(n, l, true);
  const out: unknown[] = [];
  const push = (v: unknown): void => { if (v !== undefined) out.push(v); };
  const shared = rhs.keys.filter((k) => lhs.observed.has(k));
  let sharedAt = 0;
  let nextShared: string | undefined = shared[sharedAt];
  const advance = (): void => { sharedAt++; nextShared = shared[sharedAt]; };
  const mergedRHS = new Set<string>();
  let li = 0;
  let ri = 0;
  while (li < lhs.keys.length || ri < rhs.keys.length) {
    if (li < lhs.keys.length && ri < rhs.keys.length) {
      const k = lhs.keys[li];
      if (k === rhs.keys[ri]) {
        mergedRHS.add(k);
        push(merge(lhs.observed.get(k), rhs.observed.get(k), n.items()));
        li++;
        ri++;
        advance();
        continue;
      }
      if (rhs.observed.has(k) && nextShared !== undefined && nextShared !== k) {
        // A shared item, but not the next one the configuration wants.
        li++;
        continue;
      }
    }
    if (li < lhs.keys.length) {
      const k = lhs.keys[li];
      if (!rhs.observed.has(k)) {
        push(merge(l[li], undefined, n.items()));
        li++;
        continue;
      }
      if (mergedRHS.has(k)) li++;
    }
    if (ri < rhs.keys.length) {
      const k = rhs.keys[ri];
      mergedRHS.add(k);
      push(merge(lhs.observed.has(k) ? lhs.observed.get(k) : undefined, rhs.observed.get(k), n.items()));
      ri++;
      if (nextShared !== undefined && nextShared === k) advance();
    }
  }
  return out;
}
