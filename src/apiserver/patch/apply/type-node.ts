/**
 * The schema as server-side apply reads it, derived from the kinds' declarations the way Kubernetes
 * derives structured-merge-diff types from OpenAPI: scalars; lists that are atomic (owned whole),
 * sets (items keyed by value) or maps (items keyed by listMapKeys, or by the strategic merge key
 * when only patchStrategy "merge" is declared); and maps/structs that are granular or atomic
 * (x-kubernetes-map-type, atomic structs). `anyValue` fields are "deduced" from their value.
 */
import type { Field, ObjectSchema, Schema } from '../../../api/index.js';

export type ScalarKind = 'numeric' | 'string' | 'boolean' | 'untyped';

export interface ScalarNode { readonly kind: 'scalar'; readonly scalar: ScalarKind }

export interface ListNode {
  readonly kind: 'list';
  readonly atomic: boolean;
  /** Key fields of a map-list; empty for a set-list (and for atomic lists). */
  readonly keys: readonly string[];
  items(): TypeNode;
  /** The declared default of a key field, used when an item leaves the key out. */
  keyDefault(name: string): unknown;
}

export interface MapNode {
  readonly kind: 'map';
  readonly atomic: boolean;
  /** The type of a declared struct field, or undefined. */
  field(name: string): TypeNode | undefined;
  /** The type of map values and of undeclared fields; undefined when undeclared fields are errors. */
  element(): TypeNode | undefined;
}

/** A value of any shape: scalars, atomic lists, granular maps of deduced values. */
export interface DeducedNode { readonly kind: 'deduced' }
/** Inside an atomic deduced list: any shape, always owned whole. */
export interface UntypedNode { readonly kind: 'untyped' }

export type TypeNode = ScalarNode | ListNode | MapNode | DeducedNode | UntypedNode;

export const DEDUCED: DeducedNode = { kind: 'deduced' };
export const UNTYPED: UntypedNode = { kind: 'untyped' };

const plainCache = new WeakMap<Schema, TypeNode>();
const fieldCache = new WeakMap<Field, TypeNode>();

/** The node of a field (list and map semantics live on fields) or of a bare schema. */
export function nodeOf(schema: Schema, field?: Field): TypeNode {
  const cache = field ? fieldCache : plainCache;
  const key = (field ?? schema) as Field & Schema;
  let n = cache.get(key);
  if (!n) {
    n = build(schema, field);
    cache.set(key, n);
  }
  return n;
}

export function rootNode(schema: ObjectSchema): TypeNode {
  return nodeOf(schema);
}

function scalar(s: ScalarKind): ScalarNode {
  return { kind: 'scalar', scalar: s };
}

function listRelation(field: Field | undefined): { atomic: boolean; keys: readonly string[] } {
  if (field?.listType) {
    if (field.listType === 'map') return { atomic: false, keys: field.listMapKeys ?? [] };
    return { atomic: field.listType === 'atomic', keys: [] };
  }
  const strategies = (field?.patchStrategy ?? '').split(',');
  if (strategies.includes('merge')) return { atomic: false, keys: field?.mergeKey ? [field.mergeKey] : [] };
  return { atomic: true, keys: [] };
}

function build(schema: Schema, field: Field | undefined): TypeNode {
  switch (schema.type) {
    case 'string': return scalar(schema.format === 'date-time' ? 'untyped' : 'string');
    case 'integer':
    case 'number': return scalar('numeric');
    case 'boolean': return scalar('boolean');
    case 'int-or-string':
    case 'quantity': return scalar('untyped');
    case 'any': return DEDUCED;
    case 'array': {
      const rel = listRelation(field);
      const items = schema.items;
      return {
        kind: 'list',
        atomic: rel.atomic,
        keys: rel.keys,
        items: () => nodeOf(items),
        keyDefault: (name) => (items.type === 'object' && Object.prototype.hasOwnProperty.call(items.fields, name)
          ? items.fields[name].default : undefined),
      };
    }
    case 'map': {
      const values = schema.values;
      return { kind: 'map', atomic: field?.mapType === 'atomic', field: () => undefined, element: () => nodeOf(values) };
    }
    case 'object': {
      const obj = schema;
      return {
        kind: 'map',
        atomic: !!obj.atomic || field?.mapType === 'atomic',
        field: (name) => (Object.prototype.hasOwnProperty.call(obj.fields, name) ? nodeOf(obj.fields[name].schema, obj.fields[name]) : undefined),
        element: () => (obj.preserveUnknown ? DEDUCED : undefined),
      };
    }
  }
}

export type Shape = 'scalar' | 'list' | 'map';

export function shapeOf(v: unknown): Shape {
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object' && v !== null) return 'map';
  return 'scalar';
}

/** A deduced or untyped node narrowed to the shape of a value. */
export function resolve(node: TypeNode, v: unknown): ScalarNode | ListNode | MapNode {
  if (node.kind !== 'deduced' && node.kind !== 'untyped') return node;
  const shape = shapeOf(v);
  if (shape === 'list') {
    return { kind: 'list', atomic: true, keys: [], items: () => UNTYPED, keyDefault: () => undefined };
  }
  if (shape === 'map') {
    const atomic = node.kind === 'untyped';
    return { kind: 'map', atomic, field: () => undefined, element: () => (atomic ? UNTYPED : DEDUCED) };
  }
  return scalar('untyped');
}

/** The type of the value under `key` of a map node (declared field, else element type). */
export function childNode(m: MapNode, key: string): TypeNode | undefined {
  return m.field(key) ?? m.element();
}
