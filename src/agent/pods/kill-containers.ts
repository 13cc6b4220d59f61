/**
 * Stopping a pod's containers as the kubelet does: the Killing event (unless a failed postStart hook
 * already said why), probes dropped, the preStop hook within the grace period, then the stop signal
 * and SIGKILL when what is left of the grace runs out (at least 2 s after a hook, when there was
 * any grace at all).
 */
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import type { ContainerStatus as RuntimeContainer } from '../runtime/index.js';
import { LABEL_CONTAINER_NAME, type WorkerDeps } from './deps.js';
import { ContainerEvents } from './kubelet-events.js';

export async function killContainer(
  deps: WorkerDeps, pod: Pod, podIP: string | undefined, c: Container | undefined, cur: RuntimeContainer, graceSeconds: number, why?: string,
): Promise<void> {
  const name = c?.name ?? cur.name;
  const started = Date.now();
  if (why !== 'FailedPostStartHook') deps.event(pod, name, 'Normal', 'Killing', why ?? ContainerEvents.killing(name)[2]);
  deps.probes.removeContainer(pod.metadata.uid ?? '', name);
  if (c?.lifecycle?.preStop && graceSeconds > 0) {
    await deps.hooks.run('preStop', pod, c, cur.id, podIP, graceSeconds * 1000);
  }
  const left = Math.max(graceSeconds > 0 ? 2 : 0, Math.ceil(graceSeconds - (Date.now() - started) / 1000));
  await deps.runtime.stopContainer(cur.id, Math.min(left, graceSeconds));
}

/** Every running container of the sandbox, in parallel; a failure is logged, not thrown. */
export async function killAllContainers(
  deps: WorkerDeps, pod: Pod, sandboxId: string, podIP: string | undefined, graceSeconds: number, log: (line: string) => void,
): Promise<void> {
  const all = await deps.runtime.listContainers({ sandboxId, state: 'running' });
  const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  await Promise.all(all.map((cur) => {
    const name = cur.labels[LABEL_CONTAINER_NAME] ?? cur.name;
    return killContainer(deps, pod, podIP, specs.find((s) => s.name === name), cur, graceSeconds)
      .catch((err: Error) => log(`cannot stop ${name}: ${err.message}`));
  }));
}
