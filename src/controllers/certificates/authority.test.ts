import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Pki } from '../../pki/index.js';
import { BACKDATE_MS, keyUsagesOf, SigningAuthority } from './authority.js';
import { parseCertificateRequestPem } from './certificate-request.js';
import { opensslRequest, opensslVerify, testPki } from './test-requests.js';

let pki: Pki;
let dispose: () => void;
before(async () => { ({ pki, dispose } = await testPki()); });
after(() => dispose());

const HOUR = 3600_000;

test('signs a user\'s request: its subject and key, a client certificate the CA verifies, for the duration asked', () => {
  const ca = new SigningAuthority(pki.caCert, pki.caKey);
  const { csrPem, keyPem } = opensslRequest({ subject: '/CN=myuser/O=dev/O=ops' });
  const now = new Date('2030-01-01T12:00:00Z');
  const pem = ca.sign(parseCertificateRequestPem(csrPem), { usages: ['client auth'], ttlMs: 24 * HOUR, now });
  const cert = new X509Certificate(pem);
  assert.equal(cert.subject, 'CN=myuser\nO=dev\nO=ops');
  assert.ok(cert.checkPrivateKey(createPrivateKey(keyPem)));
  assert.ok(cert.checkIssued(new X509Certificate(pki.caCert)) && cert.verify(new X509Certificate(pki.caCert).publicKey));
  assert.equal(cert.ca, false);
  assert.deepEqual(cert.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  assert.equal(new Date(cert.validFrom).getTime(), now.getTime() - BACKDATE_MS);
  assert.equal(new Date(cert.validTo).getTime(), now.getTime() + 24 * HOUR - BACKDATE_MS, 'a long lifetime ends backdated too');
  const short = new X509Certificate(ca.sign(parseCertificateRequestPem(csrPem), { usages: ['client auth'], ttlMs: HOUR, now }));
  assert.equal(new Date(short.validTo).getTime(), now.getTime() + HOUR, 'a short one does not');
});

test('openssl accepts what it signs for its purpose: client and serving certificates with alternative names', () => {
  const ca = new SigningAuthority(pki.caCert, pki.caKey);
  const client = opensslRequest({ key: 'ec', subject: '/CN=system:node:n1/O=system:nodes' });
  const clientPem = ca.sign(parseCertificateRequestPem(client.csrPem), { usages: ['digital signature', 'client auth'], ttlMs: 24 * HOUR });
  assert.equal(opensslVerify(pki.caCert, clientPem, 'sslclient').trim(), 'c.pem: OK');
  const serving = opensslRequest({ subject: '/CN=system:node:n1/O=system:nodes', san: 'DNS:n1,IP:10.0.0.7,IP:fd00::7' });
  const servingPem = ca.sign(parseCertificateRequestPem(serving.csrPem), {
    usages: ['digital signature', 'key encipherment', 'server auth'], ttlMs: 24 * HOUR,
  });
  assert.equal(opensslVerify(pki.caCert, servingPem, 'sslserver').trim(), 'c.pem: OK');
  const cert = new X509Certificate(servingPem);
  assert.equal(cert.subjectAltName, 'DNS:n1, IP Address:10.0.0.7, IP Address:FD00:0:0:0:0:0:0:7');
  assert.ok(cert.checkHost('n1') && cert.checkIP('10.0.0.7'));
  assert.throws(() => opensslVerify(pki.caCert, clientPem, 'sslserver'), 'a client certificate does not serve');
});

test('never past the CA\'s own expiry; usages map to key usage bits and extended usages in Go\'s order', () => {
  const ca = new SigningAuthority(pki.caCert, pki.caKey);
  const req = parseCertificateRequestPem(opensslRequest({ key: 'ec', subject: '/CN=x' }).csrPem);
  const cert = new X509Certificate(ca.sign(req, { usages: ['client auth'], ttlMs: 100 * 365 * 24 * HOUR }));
  assert.equal(cert.validTo, new X509Certificate(pki.caCert).validTo);
  assert.deepEqual(keyUsagesOf(['server auth', 'key encipherment', 'any', 'digital signature', 's/mime', 'email protection']),
    { bits: 0b101, extended: ['2.5.29.37.0', '1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.4'] });
  assert.throws(() => keyUsagesOf(['client auth', 'flying']), { message: 'unrecognized usage values: ["flying"]' });
  assert.throws(() => ca.sign(req, { usages: ['client auth'], ttlMs: HOUR, now: new Date('2999-01-01T00:00:00Z') }), /the signer has expired/);
});
