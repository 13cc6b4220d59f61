/**
 * Whether this sync finishes the Job, before any pod is created: an earlier SuccessCriteriaMet or
 * FailureTarget decision stands; else a FailJob rule of the pod failure policy, the backoff limit
 * ("Job has reached the specified backoff limit"), the active deadline ("Job was active longer than
 * specified deadline"), for Indexed Jobs the per-index limits and the success policy. Failures are
 * first recorded as FailureTarget, success as SuccessCriteriaMet; the terminal Failed and Complete
 * conditions follow once every pod is counted and none is terminating.
 */
import { findCondition, newCondition } from './conditions.js';
import { firstPendingIndexes, hasIndex, mergeIntervals, parseIndexes, totalIndexes, withIndexes } from './indexes.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import {
  completionIndex, finishedTime, hasTrackingFinalizer, isActivePod, isPodFailed, isTerminatingPod, restartsOfLivePods, UNKNOWN_INDEX,
} from './pods.js';
import { matchSuccessPolicy } from './success-policy.js';
import {
  completionsOf, hasBackoffLimitPerIndex, isIndexed, requeueWithin, uncountedPods, validIndex, type SyncState,
} from './sync-state.js';
import { INDEX_FAILURE_COUNT_ANNOTATION, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION, type Job, type Pod } from './types.js';

export const BACKOFF_LIMIT_MESSAGE = 'Job has reached the specified backoff limit';
export const DEADLINE_MESSAGE = 'Job was active longer than specified deadline';

export function jobSuspended(job: Job): boolean {
  return job.spec?.suspend === true;
}

function failJobMessage(job: Job, pods: Pod[]): string | undefined {
  if (!job.spec?.podFailurePolicy) return undefined;
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue;
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p).failJobMessage;
    if (m) return m;
  }
  return undefined;
}

/** restartPolicy OnFailure: container restarts of live pods count against the backoff limit. */
function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const limit = job.spec.backoffLimit ?? 6;
  const n = restartsOfLivePods(pods);
  return limit === 0 ? n > 0 : n >= limit;
}

function startedAt(job: Job): number | undefined {
  const t = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

function annotationCount(p: Pod, key: string): number {
  const v = p.metadata.annotations?.[key];
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  const n = Number(v);
  return n > 2147483647 ? 0 : n;
}

export function indexFailureCount(p: Pod): number {
  return annotationCount(p, INDEX_FAILURE_COUNT_ANNOTATION);
}

export function indexAbsoluteFailureCount(p: Pod): number {
  return annotationCount(p, INDEX_FAILURE_COUNT_ANNOTATION) + annotationCount(p, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION);
}

/** backoffLimitPerIndex: the pod's failure exhausts its index (or a FailIndex rule matched). */
function isIndexFailed(job: Job, p: Pod): boolean {
  if (!isPodFailed(p, job)) return false;
  let counted = true;
  if (job.spec?.podFailurePolicy) {
    const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p);
    if (m.action === 'FailIndex') return true;
    counted = m.countFailed;
  }
  return counted && indexFailureCount(p) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/** Per index, the newest failed pod to keep until its replacement carries the failure counts on. */
function delayedDeletions(s: SyncState): Map<number, Pod> {
  const activeIdx = new Set(s.active.map(completionIndex).filter((i) => i !== UNKNOWN_INDEX));
  const out = new Map<number, Pod>();
  for (const p of uncountedPods(s, new Set(), (x) => isPodFailed(x, s.job))) {
    const ix = completionIndex(p);
    if (hasIndex(s.succeededIndexes, ix) || hasIndex(s.failedIndexes, ix) || activeIdx.has(ix)) continue;
    const prev = out.get(ix);
    if (!prev || (indexAbsoluteFailureCount(prev) <= indexAbsoluteFailureCount(p) && finishedTime(p) >= finishedTime(prev))) out.set(ix, p);
  }
  return out;
}

function failureTarget(reason: string, message: string, now: Date) {
  return newCondition('FailureTarget', 'True', reason, message, now);
}

export function decideFinish(s: SyncState, now: Date): void {
  const job = s.job;
  const conditions = job.status?.conditions;
  const met = findCondition(conditions, 'SuccessCriteriaMet');
  if (met?.status === 'True') s.finished = met;
  if (!s.finished) {
    const target = findCondition(conditions, 'FailureTarget');
    const msg = target?.status === 'True' ? undefined : failJobMessage(job, s.pods);
    if (target?.status === 'True') s.finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    else if (msg) s.finished = failureTarget('PodFailurePolicy', msg, now);
  }
  if (!s.finished) {
    const start = startedAt(job);
    const ads = job.spec?.activeDeadlineSeconds;
    if (s.failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, s.pods)) {
      s.finished = failureTarget('BackoffLimitExceeded', BACKOFF_LIMIT_MESSAGE, now);
    } else if (ads !== undefined && start !== undefined && !jobSuspended(job)) {
      const left = ads * 1000 - (now.getTime() - start);
      if (left <= 0) s.finished = failureTarget('DeadlineExceeded', DEADLINE_MESSAGE, now);
      else requeueWithin(s, left);
    }
  }
  if (!isIndexed(job)) return;
  const completions = completionsOf(job);
  s.prevSucceededIndexes = parseIndexes(job.status?.completedIndexes, completions);
  const newly = s.pods.filter((p) => p.status?.phase === 'Succeeded' && validIndex(job, p) && hasTrackingFinalizer(p)).map(completionIndex);
  s.succeededIndexes = withIndexes(s.prevSucceededIndexes, newly);
  s.succeeded = totalIndexes(s.succeededIndexes);
  if (hasBackoffLimitPerIndex(job)) {
    const prevFailed = job.status?.failedIndexes !== undefined ? parseIndexes(job.status.failedIndexes, completions) : [];
    const newFailed = s.pods.filter((p) => validIndex(job, p) && hasTrackingFinalizer(p) && isIndexFailed(job, p)).map(completionIndex);
    s.failedIndexes = withIndexes(prevFailed, newFailed);
    const failedCount = totalIndexes(s.failedIndexes);
    if (!s.finished) {
      if (job.spec?.maxFailedIndexes !== undefined && failedCount > job.spec.maxFailedIndexes) {
        s.finished = failureTarget('MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
      } else if (failedCount > 0 && failedCount + s.succeeded >= completions) {
        s.finished = failureTarget('FailedIndexes', 'Job has failed indexes', now);
      }
    }
    s.delayedDeletion = delayedDeletions(s);
  }
  if (!s.finished) {
    const msg = matchSuccessPolicy(job.spec?.successPolicy, completions, s.succeededIndexes);
    if (msg) s.finished = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', msg, now);
  }
}

/** Indexes still to run: not succeeded, failed, active, nor (when only failed pods are replaced) terminating. */
export function pendingIndexes(s: SyncState, count: number, onlyFailed: boolean): number[] {
  const busy = s.pods.filter((p) => isActivePod(p) || (onlyFailed && isTerminatingPod(p)));
  let taken = withIndexes(s.succeededIndexes, busy.map(completionIndex).filter((i) => i !== UNKNOWN_INDEX));
  if (s.failedIndexes) taken = mergeIntervals(taken, s.failedIndexes);
  return firstPendingIndexes(taken, count, completionsOf(s.job));
}
