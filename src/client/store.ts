/**
 * The informer's store: objects by key ("namespace/name", or "name" for cluster-scoped objects) with
 * indexes (by namespace, and any custom ones: by spec.nodeName, by owner uid…). Reads hand out the
 * stored objects themselves, never copies: callers must treat them as read-only and clone before
 * changing one.
 */
import type { KObject } from '../api/index.js';

/** The values an object is indexed under (an object may have several, or none). */
export type IndexFunc<T> = (obj: T) => string[];

export const NAMESPACE_INDEX = 'namespace';

export function keyOf(obj: KObject): string {
  const ns = obj.metadata.namespace;
  return ns ? `${ns}/${obj.metadata.name ?? ''}` : obj.metadata.name ?? '';
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export const namespaceIndex: IndexFunc<KObject> = (o) => (o.metadata.namespace ? [o.metadata.namespace] : []);

/** Indexes objects by the uid of each owner reference. */
export const ownerUidIndex: IndexFunc<KObject> = (o) => (o.metadata.ownerReferences ?? []).map((r) => r.uid);

export class Store<T extends KObject> {
  private items = new Map<string, T>();
  private indexers = new Map<string, IndexFunc<T>>();
  private indices = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Record<string, IndexFunc<T>> = {}) {
    this.addIndexers({ [NAMESPACE_INDEX]: namespaceIndex, ...indexers });
  }

  /** Adds indexes, building them over the objects already stored. */
  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.indexers.has(name)) {
        if (this.indexers.get(name) === fn) continue;
        throw new Error(`Cannot add indexer ${name}: an indexer with that name exists`);
      }
      this.indexers.set(name, fn);
      const index = new Map<string, Set<string>>();
      this.indices.set(name, index);
      for (const [key, obj] of this.items) for (const v of fn(obj)) addTo(index, v, key);
    }
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  getByName(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  /** A new array of the stored objects (the objects themselves are shared). */
  list(): T[] {
    return [...this.items.values()];
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Objects whose indexer `index` gives `value`. */
  byIndex(index: string, value: string): T[] {
    const keys = this.indexFor(index).get(value);
    if (!keys) return [];
    const out: T[] = [];
    for (const k of keys) out.push(this.items.get(k) as T);
    return out;
  }

  /** The keys under one index value. */
  indexKeys(index: string, value: string): string[] {
    return [...(this.indexFor(index).get(value) ?? [])];
  }

  /** Stores obj under key; returns what was there. */
  set(key: string, obj: T): T | undefined {
    const old = this.items.get(key);
    this.items.set(key, obj);
    this.reindex(key, old, obj);
    return old;
  }

  /** Removes key; returns what was there. */
  delete(key: string): T | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.items.delete(key);
    this.reindex(key, old, undefined);
    return old;
  }

  private indexFor(index: string): Map<string, Set<string>> {
    const ix = this.indices.get(index);
    if (!ix) throw new Error(`Cannot read index ${index}: no such indexer`);
    return ix;
  }

  private reindex(key: string, old: T | undefined, cur: T | undefined): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name) as Map<string, Set<string>>;
      const before = old ? fn(old) : [];
      const after = cur ? fn(cur) : [];
      if (before.length === 1 && after.length === 1 && before[0] === after[0]) continue;
      for (const v of before) if (!after.includes(v)) removeFrom(index, v, key);
      for (const v of after) addTo(index, v, key);
    }
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let s = index.get(value);
  if (!s) index.set(value, (s = new Set()));
  s.add(key);
}

function removeFrom(index: Map<string, Set<string>>, value: string, key: string): void {
  const s = index.get(value);
  if (!s) return;
  s.delete(key);
  if (!s.size) index.delete(value);
}
