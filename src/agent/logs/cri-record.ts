/**
 * One record of a CRI-format container log (`<RFC 3339 time> <stdout|stderr> <F|P>[:tags] <content>`)
 * read as bytes, as the kubelet reads them for `kubectl logs`: a full record's content keeps the
 * newline that ends it, a partial record (P) gives its content without one, so that pieces of a long
 * line join up again. Times are kept to the nanosecond, and shown in the fixed nine-digit form.
 */

export type CriStream = 'stdout' | 'stderr';

export interface CriRecord {
  /** The time as written in the file. */
  time: string;
  /** The same time in nanoseconds since the Unix epoch. */
  timeNs: bigint;
  stream: CriStream;
  partial: boolean;
  /** The content (a full record's ends with "\n" when the file had one). */
  content: Buffer;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

interface ParsedTime { ns: bigint; whole: string; fraction: string; zone: string }

function parseTime(text: string): ParsedTime | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return undefined;
  let offsetMinutes = 0;
  if (zone!.toUpperCase() !== 'Z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone!.slice(1, 3)) * 60 + Number(zone!.slice(4, 6)));
  }
  const seconds = BigInt(ms / 1000 - offsetMinutes * 60);
  const nanos = BigInt(frac.padEnd(9, '0') || '0');
  // Go prints a zero offset as "Z".
  const shownZone = offsetMinutes === 0 ? 'Z' : zone!;
  return { ns: seconds * 1_000_000_000n + nanos, whole: text.slice(0, 19), fraction: frac, zone: shownZone };
}

/** An RFC 3339 time (optional fraction, Z or an offset) in nanoseconds since the epoch; undefined if malformed. */
export function rfc3339ToNs(text: string): bigint | undefined {
  return parseTime(text)?.ns;
}

/** The time with exactly nine fractional digits, as the kubelet prints it with `timestamps=true`. */
export function fixedTimestamp(time: string): string {
  const t = parseTime(time);
  if (!t) return time;
  return `${t.whole}.${t.fraction.padEnd(9, '0')}${t.zone}`;
}

/** Parses one line of the file (with or without its trailing newline); undefined when it is not a CRI record. */
export function parseCriRecord(line: Buffer): CriRecord | undefined {
  const a = line.indexOf(SPACE);
  if (a < 0) return undefined;
  const time = line.subarray(0, a).toString('latin1');
  const parsed = parseTime(time);
  if (!parsed) return undefined;
  const b = line.indexOf(SPACE, a + 1);
  if (b < 0) return undefined;
  const stream = line.subarray(a + 1, b).toString('latin1');
  if (stream !== 'stdout' && stream !== 'stderr') return undefined;
  const c = line.indexOf(SPACE, b + 1);
  if (c < 0) return undefined;
  const tags = line.subarray(b + 1, c).toString('latin1').split(':');
  const partial = tags[0] === 'P';
  let content = line.subarray(c + 1);
  if (partial && content.length > 0 && content[content.length - 1] === NEWLINE) content = content.subarray(0, content.length - 1);
  return { time, timeNs: parsed.ns, stream, partial, content };
}
