import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSchedule, type Schedule } from './schedule.js';
import { mostRecentScheduleTime, nextScheduleDelay } from './schedule-times.js';

function sched(spec: string): Schedule {
  const r = parseSchedule(spec, 'UTC');
  if ('error' in r) throw new Error(r.error);
  return r.schedule;
}
const T = (s: string) => Date.parse(s);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

describe('schedule times', () => {
  const every = sched('* * * * *');
  it('nothing due before the first activation; the delay wakes just after it', () => {
    const c = { creationTimestamp: '2026-01-01T10:00:30Z' };
    const r = mostRecentScheduleTime(c, T('2026-01-01T10:00:50Z'), every, true);
    assert.equal(r.mostRecent, undefined);
    assert.equal(nextScheduleDelay(c, T('2026-01-01T10:00:50Z'), every), 10_100);
  });
  it('the most recent activation when some were missed', () => {
    const r = mostRecentScheduleTime({ creationTimestamp: '2026-01-01T10:00:30Z' }, T('2026-01-01T10:05:10Z'), every, true);
    assert.equal(iso(r.mostRecent), '2026-01-01T10:05:00.000Z');
    assert.equal(r.missed, 'few');
  });
  it('counts from the last schedule time', () => {
    const c = { creationTimestamp: '2026-01-01T09:00:00Z', lastScheduleTime: '2026-01-01T10:05:00Z' };
    assert.equal(mostRecentScheduleTime(c, T('2026-01-01T10:05:40Z'), every, true).mostRecent, undefined);
    assert.equal(nextScheduleDelay(c, T('2026-01-01T10:05:40Z'), every), 20_100);
  });
  it('more than 100 missed is "many", unless a starting deadline limits the look back', () => {
    const c = { creationTimestamp: '2026-01-01T00:00:00Z' };
    const r = mostRecentScheduleTime(c, T('2026-01-01T03:20:30Z'), every, true);
    assert.equal(r.missed, 'many');
    assert.equal(iso(r.mostRecent), '2026-01-01T03:20:00.000Z');
    const d = mostRecentScheduleTime({ ...c, startingDeadlineSeconds: 200 }, T('2026-01-01T03:20:30Z'), every, true);
    assert.equal(d.missed, 'few');
    assert.equal(iso(d.mostRecent), '2026-01-01T03:20:00.000Z');
    const hourly = mostRecentScheduleTime(c, T('2026-01-03T05:30:00Z'), sched('@hourly'), true);
    assert.equal(iso(hourly.mostRecent), '2026-01-03T05:00:00.000Z');
  });
  it('a schedule that never fires is an error', () => {
    const r = mostRecentScheduleTime({ creationTimestamp: '2026-01-01T00:00:00Z' }, T('2026-01-02T00:00:00Z'), sched('0 0 30 2 *'), true);
    assert.equal(r.error, 'time difference between two schedules is less than 1 second');
  });
});
