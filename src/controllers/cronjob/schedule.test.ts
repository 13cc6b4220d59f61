import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSchedule, type Schedule } from './schedule.js';
import { rfc3339In, zonedTime } from './zone.js';

function sched(spec: string, zone = 'UTC'): Schedule {
  const r = parseSchedule(spec, zone);
  if ('error' in r) throw new Error(r.error);
  return r.schedule;
}
const next = (spec: string, from: string, zone = 'UTC'): string | undefined => {
  const t = sched(spec, zone).next(Date.parse(from));
  return t === undefined ? undefined : new Date(t).toISOString();
};

describe('cron schedules', () => {
  it('fires strictly after the given time on matching minutes', () => {
    assert.equal(next('*/15 * * * *', '2026-01-01T10:07:30Z'), '2026-01-01T10:15:00.000Z');
    assert.equal(next('@hourly', '2026-01-01T10:00:00Z'), '2026-01-01T11:00:00.000Z');
    assert.equal(next('5 4 * * *', '2026-01-01T10:00:00Z'), '2026-01-02T04:05:00.000Z');
    assert.equal(next('@yearly', '2026-03-01T00:00:00Z'), '2027-01-01T00:00:00.000Z');
    assert.equal(next('0 0 * jan,feb mon', '2026-02-24T00:00:00Z'), '2027-01-04T00:00:00.000Z');
  });
  it('weekday ranges and the day-of-month/day-of-week rule', () => {
    assert.equal(next('0 9 * * 1-5', '2026-01-02T10:00:00Z'), '2026-01-05T09:00:00.000Z');
    assert.equal(next('0 0 13 * 5', '2026-01-03T00:00:00Z'), '2026-01-09T00:00:00.000Z', 'either the 13th or a Friday');
    assert.equal(next('0 0 13 * *', '2026-01-03T00:00:00Z'), '2026-01-13T00:00:00.000Z', 'day-of-week * : the 13th');
    assert.equal(next('0 0 13 * */2', '2026-01-03T00:00:00Z'), '2026-01-04T00:00:00.000Z', 'a stepped * is not a star');
  });
  it('a date that never comes gives nothing', () => {
    assert.equal(next('0 0 30 2 *', '2026-01-01T00:00:00Z'), undefined);
  });
  it('@every keeps a constant delay from the whole second', () => {
    assert.equal(next('@every 1m30s', '2026-01-01T10:00:00.500Z'), '2026-01-01T10:01:30.000Z');
    assert.equal(next('@every 10ms', '2026-01-01T10:00:00.500Z'), '2026-01-01T10:00:01.000Z');
  });
  it('reads the schedule on the wall clock of the time zone, or of a TZ= prefix', () => {
    assert.equal(next('0 9 * * *', '2025-12-31T23:00:00Z', 'Asia/Tokyo'), '2026-01-01T00:00:00.000Z');
    assert.equal(next('TZ=Asia/Tokyo 0 9 * * *', '2025-12-31T23:00:00Z', 'UTC'), '2026-01-01T00:00:00.000Z');
    // 01:00 happens twice when New York falls back; the cron library fires at both.
    assert.equal(next('0 1 * * *', '2026-10-31T12:00:00Z', 'America/New_York'), '2026-11-01T05:00:00.000Z');
    assert.equal(next('0 1 * * *', '2026-11-01T05:00:00Z', 'America/New_York'), '2026-11-01T06:00:00.000Z');
    assert.equal(next('0 0 * * *', '2026-03-07T12:00:00Z', 'America/New_York'), '2026-03-08T05:00:00.000Z');
    assert.equal(next('0 0 * * *', '2026-03-08T05:00:00Z', 'America/New_York'), '2026-03-09T04:00:00.000Z');
  });
  it('rejects bad schedules with the cron library\'s words', () => {
    assert.deepEqual(parseSchedule('61 * * * *'), { error: 'end of range (61) above maximum (59): 61' });
    assert.deepEqual(parseSchedule('* * *'), { error: 'expected exactly 5 fields, found 3: [* * *]' });
  });
});

describe('zones', () => {
  it('converts wall clock to instants and formats RFC 3339 with the offset', () => {
    assert.equal(new Date(zonedTime('Asia/Tokyo', 2026, 1, 1, 9)).toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(new Date(zonedTime('UTC', 2026, 13, 1)).toISOString(), '2027-01-01T00:00:00.000Z');
    assert.equal(rfc3339In(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Tokyo'), '2026-01-01T09:00:00+09:00');
    assert.equal(rfc3339In(Date.parse('2026-07-01T12:00:00Z'), 'America/New_York'), '2026-07-01T08:00:00-04:00');
    assert.equal(rfc3339In(Date.parse('2026-07-01T12:00:00Z'), 'UTC'), '2026-07-01T12:00:00Z');
  });
});
