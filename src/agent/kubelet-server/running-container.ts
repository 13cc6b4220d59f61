/**
 * Which container instance exec and attach go to, as the kubelet finds it: the container of that name
 * in the pod's status (regular, init or ephemeral) whose current instance is running; anything else
 * is the kubelet's `container not found ("name")`.
 */
import type { LogPod } from './log-source.js';

export interface RunningContainer {
  containerID: string;
  /** The instance's restart count: its log is `<container>/<restartCount>.log`. */
  restartCount: number;
}

export async function findRunningContainer(found: LogPod, name: string, isRunning: (id: string) => boolean | Promise<boolean>): Promise<RunningContainer | { error: string }> {
  const status = found.pod.status;
  for (const list of [status?.containerStatuses, status?.initContainerStatuses, status?.ephemeralContainerStatuses]) {
    const cs = list?.find((s) => s.name === name);
    if (!cs) continue;
    if (cs.state?.running && cs.containerID && await isRunning(cs.containerID)) {
      return { containerID: cs.containerID, restartCount: cs.restartCount ?? 0 };
    }
  }
  return { error: `container not found (${JSON.stringify(name)})` };
}
