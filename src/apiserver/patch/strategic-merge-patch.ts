/**
 * Strategic merge patch (application/strategic-merge-patch+json), applied on the server the way
 * Kubernetes' strategicpatch package applies it, with the list semantics taken from the kind's schema
 * declaration (patchStrategy and mergeKey of each field):
 *
 * - maps merge key by key; `null` deletes a key; `$patch: replace` replaces the map, `$patch: delete`
 *   empties it; `$retainKeys: [...]` drops the original's keys not listed (union types such as a
 *   deployment's strategy or a volume's source);
 * - merging lists merge by merge key or as sets of primitives (see strategic-lists.ts), ordered by
 *   `$setElementOrder/<field>` when present; `$deleteFromPrimitiveList/<field>` removes primitives;
 * - other lists, and everything under fields the schema does not declare or declares as any value,
 *   are replaced whole, as JSON merge patch does.
 *
 * Neither input is changed. Failures are StatusErrors worded as Kubernetes words them.
 */
import { badRequest, isStatusError, type ObjectSchema } from '../../api/index.js';
import {
  errBadArgType, errBadPatchType, errPrimitiveListFormat, errRetainKeysFormat, errSetElementOrderFormat,
  isMap, LIST_TYPE, type JsonMap,
} from './strategic-errors.js';
import { elementKind, mergeListField } from './strategic-lists.js';
import { checkSetElementOrder, enforceOrder } from './strategic-order.js';
import { childOf, listMetaOf, replacesMap, type Node } from './strategic-schema.js';
import {
  copyJson, DELETE_FROM_PRIMITIVE_LIST, DIRECTIVE, DROP, fresh, freshList, hasOwn, put, RETAIN_KEYS,
  SET_ELEMENT_ORDER, withoutDirective,
} from './strategic-values.js';

/** The field a `$setElementOrder/<field>` or `$deleteFromPrimitiveList/<field>` key refers to. */
function directiveField(key: string, prefix: string, fail: () => Error): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw fail();
  return key.slice(slash + 1);
}

/** `$retainKeys`: every key the patch sets must be listed; the original keeps only listed keys. */
function applyRetainKeys(original: JsonMap, patch: JsonMap): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const listed = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(listed)) throw errRetainKeysFormat();
  const keep = new Set<unknown>(listed);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw errRetainKeysFormat();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/**
 * `$setElementOrder/<field>`: merges the field's patch list (if any) into the original's and puts the
 * result in the given order, the server-only items keeping their places relative to it.
 */
function applySetElementOrder(original: JsonMap, patch: JsonMap, node: Node): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType(LIST_TYPE, order);
    const name = directiveField(key, SET_ELEMENT_ORDER, errSetElementOrderFormat);
    const inOriginal = hasOwn(original, name);
    const inPatch = hasOwn(patch, name);
    const originalList = original[name];
    const patchList = patch[name];
    if (inOriginal && !Array.isArray(originalList)) throw errBadArgType(LIST_TYPE, originalList);
    if (inPatch && !Array.isArray(patchList)) throw errBadArgType(LIST_TYPE, patchList);
    const ol = (originalList ?? []) as unknown[];
    const pl = (patchList ?? []) as unknown[];
    const meta = listMetaOf(node, name);
    checkSetElementOrder(pl, order, meta.mergeKey);

    let merged: unknown[];
    let serverOrder = ol;
    if (inOriginal && inPatch) ({ list: merged, serverOrder } = mergeListField(ol, pl, meta, false, mergeMap));
    else if (inOriginal) merged = ol;
    else if (inPatch) merged = freshList(pl);
    else continue;

    const kind = elementKind(ol, pl);
    const orderable = kind !== undefined && !(kind === 'map' && meta.mergeKey === '');
    if (orderable) merged = enforceOrder(merged, order, serverOrder, { maps: meta.mergeKey !== '', mergeKey: meta.mergeKey });
    put(original, name, merged);
    delete patch[name];
  }
}

function sameKind(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b);
  if (isMap(a) || isMap(b)) return isMap(a) && isMap(b);
  return typeof a === typeof b && (a === null) === (b === null);
}

/** Merges one patch entry into the original map. */
function mergeEntry(original: JsonMap, key: string, value: unknown, node: Node, deleteList: boolean): void {
  if (value === null) {
    delete original[key];
    return;
  }
  const current = hasOwn(original, key) ? original[key] : undefined;
  if (current === undefined || !sameKind(current, value)) {
    if (deleteList) return;
    const v = fresh(value);
    if (v === DROP) delete original[key];
    else put(original, key, v);
    return;
  }
  if (isMap(value)) {
    if (replacesMap(node, key)) {
      const v = fresh(value);
      put(original, key, v === DROP ? {} : v);
    } else {
      put(original, key, mergeMap(current as JsonMap, value, childOf(node, key)));
    }
  } else if (Array.isArray(value)) {
    put(original, key, mergeListField(current as unknown[], value, listMetaOf(node, key), deleteList, mergeMap).list);
  } else {
    put(original, key, value);
  }
}

/** Kubernetes' mergeMap, on maps owned by the merge (both may be changed). */
function mergeMap(original: JsonMap, patch: JsonMap, node: Node): JsonMap {
  if (hasOwn(patch, DIRECTIVE)) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') return fresh(withoutDirective(patch)) as JsonMap;
    if (d === 'delete') return {};
    if (d !== 'merge') throw errBadPatchType(d, patch);
    delete patch[DIRECTIVE];
  }
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, node);
  const deletions: [string, unknown][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      deletions.push([directiveField(key, DELETE_FROM_PRIMITIVE_LIST, errPrimitiveListFormat), value]);
    } else {
      mergeEntry(original, key, value, node, false);
    }
  }
  for (const [key, value] of deletions) mergeEntry(original, key, value, node, true);
  return original;
}

/**
 * Applies a strategic merge patch to `original` (an object of the kind `schema` declares) and returns
 * the patched object. Throws a StatusError when the patch is malformed.
 */
export function applyStrategicMergePatch(schema: ObjectSchema, original: unknown, patch: Record<string, unknown>): unknown {
  if (!isMap(patch)) throw badRequest('json: cannot unmarshal non-object into Go value of type map[string]interface {}');
  try {
    const o = isMap(original) ? copyJson(original) as JsonMap : {};
    return mergeMap(o, copyJson(patch) as JsonMap, schema);
  } catch (e) {
    if (isStatusError(e)) throw e;
    if (e instanceof RangeError) throw badRequest('json: exceeded max depth');
    throw e;
  }
}
