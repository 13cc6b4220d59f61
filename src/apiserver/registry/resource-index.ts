/**
 * The set of resources the server serves, looked up by URL parts (group, version, plural) and by
 * kind, with the storage location of each (several versions may share one store). Built-in kinds
 * are fixed at start; kinds served from CustomResourceDefinitions come and go at run time under a
 * key (the CRD's name). `resources` is a new array after every change, so whatever is computed once
 * per array (discovery and OpenAPI documents) is recomputed.
 */
import { apiVersionOf, type ResourceDef } from '../../api/index.js';

export interface StorageLocation {
  /** Group and resource under which objects are stored. */
  group: string;
  resource: string;
  /** The ResourceDef whose shape objects are stored in. */
  def: ResourceDef;
}

export class ResourceIndex {
  private byPath = new Map<string, ResourceDef>();
  private byKind = new Map<string, ResourceDef>();
  private readonly dynamic = new Map<string, readonly ResourceDef[]>();
  private current: readonly ResourceDef[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly builtin: readonly ResourceDef[]) {
    this.current = builtin;
    this.rebuild();
  }

  /** Every served resource: the built-in ones, then the dynamic ones. */
  get resources(): readonly ResourceDef[] {
    return this.current;
  }

  /**
   * Serves `defs` under `key`, replacing what was served under it before (an empty list removes it).
   * A dynamic resource never hides a built-in one of the same group/version/plural.
   */
  setDynamic(key: string, defs: readonly ResourceDef[]): void {
    if (defs.length === 0) {
      if (!this.dynamic.delete(key)) return;
    } else {
      this.dynamic.set(key, defs);
    }
    this.current = [...this.builtin, ...[...this.dynamic.values()].flat()];
    this.rebuild();
    for (const l of this.listeners) l();
  }

  /** The dynamic resources served under key. */
  dynamicOf(key: string): readonly ResourceDef[] {
    return this.dynamic.get(key) ?? [];
  }

  /** Calls listener after every change of the served set; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  private rebuild(): void {
    const byPath = new Map<string, ResourceDef>();
    const byKind = new Map<string, ResourceDef>();
    for (const r of this.builtin) {
      byPath.set(`${r.group}/${r.version}/${r.plural}`, r);
      byKind.set(`${apiVersionOf(r)}/${r.kind}`, r);
    }
    for (const r of [...this.dynamic.values()].flat()) {
      const path = `${r.group}/${r.version}/${r.plural}`;
      if (!byPath.has(path)) byPath.set(path, r);
      const kind = `${apiVersionOf(r)}/${r.kind}`;
      if (!byKind.has(kind)) byKind.set(kind, r);
    }
    this.byPath = byPath;
    this.byKind = byKind;
  }

  lookup(group: string, version: string, plural: string): ResourceDef | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  byApiVersionKind(apiVersion: string, kind: string): ResourceDef | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** Where a resource's objects are stored. */
  storageOf(def: ResourceDef): StorageLocation {
    if (def.storage) {
      const target = this.lookup(def.storage.group, def.storage.version, def.storage.resource);
      if (!target) throw new Error(`Cannot find storage ${def.storage.group}/${def.storage.version}/${def.storage.resource} for ${def.plural}`);
      return { group: def.storage.group, resource: def.storage.resource, def: target };
    }
    return { group: def.group, resource: def.plural, def };
  }

  /** Every distinct storage location. */
  storages(): StorageLocation[] {
    const seen = new Map<string, StorageLocation>();
    for (const r of this.resources) {
      const s = this.storageOf(r);
      seen.set(`${s.group}/${s.resource}`, s);
    }
    return [...seen.values()];
  }

  groupVersions(): Array<{ group: string; version: string }> {
    const seen = new Map<string, { group: string; version: string }>();
    for (const r of this.resources) seen.set(apiVersionOf(r), { group: r.group, version: r.version });
    return [...seen.values()];
  }
}

/** /registry/<group or core>/<resource>/[<namespace>/]<name> */
export function storageKey(loc: { group: string; resource: string }, namespace: string | undefined, name: string): string {
  return `${storagePrefix(loc, namespace)}${name}`;
}

export function storagePrefix(loc: { group: string; resource: string }, namespace?: string): string {
  const base = `/registry/${loc.group || 'core'}/${loc.resource}/`;
  return namespace ? `${base}${namespace}/` : base;
}
