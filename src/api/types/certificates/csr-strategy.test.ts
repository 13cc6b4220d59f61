import { test } from 'node:test';
import assert from 'node:assert/strict';
import { populateConditionTimestamps, withApprovalOf } from './csr-strategy.js';
import type { CertificateSigningRequestLike } from './csr-validation.js';

const stored = (): CertificateSigningRequestLike => ({
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'u', resourceVersion: '7', labels: { a: 'b' } },
  spec: { request: 'cmVx', signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], username: 'alice' },
  status: { certificate: 'Y2VydA==' },
});

test('an approval write keeps the stored request but for its conditions, timestamps filled in', () => {
  const body = {
    ...stored(), metadata: { name: 'u', labels: { changed: 'yes' } },
    spec: { request: 'b3RoZXI=', signerName: 'example.com/x', usages: ['server auth'], username: 'mallory' },
    status: { certificate: 'Zm9yZ2Vk', conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'ok', lastUpdateTime: '2024-01-01T00:00:00Z' }] },
  };
  const next = withApprovalOf(body, stored(), '2024-06-01T00:00:00Z') as CertificateSigningRequestLike;
  assert.deepEqual(next.spec, stored().spec);
  assert.deepEqual(next.metadata, { name: 'u', labels: { a: 'b' } }, 'no resourceVersion in the body: none asked');
  assert.equal(next.status?.certificate, 'Y2VydA==');
  assert.deepEqual(next.status?.conditions, [{
    type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'ok', lastUpdateTime: '2024-01-01T00:00:00Z', lastTransitionTime: '2024-06-01T00:00:00Z',
  }]);
  const pinned = withApprovalOf({ ...body, metadata: { name: 'u', resourceVersion: '3' } }, stored(), 'now');
  assert.equal(pinned.metadata.resourceVersion, '3', 'a resourceVersion in the body is a precondition');
});

test('a condition whose type and status are unchanged keeps its transition time', () => {
  const old: CertificateSigningRequestLike = { ...stored(), status: { conditions: [{ type: 'Approved', status: 'True', lastTransitionTime: '2020-01-01T00:00:00Z' }] } };
  const next: CertificateSigningRequestLike = { ...stored(), status: { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Failed', status: 'True' }] } };
  populateConditionTimestamps(next, old, '2024-06-01T00:00:00Z');
  assert.deepEqual(next.status?.conditions, [
    { type: 'Approved', status: 'True', lastUpdateTime: '2024-06-01T00:00:00Z', lastTransitionTime: '2020-01-01T00:00:00Z' },
    { type: 'Failed', status: 'True', lastUpdateTime: '2024-06-01T00:00:00Z', lastTransitionTime: '2024-06-01T00:00:00Z' },
  ]);
});
