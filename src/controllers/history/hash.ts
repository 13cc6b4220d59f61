/**
 * The hashes behind revision names, as Kubernetes computes them:
 * - a pod template's hash (controller.ComputeHash, used for DaemonSet revisions and the
 *   `controller-revision-hash` of daemon pods): 32-bit FNV-1a over the template, then, when there is
 *   a collision count, that count as an 8-byte little-endian word (only the low 4 bytes set);
 * - a ControllerRevision's hash (history.HashControllerRevision, used for StatefulSet revisions):
 *   32-bit FNV-1 (not 1a) over the revision's serialized data, then the probe written in decimal.
 * Both end as the decimal of the sum with each character mapped into Kubernetes' "safe" alphabet.
 * Kubernetes feeds the template as a dump of its Go value; here it is the template's canonical
 * JSON (goJson), so the values differ from a real cluster's while the behaviour is the same.
 */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const OFFSET = 0x811c9dc5;
const PRIME = 0x01000193;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** 32-bit FNV-1: multiply, then xor each byte. */
export function fnv1(data: Uint8Array, h = OFFSET): number {
  for (const b of data) h = (Math.imul(h, PRIME) ^ b) >>> 0;
  return h >>> 0;
}

/** 32-bit FNV-1a: xor each byte, then multiply. */
export function fnv1a(data: Uint8Array, h = OFFSET): number {
  for (const b of data) h = Math.imul(h ^ b, PRIME) >>> 0;
  return h >>> 0;
}

/** rand.SafeEncodeString: every byte mapped into an alphabet without vowels (no accidental words). */
export function safeEncode(s: string): string {
  let out = '';
  for (const b of utf8(s)) out += SAFE_ALPHABET[b % SAFE_ALPHABET.length];
  return out;
}

function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * JSON as Go's encoding/json writes a decoded map: compact, object keys sorted, and <, >, & and the
 * line/paragraph separators escaped. Keys whose value is undefined are left out.
 */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${goString(k)}:${goJson(o[k])}`).join(',')}}`;
  }
  return 'null';
}

/** controller.ComputeHash: the pod-template hash with an optional collision count. */
export function podTemplateHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv1a(utf8(goJson(template ?? {})));
  if (collisionCount !== undefined && collisionCount !== null) {
    const word = new Uint8Array(8);
    new DataView(word.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv1a(word, h);
  }
  return safeEncode(String(h));
}

/** history.HashControllerRevision: the hash of a revision's data with an optional probe (the collision count). */
export function revisionDataHash(data: unknown, probe?: number | null): string {
  let h = fnv1(utf8(goJson(data)));
  if (probe !== undefined && probe !== null) h = fnv1(utf8(String(Math.trunc(probe))), h);
  return safeEncode(String(h));
}
