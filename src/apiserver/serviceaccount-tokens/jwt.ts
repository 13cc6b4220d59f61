/**
 * Compact JWS (RFC 7515) signing and parsing for RS256 and ES256 — the two algorithms a service
 * account key can use. Parsing never trusts the payload: signatures are checked separately.
 */
import { sign, verify } from 'node:crypto';
import type { JwsAlgorithm, SigningKey } from './signing-key.js';

export interface ParsedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `base64url(header).base64url(payload)`: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function signBytes(alg: JwsAlgorithm, data: Buffer, key: SigningKey): Buffer {
  if (alg === 'ES256') return sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return sign('sha256', data, key.privateKey);
}

/** Signs `payload` with the key's algorithm; the header carries alg and kid. */
export function signJwt(payload: Record<string, unknown>, key: SigningKey): string {
  const signingInput = `${b64json({ alg: key.algorithm, kid: key.keyId })}.${b64json(payload)}`;
  const signature = signBytes(key.algorithm, Buffer.from(signingInput, 'ascii'), key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

function decodeJsonObject(part: string): Record<string, unknown> | undefined {
  if (!B64URL.test(part)) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** Splits and decodes a compact JWS; undefined when the text is not one. Nothing is verified. */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !B64URL.test(parts[2])) return undefined;
  const header = decodeJsonObject(parts[0]);
  const payload = decodeJsonObject(parts[1]);
  if (!header || !payload) return undefined;
  return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
}

/** True when the header names the key's algorithm (and its kid, if it names one) and the signature verifies. */
export function verifyJwt(jwt: ParsedJwt, key: SigningKey): boolean {
  if (jwt.header.alg !== key.algorithm) return false;
  if (jwt.header.kid !== undefined && jwt.header.kid !== key.keyId) return false;
  const data = Buffer.from(jwt.signingInput, 'ascii');
  try {
    if (key.algorithm === 'ES256') {
      return verify('sha256', data, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, jwt.signature);
    }
    return verify('sha256', data, key.publicKey, jwt.signature);
  } catch {
    return false;
  }
}
