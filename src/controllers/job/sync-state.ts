/**
 * What one sync of a Job works from: the Job (a copy the sync edits), its pods split into active
 * and terminating, the uids already listed in status.uncountedTerminatedPods, the pods finished
 * since the last count, the succeeded and failed totals those give, and the dependencies the sync
 * writes through.
 */
import type { Clientset } from '../../client/index.js';
import type { EventRecorder, Expectations } from '../runtime/index.js';
import type { BackoffRecord, BackoffStore } from './backoff.js';
import type { FinalizerExpectations } from './finalizer-expectations.js';
import type { Intervals } from './indexes.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { completionIndex, hasTrackingFinalizer, isActivePod, isPodFailed, isPodReady, isTerminatingPod, UNKNOWN_INDEX } from './pods.js';
import type { Job, JobCondition, Pod } from './types.js';

export interface JobDeps {
  cs: Clientset;
  recorder: EventRecorder;
  expectations: Expectations;
  finalizers: FinalizerExpectations;
  backoff: BackoffStore;
  now(): Date;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Per Job, the resourceVersion of the controller's last status write (a cache older than that is stale). */
  written: Map<string, number>;
  log(line: string): void;
}

export interface SyncState {
  key: string;
  /** The Job being synced: a copy of the cached one, edited by the sync and replaced by status writes. */
  job: Job;
  pods: Pod[];
  active: Pod[];
  ready: number;
  terminating: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  /** Pods whose finalizer removal is not yet seen in the cache: skipped. */
  expectedRemoved: Set<string>;
  newSucceeded: Pod[];
  newFailed: Pod[];
  succeeded: number;
  failed: number;
  /** The finishing condition decided by this sync (interim first, terminal once written). */
  finished?: JobCondition;
  prevSucceededIndexes: Intervals;
  succeededIndexes: Intervals;
  failedIndexes?: Intervals;
  /** backoffLimitPerIndex: per index, the failed pod kept until its replacement exists. */
  delayedDeletion: Map<number, Pod>;
  backoff: BackoffRecord;
  /** The earliest time (ms from now) the Job wants another look. */
  requeueAfter?: number;
}

export function isIndexed(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

export function hasBackoffLimitPerIndex(job: Job): boolean {
  return isIndexed(job) && typeof job.spec?.backoffLimitPerIndex === 'number';
}

export function completionsOf(job: Job): number {
  return job.spec?.completions ?? 0;
}

/** Whether the pod has a valid index for this Indexed Job (always true otherwise). */
export function validIndex(job: Job, p: Pod): boolean {
  if (!isIndexed(job)) return true;
  const ix = completionIndex(p);
  return ix !== UNKNOWN_INDEX && ix < completionsOf(job);
}

/** Pods with the finalizer, not yet listed as uncounted nor awaiting their finalizer removal, passing the filter. */
export function uncountedPods(s: Pick<SyncState, 'job' | 'pods' | 'expectedRemoved'>, listed: Set<string>, filter: (p: Pod) => boolean): Pod[] {
  return s.pods.filter((p) => {
    const uid = p.metadata.uid ?? '';
    if (!hasTrackingFinalizer(p) || listed.has(uid) || s.expectedRemoved.has(uid)) return false;
    return validIndex(s.job, p) && filter(p);
  });
}

export function requeueWithin(s: SyncState, ms: number): void {
  const d = Math.max(ms, 1);
  s.requeueAfter = s.requeueAfter === undefined ? d : Math.min(s.requeueAfter, d);
}

export function buildState(key: string, job: Job, pods: Pod[], expectedRemoved: Set<string>): SyncState {
  const status = job.status ?? (job.status = {});
  const uncounted = status.uncountedTerminatedPods ?? (status.uncountedTerminatedPods = {});
  const active = pods.filter(isActivePod);
  const base = {
    job, pods, expectedRemoved,
  };
  const uncountedSucceeded = new Set(uncounted.succeeded ?? []);
  const uncountedFailed = new Set(uncounted.failed ?? []);
  const newSucceeded = uncountedPods(base, uncountedSucceeded, (p) => p.status?.phase === 'Succeeded');
  const newFailed = uncountedPods(base, uncountedFailed, (p) => isPodFailed(p, job));
  const countedFailures = job.spec?.podFailurePolicy
    ? newFailed.filter((p) => matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed).length
    : newFailed.length;
  return {
    key, job, pods, active, expectedRemoved,
    ready: active.filter(isPodReady).length,
    terminating: pods.filter(isTerminatingPod).length,
    uncountedSucceeded, uncountedFailed, newSucceeded, newFailed,
    succeeded: (status.succeeded ?? 0) + newSucceeded.length + uncountedSucceeded.size,
    failed: (status.failed ?? 0) + countedFailures + uncountedFailed.size,
    prevSucceededIndexes: [], succeededIndexes: [],
    delayedDeletion: new Map(),
    backoff: { failuresAfterLastSuccess: 0 },
  };
}
