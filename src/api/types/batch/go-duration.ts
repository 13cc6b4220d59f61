/**
 * Go's time.ParseDuration ("1h30m", "90s", "1.5h"), with its error wording, for "@every"
 * schedules. Returns milliseconds or an error text.
 */

const UNITS: Record<string, number> = {
  ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

function quote(s: string): string {
  return JSON.stringify(s);
}

export function parseGoDuration(input: string): { ms: number } | { error: string } {
  const invalid = { error: `time: invalid duration ${quote(input)}` };
  let s = input;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ms: 0 };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    const num = /^([0-9]*)(\.[0-9]*)?/.exec(s);
    const text = num ? num[0] : '';
    if (text === '' || text === '.') return invalid;
    s = s.slice(text.length);
    const unitMatch = /^[^0-9.]*/.exec(s);
    const unit = unitMatch ? unitMatch[0] : '';
    if (unit === '') return { error: `time: missing unit in duration ${quote(input)}` };
    const factor = UNITS[unit];
    if (factor === undefined) return { error: `time: unknown unit ${quote(unit)} in duration ${quote(input)}` };
    total += Number(text) * factor;
    s = s.slice(unit.length);
  }
  return { ms: sign * total };
}
