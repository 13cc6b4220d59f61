import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey, signingKeyFromPem, signingKeyPath } from './signing-key.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'navarch-sakey-'));
  try {
    await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('service-account signing key', () => {
  it('is created under <data-dir>/tls, owner-only, and loaded unchanged on the next start', async () => {
    await withDir(async (dir) => {
      const first = await loadOrCreateSigningKey(dir);
      const path = signingKeyPath(dir);
      assert.equal(path, join(dir, 'tls', 'service-account.key'));
      assert.equal((await stat(path)).mode & 0o777, 0o600);
      assert.match(await readFile(path, 'utf8'), /^-----BEGIN RSA PRIVATE KEY-----/);
      assert.equal(first.algorithm, 'RS256');
      assert.equal(first.privateKey.asymmetricKeyDetails?.modulusLength, 2048);
      const second = await loadOrCreateSigningKey(dir);
      assert.equal(second.keyId, first.keyId);
      assert.match(first.keyId, /^[A-Za-z0-9_-]{43}$/);
    });
  });

  it('tightens a key file that others can read', async () => {
    await withDir(async (dir) => {
      await loadOrCreateSigningKey(dir);
      await chmod(signingKeyPath(dir), 0o644);
      await loadOrCreateSigningKey(dir);
      assert.equal((await stat(signingKeyPath(dir))).mode & 0o777, 0o600);
    });
  });

  it('accepts an EC P-256 key (ES256) put in its place', async () => {
    await withDir(async (dir) => {
      const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      await loadOrCreateSigningKey(dir);
      await writeFile(signingKeyPath(dir), pem, { mode: 0o600 });
      const key = await loadOrCreateSigningKey(dir);
      assert.equal(key.algorithm, 'ES256');
    });
  });

  it('refuses keys that cannot sign RS256 or ES256', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.throws(() => signingKeyFromPem(ed), /Cannot use the service-account key: it is ed25519 key/);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.throws(() => signingKeyFromPem(p384), /RSA or EC P-256 is required/);
  });
});
