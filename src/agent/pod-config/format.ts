/**
 * Go's formatting where the kubelet's messages and downward API files use it: `%q`
 * (strconv.Quote, of text or of raw bytes such as a command's output), the pod description
 * `name_namespace(uid)` (format.Pod) and fieldpath's map format (`key="value"` lines in key order).
 */
import type { Pod } from '../../api/types/core/pod/index.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const ESCAPES: Record<number, string> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x22: '\\"', 0x5c: '\\\\',
};

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** The byte ranges a UTF-8 sequence's second byte may take, by its first byte (utf8.DecodeRune). */
function secondByteRange(b: number): [number, number] {
  if (b === 0xe0) return [0xa0, 0xbf];
  if (b === 0xed) return [0x80, 0x9f];
  if (b === 0xf0) return [0x90, 0xbf];
  if (b === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** The code point at `i` and its length in bytes; a code point of -1 for a byte that starts no valid sequence. */
function decodeRune(buf: Uint8Array, i: number): [number, number] {
  const b = buf[i]!;
  if (b < 0x80) return [b, 1];
  const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (len === 0 || i + len > buf.length) return [-1, 1];
  const [lo, hi] = secondByteRange(b);
  const b1 = buf[i + 1]!;
  if (b1 < lo || b1 > hi) return [-1, 1];
  let cp = b & (0xff >> (len + 1));
  cp = (cp << 6) | (b1 & 0x3f);
  for (let k = 2; k < len; k++) {
    const c = buf[i + k]!;
    if ((c & 0xc0) !== 0x80) return [-1, 1];
    cp = (cp << 6) | (c & 0x3f);
  }
  return [cp, len];
}

/**
 * strconv.Quote (%q): double quotes, Go's escapes, printable Unicode kept as is. Text is quoted as
 * its UTF-8 bytes; bytes that are not valid UTF-8 come out as `\x` escapes.
 */
export function goQuote(input: string | Uint8Array): string {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  let out = '"';
  for (let i = 0; i < buf.length;) {
    const [cp, len] = decodeRune(buf, i);
    if (cp < 0) out += `\\x${hex(buf[i]!, 2)}`;
    else if (ESCAPES[cp] !== undefined) out += ESCAPES[cp];
    else {
      const ch = String.fromCodePoint(cp);
      if (PRINTABLE.test(ch)) out += ch;
      else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
      else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
      else out += `\\U${hex(cp, 8)}`;
    }
    i += len;
  }
  return `${out}"`;
}

/** The kubelet's pod description in messages (format.Pod): `name_namespace(uid)`, `<nil>` for no pod. */
export function formatPod(pod: Pod | undefined): string {
  if (!pod) return '<nil>';
  const m = pod.metadata;
  return `${m?.name ?? ''}_${m?.namespace ?? ''}(${m?.uid ?? ''})`;
}

/** A map as `key="value"` lines sorted by key, without a trailing newline (fieldpath.FormatMap). */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${goQuote(m![k]!)}`).join('\n');
}
