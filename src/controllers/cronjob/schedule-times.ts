/**
 * Which scheduled time a CronJob is due for, as the CronJob controller reckons it: counting from
 * the last schedule time (or the CronJob's creation), but never from earlier than
 * startingDeadlineSeconds ago, the most recent activation not after now; how many were missed
 * (more than 100 is "many", which is warned about); and how long until the next one (plus 100 ms
 * against clock skew) for the requeue.
 */
import type { Schedule } from './schedule.js';

export type Missed = 'none' | 'few' | 'many';

export interface CronTimes {
  creationTimestamp?: string | null;
  lastScheduleTime?: string;
  startingDeadlineSeconds?: number;
}

export interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: Missed;
  error?: string;
}

/** Padding added to requeues so the controller wakes just after a scheduled time. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

function parse(s: string | null | undefined): number {
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

export function mostRecentScheduleTime(c: CronTimes, now: number, sched: Schedule, useDeadline: boolean): MostRecent {
  let earliest = c.lastScheduleTime ? parse(c.lastScheduleTime) : parse(c.creationTimestamp);
  if (useDeadline && c.startingDeadlineSeconds !== undefined && c.startingDeadlineSeconds !== null) {
    const deadline = now - c.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = sched.next(earliest);
  const t2 = t1 === undefined ? undefined : sched.next(t1);
  if (t1 !== undefined && now < t1) return { earliest, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const t1s = t1 as number;
  // Estimate how many activations fit since t1, jump close to the end, then walk to the last one.
  const missedCount = Math.floor((now - t1s) / 1000 / between) + 1;
  const start = t1s + (missedCount - 2) * between * 1000;
  let mostRecent: number | undefined;
  for (let t = sched.next(start), n = 0; t !== undefined && t <= now && n < 1000; t = sched.next(t), n++) mostRecent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** Milliseconds from now until just after the next activation worth waking for. */
export function nextScheduleDelay(c: CronTimes, now: number, sched: Schedule): number {
  const r = mostRecentScheduleTime(c, now, sched, false);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === 'none' ? r.earliest : now;
  else from = r.mostRecent;
  const next = sched.next(from);
  if (next === undefined) return 2_147_483_647;
  return next + NEXT_SCHEDULE_DELTA_MS - now;
}
