import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CertificateRequest } from './certificate-request.js';
import {
  isSignerName, KUBE_APISERVER_CLIENT_KUBELET_SIGNER, KUBE_APISERVER_CLIENT_SIGNER, KUBELET_SERVING_SIGNER, signerRuleViolation,
} from './signer-rules.js';

const req = (o: Partial<CertificateRequest>): CertificateRequest => ({
  subjectDer: Buffer.alloc(0), commonName: '', organizations: [], publicKeyDer: Buffer.alloc(0), publicKey: undefined as never,
  publicKeyAlgorithm: 'RSA', signedDer: Buffer.alloc(0), signatureAlgorithm: '', signature: Buffer.alloc(0),
  dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [], ...o,
});
const node = req({ commonName: 'system:node:n1', organizations: ['system:nodes'] });

test('kube-apiserver-client: client auth required; only digital signature and key encipherment beside it', () => {
  const user = req({ commonName: 'myuser' });
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_SIGNER, user, ['client auth']), undefined);
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_SIGNER, user, ['digital signature', 'key encipherment', 'client auth']), undefined);
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_SIGNER, user, ['client auth', 'server auth']), 'invalid usage for client certificate: server auth');
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_SIGNER, user, ['digital signature']), 'missing required usage for client certificate: client auth');
});

test('kube-apiserver-client-kubelet: a node\'s identity, no alternative names, the kubelet client usages', () => {
  const usages = ['digital signature', 'key encipherment', 'client auth'];
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_KUBELET_SIGNER, node, usages), undefined);
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_KUBELET_SIGNER, node, ['client auth', 'digital signature']), undefined);
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_KUBELET_SIGNER, req({ commonName: 'system:node:n1' }), usages), 'subject organization is not system:nodes');
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_KUBELET_SIGNER, { ...node, dnsNames: ['n1'] }, usages), 'DNS subjectAltNames are not allowed');
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_KUBELET_SIGNER, { ...node, commonName: 'n1' }, usages), 'subject common name does not begin with system:node:');
  assert.equal(signerRuleViolation(KUBE_APISERVER_CLIENT_KUBELET_SIGNER, node, ['client auth']),
    'usages did not match [client auth digital signature key encipherment]');
});

test('kubelet-serving: a node\'s identity with a DNS or IP name and the serving usages', () => {
  const usages = ['digital signature', 'key encipherment', 'server auth'];
  assert.equal(signerRuleViolation(KUBELET_SERVING_SIGNER, { ...node, ipAddresses: ['10.0.0.7'] }, usages), undefined);
  assert.equal(signerRuleViolation(KUBELET_SERVING_SIGNER, node, usages), 'DNS or IP subjectAltName is required');
  assert.equal(signerRuleViolation(KUBELET_SERVING_SIGNER, { ...node, dnsNames: ['n1'], uris: ['spiffe://x'] }, usages), 'URI subjectAltNames are not allowed');
  assert.equal(signerRuleViolation(KUBELET_SERVING_SIGNER, { ...node, dnsNames: ['n1'] }, ['server auth']),
    'usages did not match [digital signature key encipherment server auth]');
  assert.ok(isSignerName(KUBELET_SERVING_SIGNER) && !isSignerName('example.com/signer') && !isSignerName(undefined));
});
