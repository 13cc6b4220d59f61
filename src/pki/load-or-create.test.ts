import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { loadOrCreatePki } from './load-or-create.js';
import { withTempDir } from './testing.js';

const FILES = ['ca.crt', 'ca.key', 'serving.crt', 'serving.key', 'admin.crt', 'admin.key'] as const;

async function readAll(dir: string): Promise<Record<string, string>> {
  const entries = await Promise.all(FILES.map(async (f) => [f, await readFile(join(dir, 'tls', f), 'utf8')] as const));
  return Object.fromEntries(entries);
}

describe('loadOrCreatePki', () => {
  it('creates a CA, serving and admin certificates on first start', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, { ips: ['10.43.0.1'] });
      const files = await readAll(dir);
      assert.equal(files['ca.crt'], pki.caCert);
      assert.equal(files['admin.key'], pki.adminKey);

      const ca = new X509Certificate(pki.caCert);
      assert.equal(ca.ca, true);
      assert.match(ca.subject, /^CN=navarch-ca@\d+$/);
      const years = (Date.parse(ca.validTo) - Date.now()) / (365 * 24 * 3600 * 1000);
      assert.ok(years > 9.9 && years < 10.1, `CA valid for ${years} years`);

      const serving = new X509Certificate(pki.servingCert);
      assert.equal(serving.ca, false);
      assert.ok(serving.checkIssued(ca) && serving.verify(ca.publicKey));
      for (const name of ['localhost', 'kubernetes', 'kubernetes.default.svc.cluster.local', hostname()]) {
        assert.equal(serving.checkHost(name, { subject: 'never' }), name);
      }
      for (const ip of ['127.0.0.1', '::1', '10.43.0.1']) assert.equal(serving.checkIP(ip), ip);
      assert.equal(serving.checkHost('example.com', { subject: 'never' }), undefined);
      assert.equal(serving.keyUsage?.includes('1.3.6.1.5.5.7.3.1'), true);

      const admin = new X509Certificate(pki.adminCert);
      assert.equal(admin.subject, 'O=system:masters\nCN=system:admin');
      assert.deepEqual(admin.keyUsage, ['1.3.6.1.5.5.7.3.2']);
      assert.ok(admin.checkIssued(ca) && admin.verify(ca.publicKey));

      assert.match(pki.servingKey, /^-----BEGIN PRIVATE KEY-----\n/);
      for (const f of FILES) {
        const mode = (await stat(join(dir, 'tls', f))).mode & 0o777;
        assert.equal(mode, f.endsWith('.key') ? 0o600 : 0o644, f);
      }
    });
  });

  it('loads the same files unchanged on a later start', async () => {
    await withTempDir(async (dir) => {
      const first = await loadOrCreatePki(dir, { ips: ['10.43.0.1'] });
      const before = await readAll(dir);
      const second = await loadOrCreatePki(dir, { ips: ['10.43.0.1'] });
      assert.deepEqual(await readAll(dir), before);
      assert.equal(second.caCert, first.caCert);
      assert.equal(second.caKey, first.caKey);
      assert.equal(second.servingCert, first.servingCert);
      assert.equal(second.adminCert, first.adminCert);
    });
  });

  it('reissues only the serving certificate, with the same CA, when a new name is required', async () => {
    await withTempDir(async (dir) => {
      const first = await loadOrCreatePki(dir, {});
      assert.equal(new X509Certificate(first.servingCert).checkIP('192.0.2.7'), undefined);
      const second = await loadOrCreatePki(dir, { ips: ['192.0.2.7'], hostnames: ['api.example.test'] });
      assert.equal(second.caCert, first.caCert);
      assert.equal(second.adminCert, first.adminCert);
      assert.notEqual(second.servingCert, first.servingCert);
      const serving = new X509Certificate(second.servingCert);
      assert.equal(serving.checkIP('192.0.2.7'), '192.0.2.7');
      assert.equal(serving.checkHost('api.example.test', { subject: 'never' }), 'api.example.test');
      assert.ok(serving.verify(new X509Certificate(first.caCert).publicKey));
      assert.equal(await readFile(join(dir, 'tls', 'serving.crt'), 'utf8'), second.servingCert);
    });
  });

  it('reissues a leaf that expires soon, is missing, or was signed by another CA', async () => {
    await withTempDir(async (dir) => {
      const first = await loadOrCreatePki(dir, {});
      const shortLived = await first.issueClientCert('system:admin', ['system:masters'], 10);
      await writeFile(join(dir, 'tls', 'admin.crt'), shortLived.cert);
      await writeFile(join(dir, 'tls', 'admin.key'), shortLived.key);
      await rm(join(dir, 'tls', 'serving.key'));
      const second = await loadOrCreatePki(dir, {});
      assert.equal(second.caCert, first.caCert);
      assert.notEqual(second.adminCert, shortLived.cert);
      assert.ok(Date.parse(new X509Certificate(second.adminCert).validTo) - Date.now() > 300 * 24 * 3600 * 1000);
      assert.notEqual(second.servingCert, first.servingCert);

      await withTempDir(async (otherDir) => {
        const other = await loadOrCreatePki(otherDir, {});
        await writeFile(join(dir, 'tls', 'admin.crt'), other.adminCert);
        await writeFile(join(dir, 'tls', 'admin.key'), other.adminKey);
      });
      const third = await loadOrCreatePki(dir, {});
      assert.ok(new X509Certificate(third.adminCert).verify(new X509Certificate(first.caCert).publicKey));
    });
  });

  it('refuses to start with half a CA', async () => {
    await withTempDir(async (dir) => {
      await loadOrCreatePki(dir, {});
      await rm(join(dir, 'tls', 'ca.key'));
      await assert.rejects(loadOrCreatePki(dir, {}), /Cannot load cluster CA: .*ca\.key is missing but .*ca\.crt exists/);
    });
  });

  it('issues client certificates carrying the user and groups, signed by the cluster CA', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, {});
      const { cert, key } = await pki.issueClientCert('system:node:worker-1', ['system:nodes'], 30);
      const parsed = new X509Certificate(cert);
      assert.equal(parsed.subject, 'O=system:nodes\nCN=system:node:worker-1');
      assert.ok(parsed.verify(new X509Certificate(pki.caCert).publicKey));
      assert.match(key, /^-----BEGIN PRIVATE KEY-----/);
      const days = (Date.parse(parsed.validTo) - Date.now()) / (24 * 3600 * 1000);
      assert.ok(days > 29.9 && days < 30.1, `${days} days`);
    });
  });
});
