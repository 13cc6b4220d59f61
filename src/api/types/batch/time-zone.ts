/**
 * IANA time zone names for CronJob spec.timeZone, checked against the time zone database the
 * JavaScript runtime carries (Intl), with the CronJob validation wording.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';

/** True when the runtime's time zone database knows the name ("UTC" and "Local" included). */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone of the CronJob spec. */
export function validateTimeZone(tz: string | undefined | null, path: string): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (tz.length === 0) return [fe.invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !PART.test(part)) {
      return [fe.invalid(path, tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') {
    errs.push(fe.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  if (!isKnownTimeZone(tz)) errs.push(fe.invalid(path, tz, `unknown time zone ${tz}`));
  return errs;
}
