/**
 * Counting finished pods exactly once, as Kubernetes does with finalizers. A finished pod still
 * carrying the tracking finalizer is first listed by uid in status.uncountedTerminatedPods (Indexed
 * Jobs record its index in completedIndexes instead) and that status is written; then the
 * finalizer is removed; then every listed uid whose pod has lost its finalizer moves into the
 * succeeded/failed counters and the status is written again. A crash anywhere in between leaves a
 * state from which the next sync neither loses nor repeats a count. Once nothing is uncounted and
 * no pod is terminating, the interim SuccessCriteriaMet/FailureTarget becomes Complete/Failed.
 */
import { rfc3339 } from '../runtime/index.js';
import { ensureCondition, findCondition, newCondition } from './conditions.js';
import { formatIndexes, hasIndex, withIndexes } from './indexes.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { removeFinalizers } from './pod-writes.js';
import { completionIndex, hasTrackingFinalizer, isPodFailed } from './pods.js';
import { hasBackoffLimitPerIndex, isIndexed, validIndex, type JobDeps, type SyncState } from './sync-state.js';
import { JOBS, type Job, type JobConditionType, type JobStatus, type Pod } from './types.js';

/** Most uids listed as uncounted at once (keeps the status small; the rest wait for the next sync). */
export const MAX_UNCOUNTED_PODS = 500;

function uncountedOf(status: JobStatus): { succeeded: string[]; failed: string[] } {
  const u = status.uncountedTerminatedPods ?? (status.uncountedTerminatedPods = {});
  u.succeeded ??= [];
  u.failed ??= [];
  return u as { succeeded: string[]; failed: string[] };
}

/** Moves uncounted uids whose pods no longer have the finalizer into the counters. */
function countFinalized(status: JobStatus, withFinalizer: Set<string>): boolean {
  const u = uncountedOf(status);
  const s = u.succeeded.filter((x) => withFinalizer.has(x));
  const f = u.failed.filter((x) => withFinalizer.has(x));
  const changed = s.length !== u.succeeded.length || f.length !== u.failed.length;
  status.succeeded = (status.succeeded ?? 0) + u.succeeded.length - s.length;
  status.failed = (status.failed ?? 0) + u.failed.length - f.length;
  u.succeeded = s;
  u.failed = f;
  return changed;
}

/** The status as Kubernetes serializes it: zero counters and empty lists left out. */
function wireStatus(job: Job): Job {
  const st: JobStatus = { ...job.status };
  for (const k of ['active', 'succeeded', 'failed'] as const) if (!st[k]) delete st[k];
  if (!st.completedIndexes) delete st.completedIndexes;
  const u = { ...st.uncountedTerminatedPods };
  if (!u.succeeded?.length) delete u.succeeded;
  if (!u.failed?.length) delete u.failed;
  st.uncountedTerminatedPods = u;
  return { ...job, status: st };
}

async function writeStatus(d: JobDeps, s: SyncState): Promise<void> {
  const saved = await d.cs.resource<Job>(JOBS).namespace(s.job.metadata.namespace ?? '').updateStatus(wireStatus(s.job));
  saved.status ??= {};
  uncountedOf(saved.status);
  const rv = Number(saved.metadata.resourceVersion);
  if (Number.isSafeInteger(rv)) d.written.set(s.key, rv);
  s.job = saved;
}

function canRemoveFinalizer(s: SyncState, p: Pod, failed: boolean): boolean {
  if (s.job.metadata.deletionTimestamp || s.finished || p.status?.phase === 'Succeeded') return true;
  if (!failed) return false;
  if (hasBackoffLimitPerIndex(s.job)) {
    const kept = s.delayedDeletion.get(completionIndex(p));
    if (kept && kept.metadata.uid === p.metadata.uid) return false;
  }
  return true;
}

function recordFinished(d: JobDeps, s: SyncState): void {
  const job = s.job;
  const c = s.finished;
  if (!c) return;
  if (c.type === 'Complete') {
    const completions = job.spec?.completions;
    if (typeof completions === 'number' && (job.status?.succeeded ?? 0) > completions) {
      d.recorder.event(job, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached');
    }
    d.recorder.event(job, 'Normal', 'Completed', 'Job completed');
  } else {
    d.recorder.event(job, 'Warning', c.reason ?? '', c.message ?? '');
  }
}

/** Sets Complete/Failed when nothing is left uncounted or terminating; returns whether it did. */
function enactFinished(s: SyncState, now: Date): boolean {
  const c = s.finished;
  if (!c) return false;
  const u = uncountedOf(s.job.status ?? (s.job.status = {}));
  if (u.succeeded.length + u.failed.length > 0 || s.terminating > 0) return false;
  const status = s.job.status;
  [status.conditions] = ensureCondition(status.conditions, c.type as JobConditionType, 'True', c.reason ?? '', c.message ?? '', now);
  if (c.type === 'Complete') status.completionTime = c.lastTransitionTime ?? rfc3339(now);
  return true;
}

export async function trackStatus(d: JobDeps, s: SyncState, needsWrite: boolean): Promise<void> {
  const job = s.job;
  const status = job.status ?? (job.status = {});
  const now = d.now();
  const indexed = isIndexed(job);
  const pods = indexed ? [...s.pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : s.pods;
  const withFinalizer = new Set(pods.filter((p) => hasTrackingFinalizer(p) && !s.expectedRemoved.has(p.metadata.uid ?? '')).map((p) => p.metadata.uid ?? ''));
  let dirty = countFinalized(status, withFinalizer) || needsWrite;
  const u = uncountedOf(status);
  const toRemove: Pod[] = [];
  const newIndexes: number[] = [];
  let capped = false;
  for (const p of pods) {
    const uid = p.metadata.uid ?? '';
    if (!hasTrackingFinalizer(p) || s.expectedRemoved.has(uid)) continue;
    const failed = isPodFailed(p, job);
    if (!canRemoveFinalizer(s, p, failed)) continue;
    toRemove.push(p);
    if (p.status?.phase === 'Succeeded' && !s.uncountedFailed.has(uid)) {
      if (indexed) {
        const ix = completionIndex(p);
        if (validIndex(job, p) && !hasIndex(s.prevSucceededIndexes, ix)) { newIndexes.push(ix); dirty = true; }
      } else if (!s.uncountedSucceeded.has(uid)) {
        u.succeeded.push(uid);
        dirty = true;
      }
    } else if (failed || (s.finished && s.finished.type !== 'SuccessCriteriaMet')) {
      // Once the Job is finishing as failed, every unfinished pod counts as failed.
      if (!s.uncountedFailed.has(uid) && validIndex(job, p) && matchPodFailurePolicy(job.spec?.podFailurePolicy, p).countFailed) {
        u.failed.push(uid);
        dirty = true;
      }
    }
    if (newIndexes.length + u.succeeded.length + u.failed.length >= MAX_UNCOUNTED_PODS) { capped = true; break; }
  }
  if (indexed) {
    s.succeededIndexes = withIndexes(s.succeededIndexes, newIndexes);
    const text = formatIndexes(s.succeededIndexes);
    if (text !== (status.completedIndexes ?? '')) dirty = true;
    status.completedIndexes = text;
    status.succeeded = s.succeededIndexes.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
    const failedText = s.failedIndexes ? formatIndexes(s.failedIndexes) : undefined;
    if (failedText !== status.failedIndexes) {
      if (failedText === undefined) delete status.failedIndexes;
      else status.failedIndexes = failedText;
      dirty = true;
    }
  }
  if (s.finished?.type === 'FailureTarget') {
    status.conditions = [...(status.conditions ?? []), s.finished];
    dirty = true;
    s.finished = newCondition('Failed', 'True', s.finished.reason ?? '', s.finished.message ?? '', now);
  }
  if (s.finished?.type === 'SuccessCriteriaMet' && s.finished.status === 'True') {
    if (findCondition(status.conditions, 'SuccessCriteriaMet')?.status !== 'True') {
      status.conditions = [...(status.conditions ?? []), s.finished];
      dirty = true;
    }
    s.finished = newCondition('Complete', 'True', s.finished.reason ?? '', s.finished.message ?? '', now);
  }
  dirty = await flushAndRemoveFinalizers(d, s, toRemove, withFinalizer, dirty);
  const finishedNow = !capped && enactFinished(s, now);
  if (finishedNow || dirty) {
    await writeStatus(d, s);
    if (finishedNow) recordFinished(d, s);
  }
}

/** Writes the uncounted lists, removes finalizers, counts what lost them; returns whether a write is still due. */
async function flushAndRemoveFinalizers(d: JobDeps, s: SyncState, toRemove: Pod[], withFinalizer: Set<string>, dirty: boolean): Promise<boolean> {
  if (dirty) {
    await writeStatus(d, s);
    d.backoff.set(s.key, s.backoff);
    dirty = false;
  }
  let error: Error | undefined;
  if (toRemove.length) {
    const r = await removeFinalizers(d, s.key, toRemove);
    for (const uid of r.done) withFinalizer.delete(uid);
    error = r.error;
  }
  if (countFinalized(s.job.status ?? (s.job.status = {}), withFinalizer)) dirty = true;
  if (error) {
    if (dirty) await writeStatus(d, s);
    throw error;
  }
  return dirty;
}
