/**
 * Standard base64 as Go's encoding/json handles []byte fields: encoding UTF-8 text, and decoding
 * strictly (padding required, CR/LF ignored) with Go's error wording.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

export function encodeBase64Text(text: string): string {
  return encodeBase64(new TextEncoder().encode(text));
}

/** Decodes, or returns Go's error ("illegal base64 data at input byte 4"). */
export function decodeBase64(s: string): { bytes: Uint8Array } | { error: string } {
  const out: number[] = [];
  let quantum: number[] = [];
  let padStart = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\r' || c === '\n') continue;
    if (padStart >= 0) {
      if (c !== '=' || quantum.length + (i - padStart) > 4) return { error: `illegal base64 data at input byte ${i}` };
      continue;
    }
    if (c === '=') {
      if (quantum.length < 2) return { error: `illegal base64 data at input byte ${i}` };
      padStart = i;
      continue;
    }
    const v = VALUE.get(c);
    if (v === undefined) return { error: `illegal base64 data at input byte ${i}` };
    quantum.push(v);
    if (quantum.length === 4) {
      const n = (quantum[0] << 18) | (quantum[1] << 12) | (quantum[2] << 6) | quantum[3];
      out.push((n >> 16) & 255, (n >> 8) & 255, n & 255);
      quantum = [];
    }
  }
  if (quantum.length === 1) return { error: `illegal base64 data at input byte ${s.length}` };
  if (quantum.length > 1) {
    const padding = padStart >= 0 ? s.slice(padStart).replace(/[\r\n]/g, '').length : 0;
    if (quantum.length + padding !== 4) return { error: `illegal base64 data at input byte ${s.length}` };
    const n = (quantum[0] << 18) | (quantum[1] << 12) | ((quantum[2] ?? 0) << 6);
    out.push((n >> 16) & 255);
    if (quantum.length === 3) out.push((n >> 8) & 255);
  } else if (padStart >= 0) {
    return { error: `illegal base64 data at input byte ${padStart}` };
  }
  return { bytes: Uint8Array.from(out) };
}
