/**
 * EndpointSlices as the controllers see them, the labels Kubernetes puts on them, and the limits the
 * controllers keep to.
 */
import type { GroupVersionResource } from '../../client/index.js';
import type { Endpoint, EndpointPort, EndpointSliceLike } from '../../api/types/discovery/index.js';

export type EndpointSlice = EndpointSliceLike;
export type SliceEndpoint = Endpoint;
export type SlicePort = EndpointPort;
export type AddressType = 'IPv4' | 'IPv6';

export const ENDPOINTSLICES: GroupVersionResource = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

/** The service a slice belongs to. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
/** The controller (or other agent) that manages a slice. */
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
/** "true" on Endpoints that must not be mirrored into slices. */
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';

/** kube-controller-manager's default --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
/** The mirroring controller copies at most this many addresses of one Endpoints subset. */
export const MAX_ENDPOINTS_PER_SUBSET = 1000;
