/**
 * The objects the endpoints controllers read and write, as the controllers see them (decoded JSON),
 * the resources they use, and Kubernetes' well-known labels and annotations on Endpoints.
 */
import type { KObject } from '../../api/index.js';
import type { GroupVersionResource } from '../../client/index.js';

export type { Pod } from '../../api/types/core/pod/index.js';
export type { ServiceLike as Service, ServicePort } from '../../api/types/core/service/index.js';

export const SERVICES: GroupVersionResource = { group: '', version: 'v1', resource: 'services' };
export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };
export const ENDPOINTS: GroupVersionResource = { group: '', version: 'v1', resource: 'endpoints' };
export const NODES: GroupVersionResource = { group: '', version: 'v1', resource: 'nodes' };

/** The pod (or other object) behind an address. */
export interface TargetRef {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EndpointAddress { ip: string; hostname?: string; nodeName?: string; targetRef?: TargetRef }
export interface EndpointPort { name?: string; port: number; protocol?: string; appProtocol?: string }
export interface EndpointSubset { addresses?: EndpointAddress[]; notReadyAddresses?: EndpointAddress[]; ports?: EndpointPort[] }
export interface Endpoints extends KObject { subsets?: EndpointSubset[] }

export interface Node extends KObject { spec?: Record<string, unknown>; status?: Record<string, unknown> }

/** Set (empty value) on the Endpoints and EndpointSlices of headless services. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** Marks the Endpoints the endpoints controller writes (so it deletes only its own). */
export const LABEL_ENDPOINTS_MANAGED_BY = 'endpoints.kubernetes.io/managed-by';
export const ENDPOINT_CONTROLLER_NAME = 'endpoint-controller';
/** When the change that led to this version of the endpoints happened (RFC 3339). */
export const ANNOTATION_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** "truncated" when the Endpoints would have held more than MAX_ENDPOINTS_CAPACITY addresses. */
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** The annotation of leader-election records kept in Endpoints (never touched by the controllers). */
export const ANNOTATION_LEADER = 'control-plane.alpha.kubernetes.io/leader';
/** At most this many addresses (ready and not ready) are kept in one Endpoints. */
export const MAX_ENDPOINTS_CAPACITY = 1000;
