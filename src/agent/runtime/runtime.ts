/**
 * The container runtime as the agent's pod worker sees it, shaped after the CRI runtime service:
 * a sandbox per pod (the namespaces its containers share), containers created from an image and a
 * resolved container config, started, stopped with a grace period, removed; their status, logs
 * (CRI log format files) and exec. Two implementations: `runc` (real containers) and `simulated`
 * (no processes). Everything here is plain data: the pod worker turns a Pod into these configs.
 */
import type { Readable, Writable } from 'node:stream';

export type RuntimeName = 'runc' | 'simulated';

export interface SandboxConfig {
  /** The pod's name, namespace and uid, and which attempt at a sandbox this is (0 first). */
  name: string;
  namespace: string;
  uid: string;
  attempt?: number;
  /** Host name inside the pod (the pod name, or spec.hostname). */
  hostname: string;
  /** Share the host's network namespace (spec.hostNetwork). */
  hostNetwork?: boolean;
  /** A network namespace made by someone else (CNI set-up, a test) to join; when absent and not
   *  hostNetwork, the runtime makes one (loopback up) and reports its path in SandboxStatus. */
  netnsPath?: string;
  hostIPC?: boolean;
  hostPID?: boolean;
  /** One PID namespace for all the pod's containers (spec.shareProcessNamespace), held by the sandbox. */
  sharePid?: boolean;
  /** resolv.conf content; when absent the host's /etc/resolv.conf is used. */
  dns?: { servers: string[]; searches: string[]; options: string[] };
  /** The cgroup under which the pod's containers go (the pod cgroup); a default is derived from uid. */
  cgroupParent?: string;
  /** Where container logs go (/var/log/pods/<ns>_<name>_<uid>); informational for the runtime. */
  logDirectory?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type SandboxState = 'ready' | 'notready';

export interface SandboxStatus {
  id: string;
  config: SandboxConfig;
  state: SandboxState;
  createdAt: string;
  /** The network namespace path CNI should configure, or undefined for host networking. */
  netnsPath?: string;
}

/** What the runtime needs of an image: its layers and runtime config. */
export interface RuntimeImage {
  /** The image as the pod named it (`busybox:1.36`) and its id (`sha256:<config digest>`). */
  ref: string;
  id: string;
  /** The repo digest reported as imageID (docker.io/library/busybox@sha256:…). */
  repoDigest?: string;
  /** Unpacked layer directories, lowest first. */
  layerDirs: string[];
  config: {
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Env?: string[];
    WorkingDir?: string;
    User?: string;
    StopSignal?: string;
  };
}

export interface Mount {
  containerPath: string;
  hostPath: string;
  readonly?: boolean;
  /** 'private' (default), 'rslave' (HostToContainer) or 'rshared' (Bidirectional). */
  propagation?: 'private' | 'rslave' | 'rshared';
}

export interface ContainerResources {
  cpuShares?: number;
  cpuQuota?: number;
  cpuPeriod?: number;
  memoryLimitBytes?: number;
  pidsLimit?: number;
  oomScoreAdj?: number;
}

export interface ContainerSecurity {
  runAsUser?: number;
  runAsGroup?: number;
  supplementalGroups?: number[];
  privileged?: boolean;
  readonlyRootfs?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  noNewPrivileges?: boolean;
}

export interface ContainerConfig {
  /** The container's name in the pod and its restart count (attempt). */
  name: string;
  attempt?: number;
  /** Kubernetes' command and args: they replace the image's Entrypoint and Cmd as Kubernetes does. */
  command?: string[];
  args?: string[];
  workingDir?: string;
  /** Added over the image's environment (later entries win). */
  env?: Array<{ name: string; value: string }>;
  mounts?: Mount[];
  resources?: ContainerResources;
  security?: ContainerSecurity;
  /** Absolute path of the container's log file (CRI format). */
  logPath: string;
  /** Signal for a graceful stop; default the image's StopSignal, else SIGTERM. */
  stopSignal?: string;
  /** Join the PID namespace of this running container (an ephemeral container's target). */
  pidNamespaceOf?: string;
  /** Keep a standard input the kubelet can write to (openStdin); with stdinOnce it closes for good
   *  after the first writer is done. */
  stdin?: boolean;
  stdinOnce?: boolean;
  /** The container asked for a terminal (tty: true). */
  tty?: boolean;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerStatus {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  state: ContainerState;
  /** As the pod named it, and the image id / repo digest reported in containerStatuses. */
  image: string;
  imageId: string;
  imageRef: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  /** For exited containers: Completed, Error, OOMKilled, StartError (or ContainerCannotRun). */
  reason?: string;
  message?: string;
  pid?: number;
  logPath: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ExecOptions {
  cmd: string[];
  /** Give the process a stdin pipe (otherwise /dev/null). */
  stdin?: boolean;
  env?: Array<{ name: string; value: string }>;
  workingDir?: string;
  /** Run in a new pseudo-terminal (exec -t): output comes on stdout only, stderr stays empty. */
  tty?: boolean;
  /** The terminal's first size (tty only). */
  size?: { width: number; height: number };
}

export interface ExecProcess {
  stdin: Writable | null;
  stdout: Readable;
  stderr: Readable;
  /** Resizes the process's terminal (tty execs only). */
  resize?(width: number, height: number): void;
  /** Resolves true once the command itself started, false when the runtime could not start it. */
  started?(): Promise<boolean>;
  /** Resolves with the exit code (128 + signal number when killed by a signal). */
  wait(): Promise<number>;
  kill(): void;
}

export interface ExecResult { exitCode: number; stdout: Buffer; stderr: Buffer; timedOut: boolean }

export type ContainerEvent =
  | { type: 'created' | 'started' | 'removed'; containerId: string; sandboxId: string }
  | { type: 'exited'; containerId: string; sandboxId: string; exitCode: number };

export interface Runtime {
  readonly name: RuntimeName;
  /** Loads state left on disk (sandboxes, containers still running) after an agent restart. */
  init(): Promise<void>;
  /** Stops watching containers; containers keep running. */
  close(): Promise<void>;

  createSandbox(config: SandboxConfig): Promise<SandboxStatus>;
  /** Kills every container of the sandbox and releases its namespaces, files and cgroups. */
  removeSandbox(id: string): Promise<void>;
  sandboxStatus(id: string): SandboxStatus | undefined;
  /** Replaces the sandbox's /etc/hosts (the kubelet writes the pod's own once it has an IP). */
  writeSandboxHosts(id: string, content: string): Promise<void>;
  listSandboxes(): SandboxStatus[];

  createContainer(sandboxId: string, config: ContainerConfig, image: RuntimeImage): Promise<ContainerStatus>;
  /** Starts a created container; rejects (and the status says StartError) when it cannot run. */
  startContainer(id: string): Promise<void>;
  /** The stop signal, then SIGKILL after `graceSeconds` if it still runs; resolves once it exited. */
  stopContainer(id: string, graceSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  containerStatus(id: string): Promise<ContainerStatus | undefined>;
  listContainers(filter?: { sandboxId?: string; state?: ContainerState }): Promise<ContainerStatus[]>;

  exec(id: string, opts: ExecOptions): ExecProcess;
  /** A writer to the standard input of a container created with `stdin`, or undefined when it has none
   *  or it no longer runs. With stdinOnce, ending the writer closes the container's stdin for good. */
  openStdin?(id: string): Promise<Writable | undefined>;
  /** Resizes the console of a container created with `tty` (attach's resize events); no-op otherwise. */
  resizeTerminal?(id: string, width: number, height: number): Promise<void>;
  /** Runs a command to completion (probes, hooks); kills it after `timeoutMs`. */
  execSync(id: string, cmd: string[], timeoutMs: number): Promise<ExecResult>;

  /** Subscribes to container lifecycle events; returns the unsubscribe function. */
  onEvent(listener: (e: ContainerEvent) => void): () => void;
}
