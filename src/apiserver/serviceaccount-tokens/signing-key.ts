/**
 * The key that signs service-account tokens: `<data-dir>/tls/service-account.key`, created on first
 * start (RSA 2048, as kube-apiserver and k3s use) and loaded unchanged afterwards. An EC P-256 key
 * dropped in its place is accepted too (tokens are then ES256). The key id is the SHA-256 of the
 * public key's DER encoding, base64url, the way Kubernetes derives its `kid`.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const SERVICE_ACCOUNT_KEY_FILE = 'service-account.key';

export type JwsAlgorithm = 'RS256' | 'ES256';

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly algorithm: JwsAlgorithm;
  readonly keyId: string;
}

/** The key file's path under a data directory. */
export function signingKeyPath(dataDir: string): string {
  return join(dataDir, 'tls', SERVICE_ACCOUNT_KEY_FILE);
}

/** Builds a SigningKey from a PEM private key (PKCS#1, PKCS#8 or SEC1). */
export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  let algorithm: JwsAlgorithm;
  if (privateKey.asymmetricKeyType === 'rsa') {
    algorithm = 'RS256';
  } else if (privateKey.asymmetricKeyType === 'ec' && privateKey.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    algorithm = 'ES256';
  } else {
    throw new Error(`Cannot use the service-account key: it is ${privateKey.asymmetricKeyType ?? 'an unknown'} key; RSA or EC P-256 is required`);
  }
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha256').update(der).digest('base64url');
  return Object.freeze({ privateKey, publicKey, algorithm, keyId });
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function writePrivateFile(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, data, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

function generateRsaPem(): Promise<string> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (err, _pub, priv) => {
      if (err) reject(err);
      else resolve(priv.export({ type: 'pkcs1', format: 'pem' }).toString());
    });
  });
}

/** Loads `<dataDir>/tls/service-account.key`, creating it on first start. */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const path = signingKeyPath(dataDir);
  const existing = await readIfPresent(path);
  if (existing !== undefined) {
    const { mode } = await stat(path);
    if ((mode & 0o077) !== 0) await chmod(path, 0o600);
    return signingKeyFromPem(existing);
  }
  const pem = await generateRsaPem();
  await writePrivateFile(path, pem);
  return signingKeyFromPem(pem);
}
