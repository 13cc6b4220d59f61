/** The group documents: /api (APIVersions), /apis (APIGroupList) and /apis/<group> (APIGroup). */
import type { ResourceDef } from '../../api/index.js';
import { groupVersionString, servedGroups, type ServedGroup } from './served-resources.js';
import type { APIGroup, APIGroupList, APIVersions } from './types.js';

/** The /api body. `serverAddress` is host:port as clients reach the server. */
export function legacyApiVersions(serverAddress: string): APIVersions {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function toGroup(g: ServedGroup): APIGroup {
  const versions = g.versions.map((version) => ({ groupVersion: groupVersionString(g.name, version), version }));
  return { name: g.name, versions, preferredVersion: versions[0] };
}

/** The /apis body: every named group (the core group is served at /api instead). */
export function apiGroupList(resources: readonly ResourceDef[]): APIGroupList {
  const groups = servedGroups(resources).filter((g) => g.name !== '').map(toGroup);
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** The /apis/<group> body, or undefined when no version of the group is served. */
export function apiGroup(resources: readonly ResourceDef[], group: string): APIGroup | undefined {
  const g = servedGroups(resources).find((x) => x.name === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...toGroup(g) } : undefined;
}
