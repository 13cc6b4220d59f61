/**
 * The set of resources the server serves, looked up by URL parts (group, version, plural) and by
 * kind, with the storage location of each (several versions may share one store).
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

  constructor(readonly resources: readonly ResourceDef[]) {
    for (const r of resources) {
      this.byPath.set(`${r.group}/${r.version}/${r.plural}`, r);
      this.byKind.set(`${apiVersionOf(r)}/${r.kind}`, r);
    }
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
