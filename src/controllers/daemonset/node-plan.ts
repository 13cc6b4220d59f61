/**
 * podsShouldBeOnNode: what one node needs — a new daemon pod, or some of its daemon pods deleted.
 * A node that should run the daemon and has none gets one. A node that may keep its pods loses
 * failed pods (at most once per back-off period) and succeeded ones; without surge, every running
 * pod but the oldest; with surge, at most the oldest updated and the oldest old pod are kept, and
 * the old one goes once it is not ready or the new one is available. A node that must not run
 * the daemon loses all its pods.
 */
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/index.js';
import { isAvailable, isReady, type Pod } from '../replicaset/index.js';
import type { FailedPodBackoff } from './failed-pod-backoff.js';
import type { NodeVerdict } from './node-eligibility.js';
import type { DaemonPod, DaemonSet } from './types.js';

export interface PlannedEvent { type: 'Normal' | 'Warning'; reason: string; message: string }

export interface NodePlan {
  create: boolean;
  toDelete: DaemonPod[];
  events: PlannedEvent[];
  /** Look again after this long (a failed pod waits out its back-off). */
  requeueAfterMs?: number;
}

export interface NodePlanInput {
  ds: DaemonSet;
  nodeName: string;
  verdict: NodeVerdict;
  /** The daemon pods whose target is this node (undefined: none). */
  pods: DaemonPod[] | undefined;
  hash: string;
  allowsSurge: boolean;
  now: number;
  backoff: FailedPodBackoff;
}

/** Scheduled pods first, then oldest first, then by name (podByCreationTimestampAndPhase). */
export function byCreation(a: DaemonPod, b: DaemonPod): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
}

export function podsShouldBeOnNode(i: NodePlanInput): NodePlan {
  const plan: NodePlan = { create: false, toDelete: [], events: [] };
  const { ds, verdict, pods, nodeName } = i;
  if (verdict.shouldRun && !pods) {
    plan.create = true;
    return plan;
  }
  if (!pods) return plan;
  if (!verdict.shouldContinueRunning) {
    plan.toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    return plan;
  }
  const running: DaemonPod[] = [];
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const ref = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
    if (pod.status?.phase === 'Failed') {
      const key = `${ds.metadata.uid ?? ''}/${ds.status?.observedGeneration ?? 0}/${nodeName}`;
      if (i.backoff.inBackoff(key, i.now)) {
        const delay = i.backoff.delay(key);
        plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? delay, delay);
        continue;
      }
      i.backoff.next(key, i.now);
      plan.events.push({ type: 'Warning', reason: 'FailedDaemonPod', message: `Found failed daemon pod ${ref} on node ${nodeName}, will try to kill it` });
      plan.toDelete.push(pod);
    } else if (pod.status?.phase === 'Succeeded') {
      plan.events.push({ type: 'Normal', reason: 'SucceededDaemonPod', message: `Found succeeded daemon pod ${ref} on node ${nodeName}, will try to delete it` });
      plan.toDelete.push(pod);
    } else {
      running.push(pod);
    }
  }
  running.sort(byCreation);
  if (!i.allowsSurge) {
    plan.toDelete.push(...running.slice(1));
    return plan;
  }
  if (running.length <= 1) {
    if (running.length === 0 && verdict.shouldRun) plan.create = true;
    return plan;
  }
  let oldestNew: DaemonPod | undefined;
  let oldestOld: DaemonPod | undefined;
  for (const pod of running) {
    if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] === i.hash) {
      if (!oldestNew) { oldestNew = pod; continue; }
    } else if (!oldestOld) { oldestOld = pod; continue; }
    plan.toDelete.push(pod);
  }
  if (oldestNew && oldestOld) {
    if (!isReady(oldestOld as Pod)) plan.toDelete.push(oldestOld);
    else if (isAvailable(oldestNew as Pod, ds.spec?.minReadySeconds ?? 0, i.now)) plan.toDelete.push(oldestOld);
  }
  return plan;
}
