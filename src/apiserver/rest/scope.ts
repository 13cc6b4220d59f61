/** What a request addresses: a resource, its storage, and an optional namespace. */
import { apiVersionOf, type KObject, type QualifiedResource, type ResourceDef } from '../../api/index.js';
import { storageKey, storagePrefix, type StorageLocation } from '../registry/resource-index.js';

export interface Scope {
  def: ResourceDef;
  loc: StorageLocation;
  /** The namespace from the URL (undefined: cluster-scoped, or all namespaces for a list). */
  namespace?: string;
}

export function qualifiedResource(def: ResourceDef): QualifiedResource {
  return { group: def.group, resource: def.plural };
}

export function keyOf(scope: Scope, name: string): string {
  return storageKey(scope.loc, scope.def.namespaced ? scope.namespace : undefined, name);
}

export function prefixOf(scope: Scope): string {
  return storagePrefix(scope.loc, scope.def.namespaced ? scope.namespace : undefined);
}

/** Converts a stored object to the requested version's shape (a no-op for single-version kinds). */
export function fromStorage(def: ResourceDef, obj: KObject): KObject {
  const out = def.storage ? def.storage.fromStorage(obj) : obj;
  out.apiVersion = apiVersionOf(def);
  out.kind = def.kind;
  return out;
}

/** Converts an object of def's version to the storage shape. */
export function toStorage(scope: Scope, obj: KObject): KObject {
  const out = scope.def.storage ? scope.def.storage.toStorage(obj) : obj;
  out.apiVersion = apiVersionOf(scope.loc.def);
  out.kind = scope.loc.def.kind;
  return out;
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}
