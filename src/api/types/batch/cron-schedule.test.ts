import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cronScheduleError } from './cron-schedule.js';
import { parseGoDuration } from './go-duration.js';
import { validateTimeZone } from './time-zone.js';
import { fieldErrorString } from '../../meta/field-errors.js';

describe('cron schedules', () => {
  it('accepts standard schedules, names and descriptors', () => {
    for (const s of ['*/1 * * * *', '0 3 * * *', '0 0 1 1 *', '15,45 9-17 * * mon-fri', '0 0 * jan,jul sun', '*/5 * * * ?',
      '@hourly', '@daily', '@midnight', '@weekly', '@monthly', '@yearly', '@annually', '@every 1h30m', '0-59/10 * * * *']) {
      assert.equal(cronScheduleError(s), undefined, s);
    }
  });

  it('words errors as the cron library does', () => {
    assert.equal(cronScheduleError('*/1 * * * * *'), 'expected exactly 5 fields, found 6: [*/1 * * * * *]');
    assert.equal(cronScheduleError('* * *'), 'expected exactly 5 fields, found 3: [* * *]');
    assert.equal(cronScheduleError('60 * * * *'), 'end of range (60) above maximum (59): 60');
    assert.equal(cronScheduleError('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
    assert.equal(cronScheduleError('5-2 * * * *'), 'beginning of range (5) beyond end of range (2): 5-2');
    assert.equal(cronScheduleError('*/0 * * * *'), 'step of range should be a positive number: */0');
    assert.equal(cronScheduleError('x * * * *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    assert.equal(cronScheduleError('1-2-3 * * * *'), 'too many hyphens: 1-2-3');
    assert.equal(cronScheduleError('*/2/3 * * * *'), 'too many slashes: */2/3');
    assert.equal(cronScheduleError('@fortnightly'), 'unrecognized descriptor: @fortnightly');
    assert.equal(cronScheduleError('@every 5x'), 'failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"');
  });

  it('parses Go durations', () => {
    assert.deepEqual(parseGoDuration('1h30m'), { ms: 5_400_000 });
    assert.deepEqual(parseGoDuration('1.5s'), { ms: 1500 });
    assert.deepEqual(parseGoDuration('5'), { error: 'time: missing unit in duration "5"' });
    assert.deepEqual(parseGoDuration(''), { error: 'time: invalid duration ""' });
  });

  it('checks time zones with the CronJob wording', () => {
    assert.deepEqual(validateTimeZone('Asia/Shanghai', 'spec.timeZone'), []);
    assert.deepEqual(validateTimeZone('Etc/UTC', 'spec.timeZone'), []);
    assert.deepEqual(validateTimeZone('', 'spec.timeZone').map(fieldErrorString), ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']);
    assert.deepEqual(validateTimeZone('Local', 'spec.timeZone').map(fieldErrorString), [
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
    assert.deepEqual(validateTimeZone('Mars/Olympus', 'spec.timeZone').map(fieldErrorString), ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']);
    assert.deepEqual(validateTimeZone('../etc', 'spec.timeZone').map(fieldErrorString), ['spec.timeZone: Invalid value: "../etc": unknown time zone ../etc']);
  });
});
