/**
 * A DaemonSet's status counts, per node that should run the daemon: desired; current (it has a
 * daemon pod); ready and available (its oldest pod is ready, for minReadySeconds); updated (that pod
 * has the current hash or template generation); unavailable = desired − available. Nodes that have
 * a daemon pod but should not are misscheduled. observedGeneration moves only when the controller
 * acted on this generation.
 */
import { isAvailable, isReady, type Pod } from '../replicaset/index.js';
import { isPodUpdated, templateGeneration } from './daemon-pods.js';
import { nodeShouldRunDaemonPod } from './node-eligibility.js';
import { byCreation } from './node-plan.js';
import type { DaemonPod, DaemonSet, DaemonSetStatus, Node } from './types.js';

export interface StatusCounts {
  desiredNumberScheduled: number; currentNumberScheduled: number; numberMisscheduled: number; numberReady: number;
  updatedNumberScheduled: number; numberAvailable: number; numberUnavailable: number;
}

export function countStatus(ds: DaemonSet, nodes: readonly Node[], nodeToPods: ReadonlyMap<string, readonly DaemonPod[]>, hash: string, now: number): StatusCounts {
  const c: StatusCounts = {
    desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0,
    updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0,
  };
  const generation = templateGeneration(ds);
  for (const node of nodes) {
    const pods = nodeToPods.get(node.metadata.name ?? '') ?? [];
    const scheduled = pods.length > 0;
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (scheduled) c.numberMisscheduled++;
      continue;
    }
    c.desiredNumberScheduled++;
    if (!scheduled) continue;
    c.currentNumberScheduled++;
    const pod = [...pods].sort(byCreation)[0];
    if (isReady(pod as Pod)) {
      c.numberReady++;
      if (isAvailable(pod as Pod, ds.spec?.minReadySeconds ?? 0, now)) c.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) c.updatedNumberScheduled++;
  }
  c.numberUnavailable = c.desiredNumberScheduled - c.numberAvailable;
  return c;
}

/** The status to write, or undefined when the stored one already says it all. */
export function nextStatus(ds: DaemonSet, counts: StatusCounts, observe: boolean): DaemonSetStatus | undefined {
  const cur = ds.status ?? {};
  const generation = ds.metadata.generation ?? 0;
  const same = (Object.keys(counts) as Array<keyof StatusCounts>).every((k) => (cur[k] ?? 0) === counts[k]);
  if (same && (cur.observedGeneration ?? 0) >= generation) return undefined;
  return { ...cur, ...counts, observedGeneration: observe ? generation : cur.observedGeneration };
}
