/**
 * The few fields of Node, Pod and Lease the simulated nodes read and write. The API's own types are
 * not exported from api/index.ts, so these are deliberately narrow views over KObject.
 */
import type { KObject } from '../../api/index.js';

export interface Taint { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface NodeObject extends KObject {
  spec?: { podCIDR?: string; podCIDRs?: string[]; taints?: Taint[]; unschedulable?: boolean; providerID?: string };
  status?: {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
    conditions?: NodeCondition[];
    addresses?: Array<{ type: string; address: string }>;
    daemonEndpoints?: { kubeletEndpoint: { Port: number } };
    nodeInfo?: Record<string, string>;
    images?: unknown[];
  };
}

export interface ContainerSpec { name: string; image?: string }

export interface PodObject extends KObject {
  spec?: {
    nodeName?: string;
    restartPolicy?: string;
    hostNetwork?: boolean;
    terminationGracePeriodSeconds?: number;
    containers?: ContainerSpec[];
    initContainers?: ContainerSpec[];
  };
  status?: PodStatusView;
}

export interface PodCondition { type: string; status: 'True' | 'False'; lastProbeTime?: string | null; lastTransitionTime?: string; reason?: string; message?: string }

export interface PodStatusView {
  phase?: string;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: Array<{ ip: string }>;
  podIP?: string;
  podIPs?: Array<{ ip: string }>;
  startTime?: string;
  qosClass?: string;
  containerStatuses?: unknown[];
  initContainerStatuses?: unknown[];
  reason?: string;
  message?: string;
  [key: string]: unknown;
}

export interface LeaseObject extends KObject {
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string; acquireTime?: string };
}
