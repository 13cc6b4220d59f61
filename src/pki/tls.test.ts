// End-to-end TLS with Node on both sides: the serving certificate is trusted through the CA, the
// admin client certificate is verified by the server and read back as system:admin.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { loadOrCreatePki } from './load-or-create.js';
import { startTestServer, VERSION_BODY, withTempDir } from './testing.js';

interface ClientTls {
  ca: string;
  cert?: string;
  key?: string;
}

function getVersion(host: string, port: number, tls: ClientTls): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/version', method: 'GET', agent: false, ...tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TLS with the generated certificates', () => {
  it('the server is trusted and sees the admin client as an authorized system:admin', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, {});
      const server = await startTestServer({ key: pki.servingKey, cert: pki.servingCert, ca: pki.caCert });
      try {
        const res = await getVersion('127.0.0.1', server.port, { ca: pki.caCert, cert: pki.adminCert, key: pki.adminKey });
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, VERSION_BODY);
        assert.equal(server.seen.length, 1);
        assert.equal(server.seen[0]?.authorized, true);
        assert.deepEqual(server.seen[0]?.identity, { user: 'system:admin', groups: ['system:masters'] });
      } finally {
        await server.close();
      }
    });
  });

  it('reads several groups from an issued client certificate', async () => {
    await withTempDir(async (dir) => {
      const pki = await loadOrCreatePki(dir, {});
      const alice = await pki.issueClientCert('alice', ['dev', 'ops']);
      const server = await startTestServer({ key: pki.servingKey, cert: pki.servingCert, ca: pki.caCert });
      try {
        await getVersion('127.0.0.1', server.port, { ca: pki.caCert, ...alice });
        assert.deepEqual(server.seen[0]?.identity, { user: 'alice', groups: ['dev', 'ops'] });
      } finally {
        await server.close();
      }
    });
  });

  it('a client certificate from another CA, or none, is not authorized', async () => {
    await withTempDir(async (dir) => {
      await withTempDir(async (otherDir) => {
        const pki = await loadOrCreatePki(dir, {});
        const other = await loadOrCreatePki(otherDir, {});
        assert.notEqual(other.caCert, pki.caCert);
        const server = await startTestServer({ key: pki.servingKey, cert: pki.servingCert, ca: pki.caCert });
        try {
          await getVersion('127.0.0.1', server.port, { ca: pki.caCert, cert: other.adminCert, key: other.adminKey });
          await getVersion('127.0.0.1', server.port, { ca: pki.caCert });
          assert.equal(server.seen.length, 2);
          assert.equal(server.seen[0]?.authorized, false);
          assert.equal(server.seen[0]?.authorizationError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
          assert.equal(server.seen[0]?.identity, undefined);
          assert.equal(server.seen[1]?.authorized, false);
        } finally {
          await server.close();
        }
      });
    });
  });

  it('a client trusting only another CA rejects the server', async () => {
    await withTempDir(async (dir) => {
      await withTempDir(async (otherDir) => {
        const pki = await loadOrCreatePki(dir, {});
        const other = await loadOrCreatePki(otherDir, {});
        const server = await startTestServer({ key: pki.servingKey, cert: pki.servingCert, ca: pki.caCert });
        try {
          await assert.rejects(
            getVersion('127.0.0.1', server.port, { ca: other.caCert }),
            // The server sends its chain with the CA, which the client does not trust.
            (err: NodeJS.ErrnoException) =>
              err.code === 'SELF_SIGNED_CERT_IN_CHAIN' || err.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
          );
        } finally {
          await server.close();
        }
      });
    });
  });
});
