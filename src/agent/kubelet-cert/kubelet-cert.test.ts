/**
 * The serving-certificate route behind a small HTTPS server on loopback (bearer tokens mapped to
 * users as the API server's authentication does, StatusErrors answered as Statuses), asked by the
 * agent's client: the certificate it gets is signed by the cluster CA for exactly the node's names.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusError } from '../../api/index.js';
import { loadOrCreatePki, type Pki } from '../../pki/index.js';
import { KUBELET_SERVING_CERT_PATH, kubeletServingCertHandler, parseServingCertRequest, reservedNames } from './serving-cert-endpoint.js';
import { requestKubeletServingCert } from './request-serving-cert.js';

const USERS: Record<string, { name: string; groups: string[] }> = {
  'node-token': { name: 'system:node:agent', groups: ['system:nodes', 'system:authenticated'] },
  'node-b': { name: 'system:node:b', groups: ['system:nodes', 'system:authenticated'] },
  'someone': { name: 'jane', groups: ['system:authenticated'] },
};

describe('kubelet serving certificates from the server', () => {
  let dir: string;
  let pki: Pki;
  let server: Server;
  let url: string;
  let routeServed = true;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), `navarch-kcert-${process.pid}-`));
    pki = await loadOrCreatePki(dir, { ips: ['127.0.0.1'] });
    const handler = kubeletServingCertHandler(pki);
    server = createServer({ cert: pki.servingCert, key: pki.servingKey }, (req, res) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const user = token ? USERS[token] : undefined;
      const fail = (err: unknown): void => {
        const e = err instanceof StatusError ? err : new StatusError(500, 'InternalError', String(err));
        res.writeHead(e.code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(e.toStatus()));
      };
      if (!routeServed || req.url !== KUBELET_SERVING_CERT_PATH) { fail(new StatusError(404, 'NotFound', 'the server could not find the requested resource')); return; }
      handler({ req, res, user }).catch(fail);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((r) => server?.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs a certificate for the node\'s names with the cluster CA for the node token', async () => {
    const got = await requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'node-token' }, 'node-a', { hostnames: ['node-a', 'localhost'], ips: ['192.0.2.7', '127.0.0.1'] });
    const cert = new X509Certificate(got.cert);
    const ca = new X509Certificate(pki.caCert);
    assert.ok(cert.checkIssued(ca) && cert.verify(ca.publicKey), 'signed by the cluster CA');
    assert.match(cert.subject, /CN=system:node:node-a/);
    assert.ok(cert.checkIP('192.0.2.7'));
    assert.ok(cert.checkHost('node-a'));
    assert.ok(cert.checkHost('localhost'));
    assert.equal(cert.checkIP('192.0.2.8'), undefined);
    const pub = createPublicKey(createPrivateKey(got.key)).export({ type: 'spki', format: 'der' });
    assert.ok(pub.equals(cert.publicKey.export({ type: 'spki', format: 'der' })), 'the key is the certificate\'s');
  });

  it('lets a node with its own identity ask only for its own name, and nobody else ask at all', async () => {
    await requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'node-b' }, 'b', { hostnames: [], ips: ['192.0.2.9'] });
    await assert.rejects(
      requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'node-b' }, 'c', { hostnames: [], ips: [] }),
      /403 User "system:node:b" cannot get a kubelet serving certificate for node "c"/,
    );
    await assert.rejects(
      requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'someone' }, 'c', { hostnames: [], ips: [] }),
      /403 User "jane" cannot get a kubelet serving certificate: only nodes/,
    );
    await assert.rejects(requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'wrong' }, 'c', { hostnames: [], ips: [] }), /401 Unauthorized/);
  });

  it('rejects bad requests and says so when the server has no such route', async () => {
    await assert.rejects(
      requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'node-token' }, 'a', { hostnames: [], ips: ['not-an-ip'] }),
      /400 addresses: "not-an-ip" is not an IP address/,
    );
    const res = await new Promise<number>((resolve, reject) => {
      const r = request(new URL(KUBELET_SERVING_CERT_PATH, url), { method: 'GET', ca: pki.caCert, headers: { Authorization: 'Bearer node-token' } }, (resp) => {
        resp.resume();
        resolve(resp.statusCode ?? 0);
      });
      r.on('error', reject);
      r.end();
    });
    assert.equal(res, 405);
    routeServed = false;
    try {
      await assert.rejects(
        requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'node-token' }, 'a', { hostnames: [], ips: [] }),
        /404 the server does not issue kubelet serving certificates/,
      );
    } finally {
      routeServed = true;
    }
  });

  it('refuses the API server\'s own names (but not loopback ones)', async () => {
    // loadOrCreatePki put 10.43.0.1-style defaults and "kubernetes" names in the API server's certificate.
    await assert.rejects(
      requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'node-token' }, 'kubernetes', { hostnames: [], ips: [] }),
      /403 cannot sign a kubelet serving certificate for "kubernetes": the API server's own certificate holds that name/,
    );
    await assert.rejects(
      requestKubeletServingCert({ server: url, ca: pki.caCert, token: 'node-token' }, 'node-x', { hostnames: ['kubernetes.default.svc'], ips: [] }),
      /403 cannot sign .* for "kubernetes.default.svc"/,
    );
    assert.ok(!reservedNames(pki.servingCert).has('127.0.0.1'));
    assert.ok(reservedNames(pki.servingCert).has('kubernetes'));
  });

  it('parseServingCertRequest checks names', () => {
    assert.deepEqual(parseServingCertRequest({ nodeName: 'n1', addresses: ['10.0.0.1', 'fd00::1'] }), { nodeName: 'n1', addresses: ['10.0.0.1', 'fd00::1'], hostnames: [] });
    assert.throws(() => parseServingCertRequest({ nodeName: 'Bad_Name' }), /nodeName must be a DNS subdomain/);
    assert.throws(() => parseServingCertRequest({ nodeName: 'n', hostnames: ['a b'] }), /hostnames: "a b" is not a DNS name/);
    assert.throws(() => parseServingCertRequest({ nodeName: 'n', addresses: 'x' }), /addresses must be a list of strings/);
  });
});
