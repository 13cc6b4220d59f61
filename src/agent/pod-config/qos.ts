/**
 * A pod's QoS class as the kubelet reads it (status.qosClass when the API server has set it,
 * otherwise computed from the spec) and the oom_score_adj its containers get: Guaranteed −997,
 * BestEffort 1000, Burstable 1000 − 1000·request/capacity kept within 3…999 (a sidecar never above
 * the pod's smallest regular container); node-critical pods are treated as Guaranteed.
 */
import { podQOSClass as specQOSClass, type Container, type Pod, type QOSClass } from '../../api/types/core/pod/index.js';
import { value } from './quantity.js';

export type { QOSClass } from '../../api/types/core/pod/index.js';

const GUARANTEED_OOM_SCORE_ADJ = -997;
const BESTEFFORT_OOM_SCORE_ADJ = 1000;
const SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

export function podQOSClass(pod: Pod): QOSClass {
  const s = pod.status?.qosClass;
  if (s === 'Guaranteed' || s === 'Burstable' || s === 'BestEffort') return s;
  return specQOSClass(pod.spec ?? {});
}

/** Static, mirror, or priority at least system-cluster-critical's (kubelet's IsCriticalPod). */
function isCriticalPod(pod: Pod): boolean {
  const ann = pod.metadata.annotations ?? {};
  const source = ann['kubernetes.io/config.source'];
  if (source !== undefined && source !== 'api') return true;
  if (ann['kubernetes.io/config.mirror'] !== undefined) return true;
  return (pod.spec?.priority ?? Number.NEGATIVE_INFINITY) >= SYSTEM_CRITICAL_PRIORITY;
}

export function isNodeCriticalPod(pod: Pod): boolean {
  return isCriticalPod(pod) && pod.spec?.priorityClassName === 'system-node-critical';
}

function isSidecar(pod: Pod, container: Container): boolean {
  const init = (pod.spec?.initContainers ?? []).find((c) => c.name === container.name);
  return init?.restartPolicy === 'Always';
}

function memoryRequest(c: Container): number {
  return value(c.resources?.requests?.memory);
}

/** The container's oom_score_adj for a node with `memoryCapacity` bytes. */
export function containerOOMScoreAdj(pod: Pod, container: Container, memoryCapacity: number): number {
  if (isNodeCriticalPod(pod)) return GUARANTEED_OOM_SCORE_ADJ;
  const qos = podQOSClass(pod);
  if (qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BESTEFFORT_OOM_SCORE_ADJ;
  const capacity = Math.max(1, memoryCapacity);
  const adjust = (request: number) => 1000 - Math.trunc((1000 * request) / capacity);
  let score = adjust(memoryRequest(container));
  const regular = pod.spec?.containers ?? [];
  if (isSidecar(pod, container) && regular.length > 0) {
    const minRequest = Math.min(...regular.map(memoryRequest));
    score = Math.min(score, adjust(minRequest));
  }
  if (score < 1000 + GUARANTEED_OOM_SCORE_ADJ) return 1000 + GUARANTEED_OOM_SCORE_ADJ;
  if (score === BESTEFFORT_OOM_SCORE_ADJ) return score - 1;
  return score;
}
