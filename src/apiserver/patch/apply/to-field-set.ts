/**
 * The set of fields a value sets, as structured-merge-diff computes it: every scalar, every atomic
 * list or map (owned whole), every item of a granular list, every map key, and struct fields whose
 * value is null or an empty object. Struct fields with content are not members themselves (only
 * their contents are), which is why applied sets read `{"f:spec":{"f:replicas":{}}}`.
 */
import { FieldSet } from './field-set.js';
import { itemKey } from './item-key.js';
import { fieldPE, serializePE, type PathElement } from './path-element.js';
import { childNode, DEDUCED, resolve, type TypeNode } from './type-node.js';
import { isObject } from './values.js';

export function toFieldSet(value: unknown, node: TypeNode): FieldSet {
  const set = new FieldSet();
  walk(set, [], value, node);
  return set;
}

function walk(set: FieldSet, path: PathElement[], v: unknown, node: TypeNode): void {
  const n = resolve(node, v);
  if (n.kind === 'scalar') {
    set.insert(path);
    return;
  }
  if (n.kind === 'list') {
    if (n.atomic) {
      set.insert(path);
      return;
    }
    if (!Array.isArray(v)) return;
    const keys = v.map((item) => itemKey(n, item));
    const seen = new Set<string>();
    const dups = new Set<string>();
    for (const k of keys) {
      if (!('pe' in k)) continue;
      const s = serializePE(k.pe);
      if (seen.has(s)) {
        if (!dups.has(s)) {
          dups.add(s);
          set.insert([...path, k.pe]);
        }
      } else seen.add(s);
    }
    v.forEach((item, i) => {
      const k = keys[i];
      if (!('pe' in k) || dups.has(serializePE(k.pe))) return;
      const p = [...path, k.pe];
      walk(set, p, item, n.items());
      set.insert(p);
    });
    return;
  }
  if (n.atomic) {
    set.insert(path);
    return;
  }
  if (!isObject(v)) return;
  for (const [key, val] of Object.entries(v)) {
    if (val === undefined) continue;
    const p = [...path, fieldPE(key)];
    walk(set, p, val, childNode(n, key) ?? DEDUCED);
    if (val === null || (isObject(val) && Object.keys(val).length === 0) || !n.field(key)) set.insert(p);
  }
}
