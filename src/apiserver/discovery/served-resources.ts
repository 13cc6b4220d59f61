/**
 * What discovery describes, gathered from the ResourceDefs and the virtual resources: one entry per
 * group/version/resource (ResourceDefs win over a virtual resource of the same name), and the
 * groups with their versions in preference order.
 */
import { ALL_VERBS, type ResourceDef } from '../../api/index.js';
import { storageVersionHash } from './storage-version-hash.js';
import { subresourcesOf, type Subresource } from './subresources.js';
import { compareGroups, compareVersions } from './version-priority.js';
import { virtualResources } from './virtual-resources.js';

export interface ServedResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  /** Sorted, as Kubernetes lists them. */
  verbs: string[];
  shortNames: string[];
  categories: string[];
  /** Absent for virtual resources, which are never stored. */
  storageVersionHash?: string;
  subresources: Subresource[];
}

export interface ServedGroup {
  /** "" for the legacy core group. */
  name: string;
  /** Preferred first. */
  versions: string[];
}

/**
 * Whether objects of the kind are kept in storage. Kubernetes gives a storageVersionHash only to
 * stored resources; the ones computed on request (componentstatuses: get and list) or acted on and
 * dropped (bindings: create) serve no create-and-list pair.
 */
function isStored(def: ResourceDef): boolean {
  const verbs = def.verbs ?? ALL_VERBS;
  return verbs.includes('create') && verbs.includes('list');
}

function fromDef(def: ResourceDef): ServedResource {
  const stored = def.storage ?? def;
  return {
    group: def.group,
    version: def.version,
    kind: def.kind,
    plural: def.plural,
    singular: def.singular,
    namespaced: def.namespaced,
    verbs: [...(def.verbs ?? ALL_VERBS)].sort(),
    shortNames: [...(def.shortNames ?? [])],
    categories: [...(def.categories ?? [])],
    storageVersionHash: isStored(def) ? storageVersionHash(stored.group, stored.version, def.kind) : undefined,
    subresources: subresourcesOf(def),
  };
}

const key = (r: { group: string; version: string; plural: string }): string => `${r.group}/${r.version}/${r.plural}`;

/** Every served resource, sorted by group priority, version preference, then plural. */
export function servedResources(resources: readonly ResourceDef[]): ServedResource[] {
  const byKey = new Map<string, ServedResource>();
  for (const def of resources) if (!byKey.has(key(def))) byKey.set(key(def), fromDef(def));
  for (const v of virtualResources) {
    if (byKey.has(key(v))) continue;
    byKey.set(key(v), {
      group: v.group, version: v.version, kind: v.kind, plural: v.plural, singular: v.singular,
      namespaced: v.namespaced, verbs: [...v.verbs].sort(), shortNames: [], categories: [], subresources: [],
    });
  }
  return [...byKey.values()].sort((a, b) => {
    if (a.group !== b.group) return a.group === '' ? -1 : b.group === '' ? 1 : compareGroups(a.group, b.group);
    if (a.version !== b.version) return compareVersions(a.version, b.version);
    return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
  });
}

/** The groups (core "" first when served) with their versions, preferred version first. */
export function servedGroups(resources: readonly ResourceDef[]): ServedGroup[] {
  const groups = new Map<string, Set<string>>();
  for (const r of servedResources(resources)) {
    let versions = groups.get(r.group);
    if (!versions) groups.set(r.group, (versions = new Set()));
    versions.add(r.version);
  }
  return [...groups].map(([name, versions]) => ({ name, versions: [...versions].sort(compareVersions) }));
}

/** "apps/v1", or "v1" for the core group. */
export function groupVersionString(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
