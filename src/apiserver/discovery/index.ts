/**
 * Discovery: the documents clients read to learn which groups, versions and resources the server
 * serves (/api, /apis, /apis/<group>, /api/v1, /apis/<group>/<version>, and aggregated discovery v2
 * at /api and /apis). Pure functions of the ResourceDefs, plus the virtual review resources that
 * are answered without storage; no HTTP here — the server routes and encodes.
 */
export { legacyApiVersions, apiGroupList, apiGroup } from './api-groups.js';
export { apiResourceList } from './api-resource-list.js';
export { aggregatedDiscovery, negotiateAggregatedDiscovery, type AggregatedNegotiation } from './aggregated.js';
export { virtualResources, type VirtualResource } from './virtual-resources.js';
export { servedResources, servedGroups, groupVersionString, type ServedResource, type ServedGroup } from './served-resources.js';
export { subresourcesOf, type Subresource } from './subresources.js';
export { storageVersionHash } from './storage-version-hash.js';
export { compareVersions, compareGroups } from './version-priority.js';
export type * from './types.js';
