/**
 * Structural defaulting of a custom resource: a property absent from an object gets a copy of its
 * schema's `default`, at every depth (object properties, array items, map values), as the
 * apiextensions server does after pruning. Values present (null included, unless the schema is not
 * nullable: then null is replaced by the default) are left alone.
 */
import { additionalOf, itemsOf, type Props } from './props.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fills defaults into value (mutated) per schema p. */
export function applyDefaults(p: Props, value: unknown): void {
  if (Array.isArray(value)) {
    const items = itemsOf(p);
    if (items) for (const item of value) applyDefaults(items, item);
    return;
  }
  if (!isObject(value)) return;
  for (const [k, s] of Object.entries(p.properties ?? {})) {
    const absent = !(k in value) || (value[k] === null && !s.nullable);
    if (absent && s.default !== undefined) value[k] = structuredClone(s.default);
    if (k in value) applyDefaults(s, value[k]);
  }
  const extra = additionalOf(p);
  if (extra) for (const [k, v] of Object.entries(value)) if (!(p.properties && k in p.properties)) applyDefaults(extra, v);
}
