import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequestSignature, parseCertificateRequestPem } from './certificate-request.js';
import { opensslRequest } from './test-requests.js';

test('reads an RSA request: subject names, key, no alternative names; its signature checks out', () => {
  const { csrPem } = opensslRequest({ subject: '/CN=myuser/O=dev/O=ops' });
  const req = parseCertificateRequestPem(csrPem);
  assert.deepEqual([req.commonName, req.organizations, req.publicKeyAlgorithm], ['myuser', ['dev', 'ops'], 'RSA']);
  assert.deepEqual([req.dnsNames, req.ipAddresses, req.emailAddresses, req.uris], [[], [], [], []]);
  assert.equal(req.signatureAlgorithm, '1.2.840.113549.1.1.11');
  checkRequestSignature(req);
});

test('reads the requested alternative names of EC and Ed25519 requests', () => {
  const san = 'DNS:node-1.example,DNS:node-1,IP:10.0.0.7,IP:fd00::1,email:ops@example.com,URI:spiffe://cluster/node-1';
  for (const key of ['ec', 'ed25519'] as const) {
    const req = parseCertificateRequestPem(opensslRequest({ key, subject: '/O=system:nodes/CN=system:node:node-1', san }).csrPem);
    assert.deepEqual([req.commonName, req.organizations], ['system:node:node-1', ['system:nodes']]);
    assert.deepEqual(req.dnsNames, ['node-1.example', 'node-1']);
    assert.deepEqual(req.ipAddresses, ['10.0.0.7', 'fd00:0:0:0:0:0:0:1']);
    assert.deepEqual([req.emailAddresses, req.uris], [['ops@example.com'], ['spiffe://cluster/node-1']]);
    assert.equal(req.publicKeyAlgorithm, key === 'ec' ? 'ECDSA' : 'Ed25519');
    checkRequestSignature(req);
  }
});

test('a tampered request fails its signature check; other PEM blocks and garbage are refused', () => {
  const { csrPem, keyPem } = opensslRequest({ key: 'ec', subject: '/CN=a' });
  const der = Buffer.from(csrPem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
  // The common name's value: after its OID (2.5.4.3), the string's tag and length.
  der[der.indexOf(Buffer.from([0x55, 0x04, 0x03])) + 5] = 'b'.charCodeAt(0);
  const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
  const req = parseCertificateRequestPem(tampered);
  assert.equal(req.commonName, 'b');
  assert.throws(() => checkRequestSignature(req), { message: 'x509: ECDSA verification failure' });
  assert.throws(() => parseCertificateRequestPem(keyPem), { message: 'PEM block type must be CERTIFICATE REQUEST' });
  assert.throws(() => parseCertificateRequestPem('-----BEGIN CERTIFICATE REQUEST-----\nMIIBAA==\n-----END CERTIFICATE REQUEST-----\n'), /asn1/);
});
