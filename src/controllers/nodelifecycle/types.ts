/**
 * What the node lifecycle and taint eviction controllers read and write: typed views of Nodes,
 * their Leases and Pods, the resources they live at, and the pod index by node name they share.
 */
import type { KObject } from '../../api/index.js';
import { LEASES, type GroupVersionResource, type IndexFunc } from '../../client/index.js';

export const NODES: GroupVersionResource = { group: '', version: 'v1', resource: 'nodes' };
export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };
export { LEASES };
/** Where kubelets keep the Lease that is their heartbeat (one per node, named after it). */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
export interface Taint { key: string; value?: string; effect: TaintEffect | string; timeAdded?: string }

export type ConditionStatus = 'True' | 'False' | 'Unknown';
export interface NodeCondition {
  type: string;
  status: ConditionStatus | string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface Node extends KObject {
  spec?: { unschedulable?: boolean; taints?: Taint[]; [k: string]: unknown };
  status?: { conditions?: NodeCondition[]; [k: string]: unknown };
}

export interface Lease extends KObject {
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string; [k: string]: unknown };
}

export interface Toleration { key?: string; operator?: string; value?: string; effect?: string; tolerationSeconds?: number }

export interface PodCondition {
  type: string;
  status: ConditionStatus | string;
  reason?: string;
  message?: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string | null;
}

export interface Pod extends KObject {
  spec?: { nodeName?: string; tolerations?: Toleration[]; [k: string]: unknown };
  status?: { phase?: string; conditions?: PodCondition[]; [k: string]: unknown };
}

/** The pod informer index both controllers use: pods by spec.nodeName. */
export const POD_NODE_NAME_INDEX = 'nodelifecycle/spec.nodeName';
export const podNodeNameIndex: IndexFunc<Pod> = (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []);

export function nodeCondition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** A Kubernetes time ("…Z", with or without fractional seconds) in ms since the epoch; NaN if absent. */
export function parseTime(t: string | null | undefined): number {
  if (!t) return NaN;
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  if (!m) return Date.parse(t);
  const ms = m[2] ? Number(`0.${m[2]}`) * 1000 : 0;
  return Date.parse(`${m[1]}${m[3]}`) + Math.floor(ms);
}

/** "2026-11-21T10:00:00Z": Kubernetes' metav1.Time wire format. */
export function timeString(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
