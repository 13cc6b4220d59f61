/**
 * Removing a set of fields from a value (how apply drops what a manager stopped applying), and
 * completing a set with the named struct fields on the way to its members, so that removing
 * `spec.replicas` can be told apart from removing the whole `spec`.
 */
import { FieldSet } from './field-set.js';
import { itemKey } from './item-key.js';
import { fieldPE } from './path-element.js';
import { childNode, DEDUCED, resolve, type TypeNode } from './type-node.js';
import { isObject } from './values.js';

/** The value without the members of `toRemove` (a removed map or struct field leaves null behind when it empties its parent). */
export function removeItems(value: unknown, toRemove: FieldSet, node: TypeNode): unknown {
  const n = resolve(node, value);
  if (n.kind === 'scalar') return value;
  if (n.kind === 'list') {
    if (!Array.isArray(value) || value.length === 0 || n.atomic) return null;
    const out: unknown[] = [];
    for (const item of value) {
      const k = itemKey(n, item);
      if (!('pe' in k)) {
        out.push(item);
        continue;
      }
      if (toRemove.has([k.pe])) continue;
      const sub = toRemove.withPrefix(k.pe);
      out.push(sub.empty() ? item : removeItems(item, sub, n.items()));
    }
    return out.length > 0 ? out : null;
  }
  if (!isObject(value) || Object.keys(value).length === 0 || n.atomic) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const pe = fieldPE(k);
    if (toRemove.has([pe])) continue;
    const sub = toRemove.withPrefix(pe);
    out[k] = sub.empty() ? v : removeItems(v, sub, childNode(n, k) ?? DEDUCED);
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The set plus every declared struct field that has members beneath it. */
export function ensureNamedFieldsAreMembers(s: FieldSet, node: TypeNode | undefined): FieldSet {
  const out = new FieldSet();
  for (const [k, pe] of s.members) out.members.set(k, pe);
  const n = node && node.kind !== 'deduced' && node.kind !== 'untyped' ? node : undefined;
  for (const [k, c] of s.children) {
    let childType: TypeNode | undefined;
    if (c.pe.kind === 'field' && n?.kind === 'map') {
      const declared = n.field(c.pe.name);
      if (declared) out.members.set(k, c.pe);
      childType = declared ?? n.element();
    } else if (c.pe.kind === 'key' && n?.kind === 'list') {
      childType = n.items();
    } else if (node?.kind === 'deduced' && c.pe.kind === 'field') {
      childType = DEDUCED;
    }
    out.children.set(k, { pe: c.pe, set: ensureNamedFieldsAreMembers(c.set, childType) });
  }
  return out;
}
