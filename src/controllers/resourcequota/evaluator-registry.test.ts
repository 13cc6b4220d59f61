import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatorFor, isIgnoredResource } from './evaluator-registry.js';

describe('quota evaluator registry', () => {
  it('matches the resource names each kind accounts for', () => {
    const names = ['pods', 'requests.cpu', 'limits.memory', 'services', 'requests.storage', 'gold.storageclass.storage.k8s.io/requests.storage',
      'count/pods', 'requests.nvidia.com/gpu', 'hugepages-1Gi', 'configmaps', 'count/deployments.apps'];
    assert.deepEqual(evaluatorFor('', 'pods').matchingResources(names), ['pods', 'requests.cpu', 'limits.memory', 'count/pods', 'requests.nvidia.com/gpu', 'hugepages-1Gi']);
    assert.deepEqual(evaluatorFor('', 'services').matchingResources(names), ['services']);
    assert.deepEqual(evaluatorFor('', 'persistentvolumeclaims').matchingResources(names), ['requests.storage', 'gold.storageclass.storage.k8s.io/requests.storage']);
    assert.deepEqual(evaluatorFor('', 'configmaps').matchingResources(names), ['configmaps']);
    assert.deepEqual(evaluatorFor('apps', 'deployments').matchingResources(names), ['count/deployments.apps']);
  });

  it('knows when admission must look, and the resources quota ignores', () => {
    assert.ok(isIgnoredResource('', 'events') && isIgnoredResource('events.k8s.io', 'events') && !isIgnoredResource('', 'pods'));
    assert.ok(evaluatorFor('', 'pods').handles('CREATE') && !evaluatorFor('', 'pods').handles('UPDATE'));
    assert.ok(evaluatorFor('', 'services').handles('UPDATE') && evaluatorFor('', 'persistentvolumeclaims').handles('UPDATE'));
    assert.ok(evaluatorFor('apps', 'deployments').handles('CREATE') && !evaluatorFor('apps', 'deployments').handles('UPDATE'));
    assert.deepEqual(Object.keys(evaluatorFor('', 'secrets').usage({ metadata: {} }, 0)), ['count/secrets', 'secrets']);
    assert.deepEqual(Object.keys(evaluatorFor('apps', 'deployments').usage({ metadata: {} }, 0)), ['count/deployments.apps']);
  });
});
