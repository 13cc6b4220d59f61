/** Test support: signing keys generated once per process (RSA generation takes a moment). */
import { generateKeyPairSync } from 'node:crypto';
import { signingKeyFromPem, type SigningKey } from './signing-key.js';

const cache = new Map<string, SigningKey>();

/** An RSA (RS256) or EC P-256 (ES256) key; `label` gives distinct keys of the same type. */
export function testSigningKey(type: 'rsa' | 'ec' = 'rsa', label = ''): SigningKey {
  const id = `${type}/${label}`;
  let key = cache.get(id);
  if (!key) {
    const pem = type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    key = signingKeyFromPem(pem);
    cache.set(id, key);
  }
  return key;
}
