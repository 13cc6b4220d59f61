/**
 * The events the kubelet records about a pod's containers, with its reasons and wording, and the
 * object references it records them against (`spec.containers{name}` field paths).
 */
import type { Pod } from '../../api/types/core/pod/index.js';

export const ContainerEvents = {
  created: (name: string) => ['Normal', 'Created', `Created container: ${name}`] as const,
  started: (name: string) => ['Normal', 'Started', `Started container ${name}`] as const,
  killing: (name: string) => ['Normal', 'Killing', `Stopping container ${name}`] as const,
  failed: (message: string) => ['Warning', 'Failed', `Error: ${message}`] as const,
  backOff: (name: string, pod: Pod) =>
    ['Warning', 'BackOff', `Back-off restarting failed container ${name} in pod ${podDesc(pod)}`] as const,
};

/** name_namespace(uid), as the kubelet's format.Pod writes a pod. */
export function podDesc(pod: Pod): string {
  return `${pod.metadata.name ?? ''}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
}

/** The reference the kubelet records container events against. */
export function containerRef(pod: Pod, containerName: string) {
  const spec = pod.spec ?? {};
  const kind = (spec.initContainers ?? []).some((c) => c.name === containerName) ? 'initContainers'
    : (spec.ephemeralContainers ?? []).some((c) => c.name === containerName) ? 'ephemeralContainers' : 'containers';
  return {
    kind: 'Pod', apiVersion: 'v1', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid,
    fieldPath: `spec.${kind}{${containerName}}`,
  };
}

export function podRef(pod: Pod) {
  return { kind: 'Pod', apiVersion: 'v1', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}
