/** The wire shapes of discovery documents: /api, /apis, /apis/<group>, /api/v1, /apis/<group>/<version>. */

export interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

export interface APIVersions {
  kind: 'APIVersions';
  versions: string[];
  serverAddressByClientCIDRs: { clientCIDR: string; serverAddress: string }[];
}

export interface APIGroup {
  kind?: 'APIGroup';
  apiVersion?: 'v1';
  name: string;
  versions: GroupVersionForDiscovery[];
  preferredVersion: GroupVersionForDiscovery;
}

export interface APIGroupList {
  kind: 'APIGroupList';
  apiVersion: 'v1';
  groups: APIGroup[];
}

export interface APIResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  /** Set for subresources whose kind lives in another group/version (deployments/scale). */
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

export interface APIResourceList {
  kind: 'APIResourceList';
  /** Absent for the legacy /api/v1 list, as Kubernetes serves it. */
  apiVersion?: 'v1';
  groupVersion: string;
  resources: APIResource[];
}

/** Aggregated discovery (apidiscovery.k8s.io/v2 and v2beta1). */
export type AggregatedDiscoveryVersion = 'apidiscovery.k8s.io/v2' | 'apidiscovery.k8s.io/v2beta1';

export interface ResponseKind {
  group: string;
  version: string;
  kind: string;
}

export interface APISubresourceDiscovery {
  subresource: string;
  responseKind: ResponseKind;
  verbs: string[];
}

export interface APIResourceDiscovery {
  resource: string;
  responseKind: ResponseKind;
  scope: 'Namespaced' | 'Cluster';
  singularResource: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: APISubresourceDiscovery[];
}

export interface APIVersionDiscovery {
  version: string;
  resources: APIResourceDiscovery[];
  freshness: 'Current' | 'Stale';
}

export interface APIGroupDiscovery {
  metadata: { name?: string; creationTimestamp: null };
  versions: APIVersionDiscovery[];
}

export interface APIGroupDiscoveryList {
  kind: 'APIGroupDiscoveryList';
  apiVersion: AggregatedDiscoveryVersion;
  metadata: Record<string, never>;
  items: APIGroupDiscovery[];
}
