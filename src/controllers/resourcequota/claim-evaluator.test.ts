import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import { claimEvaluator } from './claim-evaluator.js';
import { formatResourceList } from './resource-list.js';

const NOW = Date.now();

describe('claim quota evaluator', () => {
  it('charges claims their storage, whole bytes, also per storage class', () => {
    const pvc = { metadata: { name: 'c' }, spec: { storageClassName: 'gold', resources: { requests: { storage: '1.5' } } }, status: { allocatedResources: { storage: '2Gi' } } } as KObject;
    assert.deepEqual(formatResourceList(claimEvaluator.usage(pvc, NOW)), {
      persistentvolumeclaims: '1', 'count/persistentvolumeclaims': '1', 'requests.storage': '2Gi',
      'gold.storageclass.storage.k8s.io/persistentvolumeclaims': '1', 'gold.storageclass.storage.k8s.io/requests.storage': '2Gi',
    });
    const small = { metadata: { name: 'c', annotations: { 'volume.beta.kubernetes.io/storage-class': 'beta' } }, spec: { resources: { requests: { storage: '1500m' } } } } as KObject;
    assert.equal(formatResourceList(claimEvaluator.usage(small, NOW))['beta.storageclass.storage.k8s.io/requests.storage'], '2');
  });
});
