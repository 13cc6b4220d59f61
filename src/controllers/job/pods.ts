/**
 * What the Job controller reads from its pods: active, terminating, ready, failed (as the Job's
 * replacement policy sees it), finished, their completion index, the tracking finalizer, when a
 * pod finished, and the order in which surplus active pods are removed (unscheduled before
 * scheduled, pending before running, not ready before ready, newer before older).
 */
import { COMPLETION_INDEX_ANNOTATION, JOB_TRACKING_FINALIZER, type Job, type Pod } from './types.js';

export const UNKNOWN_INDEX = -1;

const terminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** Not finished and not being deleted. */
export function isActivePod(p: Pod): boolean {
  return !terminal(p) && !p.metadata.deletionTimestamp;
}

/** Being deleted but not finished yet. */
export function isTerminatingPod(p: Pod): boolean {
  return !!p.metadata.deletionTimestamp && !terminal(p);
}

export function isPodReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function hasTrackingFinalizer(p: Pod): boolean {
  return (p.metadata.finalizers ?? []).includes(JOB_TRACKING_FINALIZER);
}

/** Failed pods are replaced only once they reach the Failed phase (not while terminating). */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;
}

/** Whether the pod counts as a failure; deleted unfinished pods count unless only Failed ones do. */
export function isPodFailed(p: Pod, job: Job): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** The completion index from the annotation, or UNKNOWN_INDEX. */
export function completionIndex(p: Pod): number {
  const v = p.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return UNKNOWN_INDEX;
  const n = Number(v);
  return n < 0 || !Number.isSafeInteger(n) ? UNKNOWN_INDEX : n;
}

function parseTime(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * When the pod finished (ms): the latest container finish when all containers finished, else the
 * Ready=False transition, else the deletion time less its grace period, else its creation.
 */
export function finishedTime(p: Pod): number {
  const statuses = p.status?.containerStatuses ?? [];
  let latest: number | undefined;
  let all = statuses.length > 0;
  for (const s of statuses) {
    const t = parseTime(s.state?.terminated?.finishedAt);
    if (t === undefined) { all = false; break; }
    latest = latest === undefined ? t : Math.max(latest, t);
  }
  if (all && latest !== undefined) return latest;
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
  const readyFalse = ready?.status === 'False' ? parseTime(ready.lastTransitionTime) : undefined;
  if (readyFalse !== undefined) return readyFalse;
  const deleted = parseTime(p.metadata.deletionTimestamp);
  if (deleted !== undefined) return deleted - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTime(p.metadata.creationTimestamp) ?? 0;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readySince(p: Pod): number {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready');
  return parseTime(c?.lastTransitionTime) ?? 0;
}

function restarts(p: Pod): number {
  return (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0);
}

/** Sorts active pods so the ones to remove first come first. */
export function sortForRemoval(pods: Pod[]): Pod[] {
  return [...pods].sort((a, b) => {
    const sa = a.spec?.nodeName ? 1 : 0;
    const sb = b.spec?.nodeName ? 1 : 0;
    if (sa !== sb) return sa - sb;
    const pa = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
    const pb = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
    if (pa !== pb) return pa - pb;
    const ra = isPodReady(a) ? 1 : 0;
    const rb = isPodReady(b) ? 1 : 0;
    if (ra !== rb) return ra - rb;
    if (ra && rb && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
    if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
    return (parseTime(b.metadata.creationTimestamp) ?? 0) - (parseTime(a.metadata.creationTimestamp) ?? 0);
  });
}

/** Sum of container restarts of running or pending pods (restartPolicy OnFailure counts these as failures). */
export function restartsOfLivePods(pods: Pod[]): number {
  let n = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) n += s.restartCount ?? 0;
  }
  return n;
}
