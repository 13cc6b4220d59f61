/**
 * updateStatefulSet: one pass of the StatefulSet algorithm over its pods. Pods in the ordinal range
 * are replicas (missing ones made at the revision their ordinal calls for), the others are
 * condemned. OrderedReady ("monotonic"): replicas are created one at a time in ordinal order, each
 * waiting for its predecessors to be Running, Ready and available; condemned pods go from the
 * highest ordinal down, one at a time, only while the rest are healthy. Parallel: all at once, in
 * slow-start batches. Failed or succeeded replicas are deleted to be made again. Then, for
 * RollingUpdate, the highest-ordinal pod not at the update revision (down to the partition) is
 * deleted once every pod above it is available — or, with maxUnavailable, as many as that allows.
 * OnDelete replaces nothing. Returns the status to record even when a write failed.
 */
import { isAlreadyExists, isNotFound } from '../../client/index.js';
import type { ControllerRevision } from '../history/index.js';
import { identityMatches, inOrdinalRange, newVersionedPod, ordinalOf, podRevision, replicasOf, startOrdinal, storageMatches } from './identity.js';
import type { StatefulPodControl } from './pod-control.js';
import {
  countReplicas, isCreated, isFailed, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating, isUnavailable,
} from './replica-status.js';
import { applyRevision } from './revisions.js';
import type { StatefulPod, StatefulSet, StatefulSetStatus } from './types.js';

/** Largest batch of parallel writes, as Kubernetes' MaxBatchSize. */
const MAX_BATCH = 500;

export interface UpdateOutcome {
  status: StatefulSetStatus;
  error?: Error;
  /** Look again after this long (a create raced the cache, or a stale claim is being removed). */
  requeueAfter?: number;
}

type Step = (i: number) => Promise<boolean>;

/** getStatefulSetMaxUnavailable: an int, or a percentage of the replicas rounded down; at least 1. */
export function maxUnavailableOf(v: number | string, replicas: number): number {
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v) : null;
  const n = typeof v === 'number' ? v : m ? Math.floor((Number(m[1]) * replicas) / 100) : Number.parseInt(v, 10) || 0;
  return Math.max(1, n);
}

/** Sequentially until a step says stop (monotonic), or in slow-start batches until one fails. */
async function runForAll(n: number, fn: Step, monotonic: boolean): Promise<boolean> {
  if (monotonic) {
    for (let i = 0; i < n; i++) if (await fn(i)) return true;
    return false;
  }
  let done = 0;
  for (let batch = Math.min(1, n); batch > 0; batch = Math.min(2 * batch, n - done, MAX_BATCH)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, (_, k) => fn(done + k)));
    done += batch;
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
  return false;
}

export async function updateStatefulSet(
  ctl: StatefulPodControl, set: StatefulSet, current: ControllerRevision, update: ControllerRevision, collisionCount: number,
  pods: readonly StatefulPod[], now = Date.now(),
): Promise<UpdateOutcome> {
  const currentSet = applyRevision(set, current);
  const updateSet = applyRevision(set, update);
  const cur = current.metadata.name ?? '';
  const upd = update.metadata.name ?? '';
  const minReady = set.spec?.minReadySeconds ?? 0;
  const status: StatefulSetStatus = { observedGeneration: set.metadata.generation, currentRevision: cur, updateRevision: upd, collisionCount };
  const recount = (...lists: ReadonlyArray<ReadonlyArray<StatefulPod | undefined>>): void => {
    Object.assign(status, countReplicas(lists.flat(), minReady, cur, upd, now));
  };
  recount(pods);
  const out: UpdateOutcome = { status };

  const start = startOrdinal(set);
  const replicas: StatefulPod[] = new Array<StatefulPod>(replicasOf(set));
  const condemned: StatefulPod[] = [];
  for (const pod of pods) {
    if (inOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod;
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  for (let i = 0; i < replicas.length; i++) replicas[i] ??= newVersionedPod(currentSet, updateSet, cur, upd, start + i);
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  const firstUnhealthy = replicas.find((p) => isUnavailable(p, minReady, now)) ?? [...condemned].reverse().find((p) => isUnavailable(p, minReady, now));
  if (set.metadata.deletionTimestamp) return out;
  const monotonic = set.spec?.podManagementPolicy !== 'Parallel';

  const processReplica: Step = async (i) => {
    const pod = replicas[i];
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) await ctl.deletePod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (ctl.podClaimIsStale(set, pod)) { out.requeueAfter = 1000; return true; }
      try {
        await ctl.createPod(set, pod);
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        out.requeueAfter = 200;
        return true;
      }
      if (monotonic) return true;
    }
    if (isPending(pod)) await ctl.createMissingClaims(set, pod);
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return true;
    if (identityMatches(set, pod) && storageMatches(set, pod) && ctl.claimsMatchRetention(updateSet, pod)) return false;
    await ctl.updatePod(updateSet, pod);
    return false;
  };
  const fixClaims: Step = async (i) => {
    if (!ctl.claimsMatchRetention(updateSet, condemned[i])) await ctl.updateClaimsForRetention(updateSet, condemned[i]);
    return false;
  };
  const processCondemned: Step = async (i) => {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return true;
    await ctl.deletePod(set, pod);
    return true;
  };

  try {
    for (const [list, step] of [[replicas, processReplica], [condemned, fixClaims], [condemned, processCondemned]] as const) {
      if (await runForAll(list.length, step, monotonic)) { recount(replicas, condemned); return out; }
    }
    recount(replicas, condemned);
    const strategy = set.spec?.updateStrategy;
    if (strategy?.type === 'OnDelete') return out;
    const partition = strategy?.rollingUpdate?.partition ?? 0;
    if (strategy?.rollingUpdate?.maxUnavailable !== undefined) {
      const maxUnavailable = maxUnavailableOf(strategy.rollingUpdate.maxUnavailable, replicas.length);
      let budget = maxUnavailable - replicas.filter((p) => isUnavailable(p, minReady, now)).length;
      for (let t = replicas.length - 1; t >= partition && budget > 0; t--) {
        if (podRevision(replicas[t]) === upd || isTerminating(replicas[t])) continue;
        await deleteForUpdate(ctl, set, replicas[t]);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        budget--;
      }
      return out;
    }
    for (let t = replicas.length - 1; t >= partition; t--) {
      if (podRevision(replicas[t]) !== upd && !isTerminating(replicas[t])) {
        await deleteForUpdate(ctl, set, replicas[t]);
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return out;
      }
      if (isUnavailable(replicas[t], minReady, now)) return out;
    }
  } catch (err) {
    recount(replicas, condemned);
    out.error = err as Error;
  }
  return out;
}

async function deleteForUpdate(ctl: StatefulPodControl, set: StatefulSet, pod: StatefulPod): Promise<void> {
  try {
    await ctl.deletePod(set, pod);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
