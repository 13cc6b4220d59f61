/**
 * Which container instance's log a request means, decided from the pod's status as the kubelet does
 * (validateContainerLogStatus): the previous instance when asked for, else the running one, else the
 * one that ended; a container that never ran is an error saying what it waits for. The instance is
 * located by its restart count: the current instance's log is `<restartCount>.log`, the one before it
 * `<restartCount - 1>.log`.
 */
import { goQuote } from '../pod-config/index.js';
import type { ContainerStatusView, PodStatusView } from './log-source.js';

export interface LogTarget {
  containerID: string;
  /** The instance's restart count: its log file is `<container>/<attempt>.log`. */
  attempt: number;
}

function statusOf(status: PodStatusView | undefined, name: string): ContainerStatusView | undefined {
  for (const list of [status?.containerStatuses, status?.initContainerStatuses, status?.ephemeralContainerStatuses]) {
    const found = list?.find((s) => s.name === name);
    if (found) return found;
  }
  return undefined;
}

function target(cs: ContainerStatusView, containerID: string): LogTarget {
  const rc = cs.restartCount ?? 0;
  // The status's containerID is the latest instance; any other one it names is the instance before.
  return { containerID, attempt: containerID === cs.containerID ? rc : Math.max(0, rc - 1) };
}

/** The instance to read, or the kubelet's message for why there is no log to read. */
export function selectLogContainer(podName: string, status: PodStatusView | undefined, container: string, previous: boolean): LogTarget | { error: string } {
  const q = goQuote;
  const cs = statusOf(status, container);
  if (!cs) return { error: `container ${q(container)} in pod ${q(podName)} is not available` };
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  const ended = (): { error: string } => ({ error: `container ${q(container)} in pod ${q(podName)} is terminated` });
  if (previous) {
    if (!last?.containerID) return { error: `previous terminated container ${q(container)} in pod ${q(podName)} not found` };
    return target(cs, last.containerID);
  }
  if (running) return cs.containerID ? target(cs, cs.containerID) : { error: `container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet` };
  if (terminated) {
    if (terminated.containerID) return target(cs, terminated.containerID);
    return last?.containerID ? target(cs, last.containerID) : ended();
  }
  if (last) return last.containerID ? target(cs, last.containerID) : ended();
  if (waiting) {
    const reason = waiting.reason ?? '';
    if (reason === 'ErrImagePull') return { error: `container ${q(container)} in pod ${q(podName)} is waiting to start: image can't be pulled` };
    if (reason === 'ImagePullBackOff') return { error: `container ${q(container)} in pod ${q(podName)} is waiting to start: trying and failing to pull image` };
    return { error: `container ${q(container)} in pod ${q(podName)} is waiting to start: ${reason}` };
  }
  return { error: `container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet` };
}
