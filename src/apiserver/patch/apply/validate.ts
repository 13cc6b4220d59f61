/**
 * Checking an applied configuration against the schema before it is merged, with
 * structured-merge-diff's wording: fields the schema does not declare ("field not declared in
 * schema"), scalars of the wrong type, list items without keys and duplicated keys. Errors carry
 * the path where they were found (`.spec.template.spec.containers[name="web"].foo`).
 */
import { itemKey } from './item-key.js';
import { peString, serializePE } from './path-element.js';
import { resolve, type MapNode, type ScalarNode, type TypeNode } from './type-node.js';
import { isObject } from './values.js';

/** Go's %v of an unstructured value. */
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goV(v[k])}`).join(' ')}]`;
  return String(v);
}

/** Go's %T of an unstructured value. */
function goT(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return 'map[string]interface {}';
  return '<nil>';
}

function goSharpV(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  if (isObject(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goSharpV(v[k])}`).join(', ')}}`;
  return goV(v);
}

function scalarError(n: ScalarNode, v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const isScalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  switch (n.scalar) {
    case 'numeric': return typeof v === 'number' ? undefined : `expected numeric (int or float), got ${goT(v)}`;
    case 'string': return typeof v === 'string' ? undefined : `expected string, got &value.valueUnstructured{Value:${goSharpV(v)}}`;
    case 'boolean': return typeof v === 'boolean' ? undefined : `expected boolean, got &{${goV(v)}}`;
    case 'untyped': return isScalar ? undefined : `expected any scalar, got &{${goV(v)}}`;
  }
}

/** The errors of a value against a node, each "path: message". */
export function validateValue(value: unknown, node: TypeNode): string[] {
  const errs: string[] = [];
  walk(errs, '', value, node);
  return errs;
}

function walk(errs: string[], path: string, v: unknown, node: TypeNode): void {
  const n = resolve(node, v);
  const fail = (msg: string): void => { errs.push(path ? `${path}: ${msg}` : msg); };
  if (n.kind === 'scalar') {
    const e = scalarError(n, v);
    if (e) fail(e);
    return;
  }
  if (n.kind === 'list') {
    if (v === null || v === undefined) return;
    if (!Array.isArray(v)) { fail(`expected list, got &{${goV(v)}}`); return; }
    const seen = new Set<string>();
    for (let i = 0; i < v.length; i++) {
      let seg = `[${i}]`;
      if (!n.atomic) {
        const k = itemKey(n, v[i]);
        if ('error' in k) { fail(`element ${i}: ${k.error}`); return; }
        const s = serializePE(k.pe);
        if (seen.has(s)) fail(`duplicate entries for key ${peString(k.pe)}`);
        seen.add(s);
        seg = peString(k.pe);
      }
      walk(errs, path + seg, v[i], n.items());
    }
    return;
  }
  if (v === null || v === undefined) return;
  if (!isObject(v)) { fail(`expected map, got &{${goV(v)}}`); return; }
  walkMap(errs, path, v, n);
}

function walkMap(errs: string[], path: string, v: Record<string, unknown>, n: MapNode): void {
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined) continue;
    const child = n.field(k) ?? n.element();
    if (!child) {
      errs.push(`${path}.${k}: field not declared in schema`);
      return;
    }
    walk(errs, `${path}.${k}`, val, child);
  }
}

/** structured-merge-diff's rendering of several errors. */
export function validationMessage(errs: string[]): string {
  if (errs.length === 1) return errs[0];
  return ['errors:', ...errs.map((e) => `  ${e}`)].join('\n');
}
