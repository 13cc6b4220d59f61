/**
 * Job conditions as the Job controller writes them: both timestamps set to now; setting a
 * condition that exists with another status, reason or message replaces it; a False condition is
 * never added where none was. A Job is finished once Complete or Failed is True.
 */
import { rfc3339 } from '../runtime/index.js';
import type { Job, JobCondition, JobConditionType } from './types.js';

export function newCondition(type: JobConditionType, status: 'True' | 'False', reason: string, message: string, now: Date): JobCondition {
  const t = rfc3339(now);
  const c: JobCondition = { type, status, lastProbeTime: t, lastTransitionTime: t };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

export function findCondition(list: JobCondition[] | undefined, type: JobConditionType): JobCondition | undefined {
  return (list ?? []).find((c) => c.type === type);
}

/** Sets the condition; returns the new list and whether it changed. */
export function ensureCondition(
  list: JobCondition[] | undefined, type: JobConditionType, status: 'True' | 'False', reason: string, message: string, now: Date,
): [JobCondition[], boolean] {
  const cur = list ?? [];
  const i = cur.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = cur[i];
    if (c.status === status && (c.reason ?? '') === reason && (c.message ?? '') === message) return [cur, false];
    const next = [...cur];
    next[i] = newCondition(type, status, reason, message, now);
    return [next, true];
  }
  if (status === 'False') return [cur, false];
  return [[...cur, newCondition(type, status, reason, message, now)], true];
}

/** 'Complete' or 'Failed' when the Job has finished. */
export function finishedType(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** The time the Job finished (its Complete or Failed condition's transition), ms. */
export function finishedAt(job: Job): number | undefined {
  const c = (job.status?.conditions ?? []).find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  if (!c?.lastTransitionTime) return undefined;
  const t = Date.parse(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}
