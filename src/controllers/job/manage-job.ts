/**
 * manageJob: brings the number of active pods to what the Job wants. A suspended Job loses all of
 * them. Otherwise it wants min(parallelism, completions - succeeded) (or parallelism until the
 * first success when completions is unset); surplus pods — for Indexed Jobs also pods with a
 * duplicate or out-of-range index — are deleted first and nothing is created in that pass. New
 * pods wait for the failure back-off, then are created in slow-start batches (1, 2, 4 …, at most
 * 500 per pass); an Indexed Job creates its lowest pending indexes.
 */
import { remainingBackoff } from './backoff.js';
import { indexAbsoluteFailureCount, indexFailureCount, jobSuspended, pendingIndexes } from './decide-finish.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { newJobPod, type IndexFailureCounts } from './pod-template.js';
import { createPod, deletePods } from './pod-writes.js';
import { completionIndex, finishedTime, onlyReplaceFailedPods, sortForRemoval, UNKNOWN_INDEX } from './pods.js';
import { completionsOf, hasBackoffLimitPerIndex, isIndexed, requeueWithin, type JobDeps, type SyncState } from './sync-state.js';
import type { Job, Pod } from './types.js';

/** At most this many pods are created or deleted per sync. */
export const MAX_POD_CHANGES_PER_SYNC = 500;

/** Pods to delete: duplicates and invalid indexes of an Indexed Job, then by removal order up to `atLeast`. */
export function podsForRemoval(job: Job, active: Pod[], atLeast: number): Pod[] {
  const rm: Pod[] = [];
  let left = active;
  if (isIndexed(job)) {
    left = [];
    const byIndex = new Map<number, Pod[]>();
    for (const p of active) {
      const ix = completionIndex(p);
      if (ix === UNKNOWN_INDEX || ix >= completionsOf(job)) { rm.push(p); continue; }
      byIndex.set(ix, [...(byIndex.get(ix) ?? []), p]);
    }
    for (const ix of [...byIndex.keys()].sort((a, b) => a - b)) {
      const ranked = sortForRemoval(byIndex.get(ix) ?? []);
      rm.push(...ranked.slice(0, -1));
      left.push(ranked[ranked.length - 1]);
    }
  }
  if (rm.length < atLeast) rm.push(...sortForRemoval(left).slice(0, atLeast - rm.length));
  return rm;
}

function newIndexCounts(job: Job, replaced: Pod | undefined): IndexFailureCounts {
  if (!replaced) return { failed: 0, ignored: 0 };
  let failed = indexFailureCount(replaced);
  let ignored = indexAbsoluteFailureCount(replaced) - failed;
  if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job.spec.podFailurePolicy, replaced).countFailed) failed++;
  else ignored++;
  return { failed, ignored };
}

/** Indexes whose own back-off has passed; else the shortest wait among them. */
function readyIndexes(d: JobDeps, s: SyncState, indexes: number[]): { now: number[]; wait: number } {
  const now = d.now().getTime();
  const ready: number[] = [];
  let wait = Infinity;
  for (const ix of indexes) {
    const last = s.delayedDeletion.get(ix);
    const left = last ? remainingBackoff(indexAbsoluteFailureCount(last) + 1, finishedTime(last), now, d.backoffBaseMs, d.backoffMaxMs) : 0;
    if (left <= 0) ready.push(ix);
    else wait = Math.min(wait, left);
  }
  return { now: ready, wait: ready.length ? 0 : wait };
}

async function createPods(d: JobDeps, s: SyncState, count: number, indexes: number[] | undefined): Promise<{ created: number; error?: Error }> {
  const job = s.job;
  const perIndex = hasBackoffLimitPerIndex(job);
  const templates = Array.from({ length: count }, (_, i) => {
    const ix = indexes?.[i];
    return newJobPod(job, ix, ix !== undefined && perIndex ? newIndexCounts(job, s.delayedDeletion.get(ix)) : undefined);
  });
  let created = 0;
  let batch = 1;
  let next = 0;
  while (next < templates.length) {
    const slice = templates.slice(next, next + batch);
    next += slice.length;
    const results = await Promise.all(slice.map((t) => createPod(d, job, t)));
    const failed = results.filter((r) => !r.ok);
    created += results.length - failed.length;
    for (let i = 0; i < failed.length; i++) d.expectations.creationObserved(s.key);
    if (failed.length) {
      // The rest of this pass is skipped: those pods will never be observed either.
      for (let i = next; i < templates.length; i++) d.expectations.creationObserved(s.key);
      return { created, error: failed.find((r) => r.error)?.error };
    }
    batch *= 2;
  }
  return { created };
}

/** Returns the number of active pods after the changes. */
export async function manageJob(d: JobDeps, s: SyncState): Promise<{ active: number; error?: Error }> {
  const job = s.job;
  let active = s.active.length;
  if (jobSuspended(job)) {
    const victims = podsForRemoval(job, s.active, active);
    d.expectations.expectDeletionsOf(s.key, victims.map((p) => p.metadata.uid ?? ''));
    const r = await deletePods(d, job, s.key, victims, true);
    s.terminating += r.removed;
    s.ready -= r.removedReady;
    return { active: active - r.removed, error: r.error };
  }
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  let want: number;
  if (completions === undefined || completions === null) want = s.succeeded > 0 ? active : parallelism;
  else want = Math.max(0, Math.min(completions - s.succeeded, parallelism));

  const victims = podsForRemoval(job, s.active, Math.max(0, active - want)).slice(0, MAX_POD_CHANGES_PER_SYNC);
  if (victims.length) {
    d.expectations.expectDeletionsOf(s.key, victims.map((p) => p.metadata.uid ?? ''));
    const r = await deletePods(d, job, s.key, victims, true);
    s.terminating += r.removed;
    s.ready -= r.removedReady;
    return { active: active - r.removed, error: r.error };
  }

  const terminating = onlyReplaceFailedPods(job) ? s.terminating : 0;
  let diff = want - terminating - active;
  if (diff <= 0) return { active };
  if (!hasBackoffLimitPerIndex(job)) {
    const wait = remainingBackoff(s.backoff.failuresAfterLastSuccess, s.backoff.lastFailureTime, d.now().getTime(), d.backoffBaseMs, d.backoffMaxMs);
    if (wait > 0) {
      requeueWithin(s, wait);
      return { active };
    }
  }
  diff = Math.min(diff, MAX_POD_CHANGES_PER_SYNC);
  let indexes: number[] | undefined;
  if (isIndexed(job)) {
    indexes = pendingIndexes(s, diff, onlyReplaceFailedPods(job));
    if (hasBackoffLimitPerIndex(job)) {
      const r = readyIndexes(d, s, indexes);
      if (r.wait > 0 && r.wait !== Infinity) {
        requeueWithin(s, r.wait);
        return { active };
      }
      indexes = r.now;
    }
    diff = indexes.length;
  }
  if (diff <= 0) return { active };
  d.expectations.expectCreations(s.key, diff);
  const r = await createPods(d, s, diff, indexes);
  return { active: active + r.created, error: r.error };
}
