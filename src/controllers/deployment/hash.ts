/**
 * The pod-template-hash: FNV-32a over the pod template (here its canonical JSON, keys sorted —
 * Kubernetes hashes its Go dump, so the values differ but the behaviour is the same) followed by the
 * collision count as four little-endian bytes; the decimal of the sum is then written in Kubernetes'
 * "safe" alphabet, one character per digit, so names carry no vowels that could spell words.
 */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

export function fnv32a(data: Uint8Array, h = 0x811c9dc5): number {
  for (const b of data) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Kubernetes' rand.SafeEncodeString: each byte mapped into the safe alphabet. */
export function safeEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += SAFE[b % SAFE.length];
  return out;
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let h = fnv32a(Buffer.from(canonicalJson(template), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(collisionCount >>> 0);
    h = fnv32a(b, h);
  }
  return safeEncode(String(h));
}
