/**
 * Wall-clock time in an IANA time zone (or the process's local zone) from the runtime's time zone
 * database (Intl): an instant's calendar fields there, the instant of given calendar fields there
 * (out-of-range fields roll over, as Go's time.Date does), and RFC 3339 with the zone's offset.
 */

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 (Sunday) – 6 */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(zone: string | undefined): Intl.DateTimeFormat {
  const key = zone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', weekday: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(key, f);
  }
  return f;
}

/** Whether the zone name is known ("UTC" and "Local" included; "" means UTC, as Go's LoadLocation). */
export function isKnownZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Intl's zone argument for a Go location name: "" and "UTC" are UTC, "Local" the process's zone. */
export function intlZone(name: string | undefined): string | undefined {
  if (name === undefined || name === 'Local') return undefined;
  return name === '' ? 'UTC' : name;
}

export function wallClock(ms: number, zone: string | undefined): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second), weekday: WEEKDAYS[parts.weekday] ?? 0,
  };
}

/** The zone's offset from UTC at the instant, ms. */
export function offsetAt(ms: number, zone: string | undefined): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of these wall-clock fields in the zone (fields may overflow and roll over). */
export function zonedTime(zone: string | undefined, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - offsetAt(guess, zone);
  const second2 = guess - offsetAt(first, zone);
  return second2;
}

/** RFC 3339 of the instant in the zone: "2026-01-01T09:00:00+09:00", or "…Z" at offset zero. */
export function rfc3339In(ms: number, zone: string | undefined): string {
  const off = offsetAt(ms, zone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + off).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return `${local}Z`;
  const m = Math.abs(off) / 60_000;
  const sign = off < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
