/**
 * The `simulated` runtime: what a pod's status looks like when the kubelet reports it Pending
 * (ContainerCreating), Running and ready, or ended (Completed with exit code 0, Error with exit
 * code 1) — without any process. Pure functions from the pod and the facts the driver chose (host
 * and pod IP, start time, outcome) to a PodStatus; image and container ids are derived from the
 * image reference and the pod's uid so they are stable across writes.
 */
import { createHash } from 'node:crypto';

export interface SimContainer { name: string; image?: string }

export interface SimPod {
  metadata: { name?: string; namespace?: string; uid?: string };
  spec?: { containers?: SimContainer[]; initContainers?: SimContainer[]; restartPolicy?: string; hostNetwork?: boolean };
  status?: { conditions?: Array<{ type: string; status: string; lastTransitionTime?: string; lastProbeTime?: string | null; reason?: string; message?: string }>; qosClass?: string; startTime?: string };
}

export interface Placement { hostIP: string; podIP: string; startTime: string }

export interface Ending { exitCode: number; reason: 'Completed' | 'Error' }

export const SUCCEEDED: Ending = { exitCode: 0, reason: 'Completed' };
export const FAILED: Ending = { exitCode: 1, reason: 'Error' };

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** docker.io/library/busybox:1.36 → docker.io/library/busybox@sha256:<digest of the reference>. */
export function simulatedImageID(image: string): string {
  const noTag = image.replace(/@.*$/, '').replace(/:([^/:]+)$/, '');
  const slash = noTag.indexOf('/');
  const first = slash < 0 ? '' : noTag.slice(0, slash);
  const repo = slash < 0 ? `docker.io/library/${noTag}` : /[.:]|^localhost$/.test(first) ? noTag : `docker.io/${noTag}`;
  return `${repo}@sha256:${sha256(image)}`;
}

export function simulatedContainerID(podUid: string, name: string, attempt = 0): string {
  return `simulated://${sha256(`${podUid}/${name}/${attempt}`)}`;
}

function condition(pod: SimPod, type: string, status: 'True' | 'False', at: string, reason?: string) {
  const prev = pod.status?.conditions?.find((c) => c.type === type);
  const since = prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : at;
  return { type, status, lastProbeTime: null, lastTransitionTime: since, ...(reason ? { reason } : {}) };
}

function scheduled(pod: SimPod, at: string) {
  const prev = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  return prev && prev.status === 'True' ? prev : condition(pod, 'PodScheduled', 'True', at);
}

function ips(p: Placement) {
  return { hostIP: p.hostIP, hostIPs: [{ ip: p.hostIP }], podIP: p.podIP, podIPs: [{ ip: p.podIP }], startTime: p.startTime };
}

function initStatuses(pod: SimPod, p: Placement) {
  const list = pod.spec?.initContainers ?? [];
  if (!list.length) return {};
  return {
    initContainerStatuses: list.map((c) => ({
      name: c.name, image: c.image ?? '', imageID: simulatedImageID(c.image ?? ''),
      containerID: simulatedContainerID(pod.metadata.uid ?? '', c.name), ready: true, started: false, restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: p.startTime, finishedAt: p.startTime, containerID: simulatedContainerID(pod.metadata.uid ?? '', c.name) } },
    })),
  };
}

/** Accepted by the node, containers being created: what `kubectl get pods` shows as ContainerCreating. */
export function pendingStatus(pod: SimPod, p: Placement, at: string): Record<string, unknown> {
  const containers = pod.spec?.containers ?? [];
  const notReady = `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`;
  return {
    phase: 'Pending',
    conditions: [
      condition(pod, 'PodReadyToStartContainers', 'False', at),
      condition(pod, 'Initialized', 'True', at),
      { ...condition(pod, 'Ready', 'False', at, 'ContainersNotReady'), message: notReady },
      { ...condition(pod, 'ContainersReady', 'False', at, 'ContainersNotReady'), message: notReady },
      scheduled(pod, at),
    ],
    hostIP: p.hostIP, hostIPs: [{ ip: p.hostIP }], startTime: p.startTime,
    ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}),
    containerStatuses: containers.map((c) => ({
      name: c.name, image: c.image ?? '', imageID: '', ready: false, started: false, restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
    })),
  };
}

/** Every container started and ready. */
export function runningStatus(pod: SimPod, p: Placement, at: string): Record<string, unknown> {
  const uid = pod.metadata.uid ?? '';
  return {
    phase: 'Running',
    conditions: [
      condition(pod, 'PodReadyToStartContainers', 'True', at),
      condition(pod, 'Initialized', 'True', at),
      condition(pod, 'Ready', 'True', at),
      condition(pod, 'ContainersReady', 'True', at),
      scheduled(pod, at),
    ],
    ...ips(p),
    ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}),
    ...initStatuses(pod, p),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name, image: c.image ?? '', imageID: simulatedImageID(c.image ?? ''),
      containerID: simulatedContainerID(uid, c.name), ready: true, started: true, restartCount: 0,
      state: { running: { startedAt: p.startTime } },
    })),
  };
}

/**
 * Every container exited with `ending`: phase Succeeded for exit code 0, Failed otherwise; the pod
 * is no longer ready (reason PodCompleted, as the kubelet says of a pod whose containers all ended).
 */
export function terminatedStatus(pod: SimPod, p: Placement, ending: Ending, at: string): Record<string, unknown> {
  const uid = pod.metadata.uid ?? '';
  return {
    phase: ending.exitCode === 0 ? 'Succeeded' : 'Failed',
    conditions: [
      condition(pod, 'PodReadyToStartContainers', 'False', at),
      { ...condition(pod, 'Initialized', 'True', at), ...(ending.exitCode === 0 ? { reason: 'PodCompleted' } : {}) },
      condition(pod, 'Ready', 'False', at, 'PodCompleted'),
      condition(pod, 'ContainersReady', 'False', at, 'PodCompleted'),
      scheduled(pod, at),
    ],
    ...ips(p),
    ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}),
    ...initStatuses(pod, p),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => ({
      name: c.name, image: c.image ?? '', imageID: simulatedImageID(c.image ?? ''),
      containerID: simulatedContainerID(uid, c.name), ready: false, started: false, restartCount: 0,
      state: { terminated: { exitCode: ending.exitCode, reason: ending.reason, startedAt: p.startTime, finishedAt: at, containerID: simulatedContainerID(uid, c.name) } },
    })),
  };
}
