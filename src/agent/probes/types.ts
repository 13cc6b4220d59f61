/**
 * The vocabulary shared by the probers, the probe manager and the lifecycle hooks: probe kinds,
 * a single prober's verdict, the outcome the manager reports, and what a container is probed with.
 */
import type { Container, Pod } from '../../api/types/core/pod/index.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** What one probe attempt found (kubelet's probe.Result): warning counts as success with an event. */
export type ProbeResult = 'success' | 'warning' | 'failure' | 'unknown';

/** One prober's answer: the verdict, its output (the text events quote), and an error when the
 *  probe could not be carried out at all (then the kubelet retries and finally throws it away). */
export interface ProberResult {
  result: ProbeResult;
  output: string;
  error?: string;
}

/** The runtime's execSync: runs a command in a container to completion, killing it after timeoutMs. */
export interface ExecResultLike { exitCode: number; stdout: Buffer; stderr: Buffer; timedOut: boolean }
export type ExecFn = (containerId: string, cmd: string[], timeoutMs: number) => Promise<ExecResultLike>;

/** A kept probe result (kubelet's results.Result): unknown until a startup probe decided. */
export type ProbeState = 'success' | 'failure' | 'unknown';

/** What the manager reports when a container's result for a probe kind changes. */
export interface ProbeOutcome {
  result: ProbeState;
  containerId: string;
  /** Output of the probe attempt that made the change (empty for initial values). */
  output: string;
}

/** An event the kubelet's prober records against the container (type, reason, message). */
export interface ProbeEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** A running container to probe. `startedAt` is the container's start time (ms since the epoch). */
export interface ProbeTarget {
  podUid: string;
  podIP?: string;
  pod: Pod;
  container: Container;
  containerId: string;
  startedAt: number;
}

/** Time as the manager sees it; injectable so tests drive it. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** The version a kubelet puts in its user agents (kube-probe/1.32, kube-lifecycle/1.32). */
export const KUBE_MAJOR_MINOR = '1.32';
