/**
 * What the StatefulSet controller reads from its pods and how it sums them into status: a pod is
 * created once the API server gave it a phase; healthy when Running, Ready and not terminating;
 * available when ready for minReadySeconds. replicas counts created pods; ready and available
 * count healthy ones; current and updated count live pods at the current and update revisions. A
 * rolling update is complete when every replica is updated and ready: the update revision then
 * becomes the current one.
 */
import { isAvailable, isReady, type Pod } from '../replicaset/index.js';
import { podRevision, replicasOf } from './identity.js';
import type { StatefulPod, StatefulSet, StatefulSetStatus } from './types.js';

export const isCreated = (p: StatefulPod): boolean => !!p.status?.phase;
export const isTerminating = (p: StatefulPod): boolean => !!p.metadata.deletionTimestamp;
export const isFailed = (p: StatefulPod): boolean => p.status?.phase === 'Failed';
export const isSucceeded = (p: StatefulPod): boolean => p.status?.phase === 'Succeeded';
export const isPending = (p: StatefulPod): boolean => p.status?.phase === 'Pending';
export const isRunningAndReady = (p: StatefulPod): boolean => p.status?.phase === 'Running' && isReady(p as Pod);
export const isRunningAndAvailable = (p: StatefulPod, minReadySeconds: number, now: number): boolean => isAvailable(p as Pod, minReadySeconds, now);
export const isHealthy = (p: StatefulPod): boolean => isRunningAndReady(p) && !isTerminating(p);
export const isUnavailable = (p: StatefulPod, minReadySeconds: number, now: number): boolean => !isHealthy(p) || !isRunningAndAvailable(p, minReadySeconds, now);

export interface ReplicaCounts { replicas: number; readyReplicas: number; availableReplicas: number; currentReplicas: number; updatedReplicas: number }

export function countReplicas(pods: ReadonlyArray<StatefulPod | undefined>, minReadySeconds: number, currentRevision: string, updateRevision: string, now: number): ReplicaCounts {
  const c: ReplicaCounts = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const p of pods) {
    if (!p) continue;
    if (isCreated(p)) c.replicas++;
    if (isRunningAndReady(p)) {
      c.readyReplicas++;
      if (isRunningAndAvailable(p, minReadySeconds, now)) c.availableReplicas++;
    }
    if (isCreated(p) && !isTerminating(p)) {
      const rev = podRevision(p);
      if (rev === currentRevision) c.currentReplicas++;
      if (rev === updateRevision) c.updatedReplicas++;
    }
  }
  return c;
}

/** completeRollingUpdate: with every replica updated and ready, the update revision becomes current. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const n = replicasOf(set);
  if (set.spec?.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === n && status.readyReplicas === n && status.replicas === n) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** inconsistentStatus: the status differs from the stored one in what the controller owns. */
export function statusChanged(set: StatefulSet, status: StatefulSetStatus): boolean {
  const cur = set.status ?? {};
  const n = (v: number | undefined): number => v ?? 0;
  return n(status.observedGeneration) > n(cur.observedGeneration) || n(status.replicas) !== n(cur.replicas)
    || n(status.currentReplicas) !== n(cur.currentReplicas) || n(status.readyReplicas) !== n(cur.readyReplicas)
    || n(status.updatedReplicas) !== n(cur.updatedReplicas) || (status.currentRevision ?? '') !== (cur.currentRevision ?? '')
    || n(status.availableReplicas) !== n(cur.availableReplicas) || (status.updateRevision ?? '') !== (cur.updateRevision ?? '')
    || n(status.collisionCount) !== n(cur.collisionCount);
}
