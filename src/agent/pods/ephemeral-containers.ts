/**
 * Ephemeral containers (kubectl debug) as the kubelet runs them: each is started once, in the pod's
 * sandbox, as soon as it appears in the spec (even while init containers run) and never restarted;
 * it has no probes, ports or resources of its own. With `targetContainerName` it joins that
 * container's PID namespace, so it waits until the target runs. Pure decisions; the worker acts.
 */
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import type { ContainerView } from './pod-status.js';

export interface EphemeralStart {
  container: Container;
  /** The runtime id of the running target whose PID namespace it joins. */
  pidNamespaceOf?: string;
}

/** The pod's ephemeral containers, in spec order. */
export function ephemeralContainers(pod: Pod): Container[] {
  return (pod.spec?.ephemeralContainers ?? []) as Container[];
}

/** The names of the pod's ephemeral containers. */
export function ephemeralNames(pod: Pod): Set<string> {
  return new Set(ephemeralContainers(pod).map((c) => c.name ?? ''));
}

/**
 * Which ephemeral containers to start now: those never created (an image or config error leaves
 * none, so the next sync tries again) whose target, if any, runs.
 */
export function ephemeralToStart(pod: Pod, views: Map<string, ContainerView>): EphemeralStart[] {
  const out: EphemeralStart[] = [];
  for (const c of ephemeralContainers(pod)) {
    const name = c.name ?? '';
    if (views.get(name)?.current) continue;
    const target = (c as { targetContainerName?: string }).targetContainerName;
    if (target) {
      const t = views.get(target)?.current;
      if (t?.state !== 'running') continue;
      out.push({ container: c, pidNamespaceOf: t.id });
    } else {
      out.push({ container: c });
    }
  }
  return out;
}
