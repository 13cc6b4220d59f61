/**
 * The few Go formatting verbs whose output ends up in kubelet messages: %q of a string, %v of a
 * []string and of a time.Duration, and format.Pod's `name_namespace(uid)`.
 */
import type { Pod } from '../../api/types/core/pod/index.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Record<number, string> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x22: '\\"', 0x5c: '\\\\',
};

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Go's strconv.Quote (%q): bytes that are not valid UTF-8 come out as \x escapes. */
export function goQuote(input: string | Buffer): string {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let out = '"';
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    if (b < 0x80) {
      const esc = SHORT_ESCAPES[b];
      if (esc) out += esc;
      else if (b < 0x20 || b === 0x7f) out += `\\x${hex(b, 2)}`;
      else out += String.fromCharCode(b);
      i++;
      continue;
    }
    const len = b >= 0xf0 && b < 0xf5 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    const seq = len > 0 && i + len <= buf.length ? buf.subarray(i, i + len) : undefined;
    const ch = seq && validSequence(seq) ? seq.toString('utf8') : undefined;
    if (ch === undefined) {
      out += `\\x${hex(b, 2)}`;
      i++;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
    i += len;
  }
  return out + '"';
}

function validSequence(seq: Buffer): boolean {
  for (let k = 1; k < seq.length; k++) if ((seq[k] & 0xc0) !== 0x80) return false;
  const s = seq.toString('utf8');
  return !s.includes('\ufffd') && Buffer.byteLength(s) === seq.length;
}

/** %v of a []string: `[sh -c exit 1]`. */
export function goStringSlice(items: readonly string[] | undefined): string {
  return `[${(items ?? []).join(' ')}]`;
}

/** time.Duration.String() of a whole number of milliseconds: 1s, 500ms, 1m30s, 1h0m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  ms = Math.abs(Math.round(ms));
  if (ms < 1000) return `${sign}${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const secs = `${Number.isInteger(s) ? s : String(s)}s`;
  if (h > 0) return `${sign}${h}h${m}m${secs}`;
  if (m > 0) return `${sign}${m}m${secs}`;
  return `${sign}${secs}`;
}

/** format.Pod: `name_namespace(uid)`. */
export function formatPod(pod: Pod | undefined): string {
  if (!pod) return '<nil>';
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
}

/** %v of an intstr.IntOrString value: `{0 8080 }` for a number, `{1 0 http}` for a name. */
export function goIntOrString(v: number | string | undefined): string {
  if (typeof v === 'string') return `{1 0 ${v}}`;
  return `{0 ${v ?? 0} }`;
}
