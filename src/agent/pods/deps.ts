/**
 * What a pod worker needs from the rest of the agent, as narrow interfaces: the runtime, the pod
 * network, volumes, probes and hooks, images, turning a pod into runtime configs, writing status,
 * recording events and finally deleting the pod. node-agent.ts binds them to the real parts; tests
 * may bind fakes for the parts they are not about.
 */
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import type { ContainerConfig, Mount, Runtime, RuntimeImage, SandboxConfig } from '../runtime/index.js';
import type { EventSink, ImagePuller } from './image-puller.js';
import type { ApiPodStatus } from './pod-status.js';

export interface NetworkRequest {
  sandboxId: string;
  netnsPath: string;
  name: string;
  namespace: string;
  uid: string;
  portMappings?: Array<{ hostPort: number; containerPort: number; protocol: 'TCP' | 'UDP' | 'SCTP'; hostIP?: string }>;
}

export interface PodNetworkDep {
  setUp(req: NetworkRequest): Promise<{ ips: string[] }>;
  tearDown(req: NetworkRequest): Promise<void>;
}

/** Volumes of one pod, by volume name (opaque to the worker). */
export type PodVolumes = Map<string, unknown>;

export interface VolumesDep {
  setUp(pod: Pod, podIPs: string[]): Promise<PodVolumes>;
  mounts(pod: Pod, container: Container, volumes: PodVolumes, env: Record<string, string>): Mount[];
  /** Rewrites configMap, secret, downwardAPI and projected contents that changed (atomically). */
  refresh(pod: Pod): Promise<void>;
  tearDown(uid: string): Promise<void>;
}

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbesDep {
  /** Starts the probes of a container that just started (or was adopted running). */
  add(pod: Pod, container: Container, containerId: string, podIP: string | undefined, startedAt: number): void;
  removeContainer(uid: string, name: string): void;
  removePod(uid: string): void;
  ready(uid: string, name: string): boolean;
  started(uid: string, name: string): boolean | undefined;
}

export interface HooksDep {
  /** Runs a postStart/preStop handler; resolves with a failure message, or undefined when it succeeded. */
  run(kind: 'postStart' | 'preStop', pod: Pod, container: Container, containerId: string, podIP: string | undefined, timeoutMs: number): Promise<string | undefined>;
}

export interface ContainerBuild {
  config: ContainerConfig;
  /** The container's environment, for subPathExpr. */
  env: Record<string, string>;
}

export interface ConfigDep {
  sandbox(pod: Pod): SandboxConfig;
  /** /etc/hosts for the pod once its IPs are known (undefined: leave the runtime's default). */
  hosts(pod: Pod, podIPs: string[]): string | undefined;
  /** The runtime config of a container; throws an error whose message is the CreateContainerConfigError. */
  container(pod: Pod, container: Container, image: RuntimeImage, attempt: number, podIPs: string[], logDir: string): Promise<ContainerBuild>;
}

export interface StatusDep {
  write(pod: Pod, status: ApiPodStatus): Promise<void>;
  /** Deletes the pod for good (grace 0, uid precondition) once its resources are released. */
  finalizeDeletion(pod: Pod): Promise<void>;
}

export interface WorkerDeps {
  runtime: Runtime;
  network: PodNetworkDep;
  volumes: VolumesDep;
  probes: ProbesDep;
  hooks: HooksDep;
  images: Pick<ImagePuller, 'ensure' | 'forgetPod'>;
  config: ConfigDep;
  status: StatusDep;
  /** Records an event against the pod, or one of its containers when `container` is given. */
  event(pod: Pod, container: string | undefined, ...e: Parameters<EventSink>): void;
  hostIP: string;
  log: (line: string) => void;
}

export const LABEL_POD_UID = 'io.kubernetes.pod.uid';
export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name';
