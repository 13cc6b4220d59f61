/**
 * What the ServiceLB controller reads and writes: typed views of Services, Nodes and EndpointSlices
 * (only the fields it uses), their resources, and the names k3s and Kubernetes use.
 */
import type { KObject } from '../../api/index.js';
import type { GroupVersionResource } from '../../client/index.js';

export const SERVICES: GroupVersionResource = { group: '', version: 'v1', resource: 'services' };
export const NODES: GroupVersionResource = { group: '', version: 'v1', resource: 'nodes' };
export const ENDPOINT_SLICES: GroupVersionResource = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

/** The finalizer Kubernetes' service controller keeps on Services it made a load balancer for. */
export const LB_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
/** k3s ServiceLB: when any node carries this label, only nodes with the value "true" serve load balancers. */
export const ENABLE_LB_LABEL = 'svccontroller.k3s.cattle.io/enablelb';
/** k3s ServiceLB: a Service with this label is served by the nodes of the same pool only. */
export const LB_POOL_LABEL = 'svccontroller.k3s.cattle.io/lbpool';
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface LoadBalancerIngress { ip?: string; hostname?: string; ipMode?: string; ports?: unknown[] }

export interface Service extends KObject {
  spec?: {
    type?: string;
    loadBalancerClass?: string;
    externalTrafficPolicy?: string;
    ipFamilies?: string[];
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] }; conditions?: unknown[] };
}

export interface Taint { key: string; value?: string; effect: string }

export interface Node extends KObject {
  spec?: { unschedulable?: boolean; taints?: Taint[] };
  status?: { conditions?: Array<{ type: string; status: string }>; addresses?: Array<{ type: string; address: string }> };
}

export interface EndpointSlice extends KObject {
  endpoints?: Array<{ conditions?: { ready?: boolean }; nodeName?: string; targetRef?: { kind?: string } }>;
}
