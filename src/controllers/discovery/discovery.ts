/**
 * Discovery over the client: the resources the API server serves (GET /api/v1, /apis and each
 * group's preferred version), as the namespace controller and the garbage collector need them —
 * one entry per group and resource, subresources left out, with their verbs.
 */
import type { Clientset, GroupVersionResource } from '../../client/index.js';

export interface ServedResource extends GroupVersionResource {
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

interface APIResource { name: string; kind: string; namespaced: boolean; verbs?: string[] }
interface APIResourceList { groupVersion?: string; resources?: APIResource[] }
interface APIGroup { name: string; preferredVersion?: { version: string }; versions?: Array<{ version: string }> }
interface APIGroupList { groups?: APIGroup[] }

/** A group version discovery could not read, with why. */
export interface DiscoveryFailure { groupVersion: string; message: string }

export interface DiscoveryResult { resources: ServedResource[]; failures: DiscoveryFailure[] }

async function getJson<T>(cs: Clientset, path: string): Promise<T> {
  const res = await cs.rest.request('GET', path, { accept: 'application/json' });
  if (res.status !== 200) throw new Error(`Cannot discover ${path}: the server answered ${res.status}`);
  return JSON.parse(res.text) as T;
}

/** Every served resource of the preferred version of each group; groups that fail are reported, not fatal. */
export async function discoverResources(cs: Clientset): Promise<DiscoveryResult> {
  const resources: ServedResource[] = [];
  const failures: DiscoveryFailure[] = [];
  const add = (group: string, version: string, list: APIResourceList): void => {
    for (const r of list.resources ?? []) {
      if (r.name.includes('/')) continue;
      resources.push({ group, version, resource: r.name, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs ?? [] });
    }
  };
  const lists: Array<Promise<void>> = [
    getJson<APIResourceList>(cs, '/api/v1').then((l) => add('', 'v1', l), (err: Error) => { failures.push({ groupVersion: 'v1', message: err.message }); }),
  ];
  const groups = await getJson<APIGroupList>(cs, '/apis');
  for (const g of groups.groups ?? []) {
    const version = g.preferredVersion?.version ?? g.versions?.[0]?.version;
    if (!version) continue;
    lists.push(getJson<APIResourceList>(cs, `/apis/${g.name}/${version}`).then((l) => add(g.name, version, l),
      (err: Error) => { failures.push({ groupVersion: `${g.name}/${version}`, message: err.message }); }));
  }
  await Promise.all(lists);
  return { resources, failures };
}

export function hasVerbs(r: ServedResource, ...verbs: string[]): boolean {
  return verbs.every((v) => r.verbs.includes(v));
}
