/**
 * What strategic merge patch needs from the schema declarations: the schema of a field or map value,
 * and for list fields the patch strategy and merge key (the Go struct tags patchStrategy and
 * patchMergeKey). Fields the schema does not declare, and `anyValue` fields, have no schema: they
 * merge like JSON merge patch (maps merge key by key, lists are replaced).
 */
import type { Field, Schema } from '../../api/index.js';

/** The schema at some point of the document; undefined where nothing is declared. */
export type Node = Schema | undefined;

export type ListStrategy = 'merge' | 'replace';

export interface ListMeta {
  strategy: ListStrategy;
  /** Empty for lists of primitives and for lists that are replaced. */
  mergeKey: string;
  /** The schema of the list's items. */
  items: Node;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function fieldOf(node: Node, key: string): Field | undefined {
  if (node?.type !== 'object' || !hasOwn(node.fields, key)) return undefined;
  return node.fields[key];
}

/** The schema of the value under `key` of a map or object described by `node`. */
export function childOf(node: Node, key: string): Node {
  if (node?.type === 'map') return node.values;
  return fieldOf(node, key)?.schema;
}

/**
 * The strategy other than retainKeys. retainKeys only tells clients to send `$retainKeys`; the
 * server honours that directive wherever it appears.
 */
function strategyOf(field: Field | undefined): string {
  const parts = (field?.patchStrategy ?? '').split(',').filter((s) => s !== '' && s !== 'retainKeys');
  return parts[0] ?? '';
}

/** Whether an object field is replaced whole by a patch (patchStrategy "replace"). */
export function replacesMap(node: Node, key: string): boolean {
  return strategyOf(fieldOf(node, key)) === 'replace';
}

export function listMetaOf(node: Node, key: string): ListMeta {
  const field = fieldOf(node, key);
  const schema = node?.type === 'map' ? node.values : field?.schema;
  // A field declared as an object but patched as a list: its items are taken to be that object, as
  // Kubernetes does for pointer fields.
  const items = schema?.type === 'array' ? schema.items : schema;
  const strategy: ListStrategy = strategyOf(field) === 'merge' ? 'merge' : 'replace';
  return { strategy, mergeKey: strategy === 'merge' ? field?.mergeKey ?? '' : '', items };
}
