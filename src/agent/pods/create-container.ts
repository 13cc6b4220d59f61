/**
 * Making one container of a pod, up to the runtime's create: its image by the pull policy, its config
 * (command, env, mounts — a config error is CreateContainerConfigError), and the runtime container
 * (a failure is CreateContainerError). What cannot go on yet comes back as the waiting reason the
 * kubelet reports, with when to try again; the kubelet's events are recorded on the way.
 */
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import type { ContainerStatus as RuntimeContainer, SandboxStatus } from '../runtime/index.js';
import type { PodVolumes, WorkerDeps } from './deps.js';
import { ImageNotReady } from './image-puller.js';
import { ContainerEvents } from './kubelet-events.js';

export type CreateOutcome =
  | { created: RuntimeContainer }
  | { waiting: { reason: string; message?: string }; retryMs?: number };

export interface CreateRequest {
  pod: Pod;
  container: Container;
  sandbox: SandboxStatus;
  attempt: number;
  podIPs: string[];
  volumes: PodVolumes | undefined;
  /** Join this PID namespace (an ephemeral container's target). */
  pidNamespaceOf?: string;
  event: (type: 'Normal' | 'Warning', reason: string, message: string) => void;
}

export async function createPodContainer(deps: WorkerDeps, r: CreateRequest): Promise<CreateOutcome> {
  const { pod, container: c, event } = r;
  let image;
  try {
    image = await deps.images.ensure(pod, c, event);
  } catch (err) {
    if (!(err instanceof ImageNotReady)) throw err;
    event('Warning', 'Failed', `Error: ${err.reason}`);
    const retryMs = err.reason === 'ErrImagePull' ? 1000 : err.reason === 'ImagePullBackOff' ? 5000 : undefined;
    return { waiting: { reason: err.reason, message: err.message }, retryMs };
  }
  let build;
  try {
    build = await deps.config.container(pod, c, image, r.attempt, r.podIPs, r.sandbox.config.logDirectory ?? '');
    build.config.mounts = [...deps.volumes.mounts(pod, c, r.volumes ?? new Map(), build.env), ...(build.config.mounts ?? [])];
    if (r.pidNamespaceOf) build.config.pidNamespaceOf = r.pidNamespaceOf;
  } catch (err) {
    const message = (err as Error).message;
    event(...ContainerEvents.failed(message));
    return { waiting: { reason: 'CreateContainerConfigError', message }, retryMs: 2000 };
  }
  try {
    return { created: await deps.runtime.createContainer(r.sandbox.id, build.config, image) };
  } catch (err) {
    const message = (err as Error).message;
    event(...ContainerEvents.failed(message));
    return { waiting: { reason: 'CreateContainerError', message }, retryMs: 2000 };
  }
}
