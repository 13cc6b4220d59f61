/**
 * What the kubelet server asks of the node agent to serve exec, attach and port-forward, beyond the
 * LogSource it already has (the pod, its status, whether a container runs): running a command in a
 * container instance, the pod's sandbox (its network namespace, for port-forward), and — for attach
 * to a container started with `stdin: true` — a way to write to the container's standard input.
 */
import type { Writable } from 'node:stream';
import type { ExecOptions, ExecProcess } from '../runtime/index.js';

export interface PodSandboxView {
  /** The sandbox's id (how the runtime names the pod in port-forward errors). */
  id: string;
  /** The pod's network namespace; undefined for a pod on the host's network. */
  netnsPath?: string;
}

export interface StreamSource {
  /** Runs a command in a running container instance (`containerID` as in the pod status, `runc://…`). */
  exec(containerID: string, opts: ExecOptions): ExecProcess;
  /** The ready sandbox of the pod with this uid, or undefined when it has none on this node. */
  sandbox(podUID: string): PodSandboxView | undefined | Promise<PodSandboxView | undefined>;
  /** A writer to the container's stdin, or undefined when the runtime keeps none for it. */
  openStdin?(containerID: string): Writable | undefined | Promise<Writable | undefined>;
  /** Resizes the console of a container run with a TTY (attach's resize stream). */
  resize?(containerID: string, width: number, height: number): void | Promise<void>;
}
