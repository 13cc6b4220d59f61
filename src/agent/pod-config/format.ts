/**
 * Go's formatting where the kubelet's messages use it: `%q` (strconv.Quote), the pod description
 * `name_namespace(uid)` and fieldpath's map format (`key="value"` lines in key order).
 */
import type { Pod } from '../../api/types/core/pod/index.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const ESCAPES: Record<string, string> = {
  '"': '\\"', '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
};

/** strconv.Quote: double quotes, Go's escapes, printable Unicode kept as is. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = ESCAPES[ch];
    if (esc !== undefined) { out += esc; continue; }
    if (PRINTABLE.test(ch)) { out += ch; continue; }
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c < 0x10000) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** The kubelet's pod description in messages: `name_namespace(uid)`. */
export function formatPod(pod: Pod): string {
  const m = pod.metadata;
  return `${m.name ?? ''}_${m.namespace ?? ''}(${m.uid ?? ''})`;
}

/** A map as `key="value"` lines sorted by key, without a trailing newline. */
export function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {}).sort().map((k) => `${k}=${goQuote(m![k]!)}`).join('\n');
}
