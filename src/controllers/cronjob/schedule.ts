/**
 * When a cron schedule fires, as the cron library CronJobs use (robfig/cron v3, standard parser):
 * five fields (minute hour day-of-month month day-of-week) with lists, ranges, steps and names,
 * the descriptors (@yearly … @hourly, @every <duration>), an optional "TZ=<zone> " prefix, and
 * its day rule — when day-of-month or day-of-week is "*", both must match, otherwise either.
 * Times are worked out on the zone's wall clock, so daylight-saving changes behave as there.
 * Schedules are checked with the API's own validator first, so errors read the same.
 */
import { cronScheduleError } from '../../api/types/batch/index.js';
import { intlZone, wallClock, zonedTime } from './zone.js';

export interface Schedule {
  /** The first activation strictly after `t` (ms), or undefined when none within five years. */
  next(t: number): number | undefined;
}

interface Field { bits: boolean[]; star: boolean }

const RANGES = {
  minute: { min: 0, max: 59 },
  hour: { min: 0, max: 23 },
  dom: { min: 1, max: 31 },
  month: { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], base: 1 },
  dow: { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], base: 0 },
} as const;

type Range = { min: number; max: number; names?: readonly string[]; base?: number };

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

function value(text: string, r: Range): number {
  const i = r.names?.indexOf(text.toLowerCase()) ?? -1;
  return i >= 0 ? i + (r.base ?? 0) : Number(text);
}

function parseField(text: string, r: Range): Field {
  const f: Field = { bits: new Array<boolean>(r.max + 1).fill(false), star: false };
  for (const part of text.split(',')) {
    if (part === '') continue;
    const [range, stepText] = part.split('/');
    const [lo, hi] = range.split('-');
    let start: number;
    let end: number;
    let star = false;
    if (lo === '*' || lo === '?') {
      start = r.min;
      end = r.max;
      star = true;
    } else {
      start = value(lo, r);
      end = hi === undefined ? start : value(hi, r);
    }
    let step = 1;
    if (stepText !== undefined) {
      step = Number(stepText);
      if (hi === undefined && !star) end = r.max;
      if (step > 1) star = false;
    }
    for (let v = start; v <= end; v += step) f.bits[v] = true;
    if (star) f.star = true;
  }
  return f;
}

/** Go's time.ParseDuration for "@every", ms (the input is already validated). */
function goDurationMs(text: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of text.matchAll(/([0-9]*\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]];
  return text.startsWith('-') ? -total : total;
}

class SpecSchedule implements Schedule {
  constructor(private readonly f: { minute: Field; hour: Field; dom: Field; month: Field; dow: Field }, private readonly zone: string | undefined) {}

  private dayMatches(w: { day: number; weekday: number }): boolean {
    const dom = this.f.dom.bits[w.day];
    const dow = this.f.dow.bits[w.weekday];
    return this.f.dom.star || this.f.dow.star ? dom && dow : dom || dow;
  }

  next(from: number): number | undefined {
    const z = this.zone;
    let t = Math.floor(from / 1000) * 1000 + 1000;
    let added = false;
    const yearLimit = wallClock(t, z).year + 5;
    // Each pass either returns or moves t forward by at least a second; wraps are bounded by the year limit.
    for (let guard = 0; guard < 100_000; guard++) {
      let w = wallClock(t, z);
      if (w.year > yearLimit) return undefined;
      if (!this.f.month.bits[w.month]) {
        if (!added) { added = true; t = zonedTime(z, w.year, w.month, 1); }
        t = zonedTime(z, w.year, w.month + 1, 1);
        continue;
      }
      if (!this.dayMatches(w)) {
        if (!added) { added = true; t = zonedTime(z, w.year, w.month, w.day); w = wallClock(t, z); }
        t = zonedTime(z, w.year, w.month, w.day + 1, w.hour, w.minute, w.second);
        const h = wallClock(t, z).hour;
        // Keep to midnight across a daylight-saving change.
        if (h !== 0) t += (h > 12 ? 24 - h : -h) * 3_600_000;
        continue;
      }
      if (!this.f.hour.bits[w.hour]) {
        if (!added) { added = true; t = zonedTime(z, w.year, w.month, w.day, w.hour); }
        t += 3_600_000;
        continue;
      }
      if (!this.f.minute.bits[w.minute]) {
        if (!added) { added = true; t = Math.floor(t / 60_000) * 60_000; }
        t += 60_000;
        continue;
      }
      if (w.second !== 0) {
        if (!added) added = true;
        t += (60 - w.second) * 1000;
        continue;
      }
      return t;
    }
    return undefined;
  }
}

class EverySchedule implements Schedule {
  constructor(private readonly delayMs: number) {}
  next(t: number): number {
    return Math.floor(t / 1000) * 1000 + this.delayMs;
  }
}

/** Parses a schedule for the zone `timeZone` ("" = UTC; undefined = the process's zone). */
export function parseSchedule(input: string, timeZone?: string): { schedule: Schedule } | { error: string } {
  const err = cronScheduleError(input);
  if (err) return { error: err };
  let spec = input;
  let zone = intlZone(timeZone);
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    zone = intlZone(spec.slice(spec.indexOf('=') + 1, space < 0 ? undefined : space));
    spec = space < 0 ? '' : spec.slice(space).trim();
  }
  if (spec.startsWith('@every ')) {
    const ms = Math.floor(goDurationMs(spec.slice(7)) / 1000) * 1000;
    return { schedule: new EverySchedule(Math.max(ms, 1000)) };
  }
  const fields = (DESCRIPTORS[spec] ?? spec).split(/\s+/).filter((x) => x !== '');
  return {
    schedule: new SpecSchedule({
      minute: parseField(fields[0], RANGES.minute), hour: parseField(fields[1], RANGES.hour), dom: parseField(fields[2], RANGES.dom),
      month: parseField(fields[3], RANGES.month), dow: parseField(fields[4], RANGES.dow),
    }, zone),
  };
}
