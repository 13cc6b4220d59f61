/** The /api/v1 and /apis/<group>/<version> bodies (APIResourceList), subresources included. */
import type { ResourceDef } from '../../api/index.js';
import { groupVersionString, servedResources, type ServedResource } from './served-resources.js';
import type { APIResource, APIResourceList } from './types.js';

function entries(r: ServedResource): APIResource[] {
  const main: APIResource = { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
  if (r.shortNames.length) main.shortNames = r.shortNames;
  if (r.categories.length) main.categories = r.categories;
  if (r.storageVersionHash) main.storageVersionHash = r.storageVersionHash;
  const subs = r.subresources.map((s): APIResource => {
    const e: APIResource = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced, kind: s.kind, verbs: [...s.verbs] };
    if (s.group !== undefined) e.group = s.group;
    if (s.version !== undefined) e.version = s.version;
    return e;
  });
  return [main, ...subs];
}

/** The resource list of one group/version, sorted by name; undefined when the version is not served. */
export function apiResourceList(resources: readonly ResourceDef[], group: string, version: string): APIResourceList | undefined {
  const served = servedResources(resources).filter((r) => r.group === group && r.version === version);
  if (!served.length) return undefined;
  const list = served.flatMap(entries).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const groupVersion = groupVersionString(group, version);
  return group
    ? { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources: list }
    : { kind: 'APIResourceList', groupVersion, resources: list };
}
