/**
 * Pod failure back-off: after failures the Job controller waits before creating replacement pods,
 * 10 s after the first failure since the last success, doubling per further failure up to 6
 * minutes, counted from when the last failure happened. The record per Job (failures since the
 * last success, time of the last one) lives in memory, as in Kubernetes.
 */
import { finishedTime } from './pods.js';
import type { Pod } from './types.js';

export const DEFAULT_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 6 * 60_000;

export interface BackoffRecord { failuresAfterLastSuccess: number; lastFailureTime?: number }

/** The record after seeing these newly finished pods. */
export function nextBackoffRecord(prev: BackoffRecord | undefined, newSucceeded: Pod[], newFailed: Pod[]): BackoffRecord {
  const rec: BackoffRecord = { failuresAfterLastSuccess: prev?.failuresAfterLastSuccess ?? 0, lastFailureTime: prev?.lastFailureTime };
  const failedTimes = newFailed.map(finishedTime).sort((a, b) => a - b);
  if (newSucceeded.length === 0) {
    if (failedTimes.length === 0) return rec;
    return { failuresAfterLastSuccess: rec.failuresAfterLastSuccess + failedTimes.length, lastFailureTime: failedTimes[failedTimes.length - 1] };
  }
  const lastSuccess = Math.max(...newSucceeded.map(finishedTime));
  const after = failedTimes.filter((t) => t > lastSuccess);
  if (after.length === 0) return { failuresAfterLastSuccess: 0 };
  return { failuresAfterLastSuccess: after.length, lastFailureTime: after[after.length - 1] };
}

/** Milliseconds still to wait after `failures` consecutive failures, the last at `lastFailure`. */
export function remainingBackoff(failures: number, lastFailure: number | undefined, now: number, baseMs = DEFAULT_BACKOFF_MS, maxMs = MAX_BACKOFF_MS): number {
  if (failures <= 0 || lastFailure === undefined) return 0;
  let d = baseMs;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= maxMs) { d = maxMs; break; }
  }
  const elapsed = now - lastFailure;
  return d < elapsed ? 0 : d - elapsed;
}

/** The back-off records of the Jobs, by key. */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  get(key: string): BackoffRecord | undefined {
    return this.records.get(key);
  }

  set(key: string, rec: BackoffRecord): void {
    this.records.set(key, rec);
  }

  delete(key: string): void {
    this.records.delete(key);
  }
}
