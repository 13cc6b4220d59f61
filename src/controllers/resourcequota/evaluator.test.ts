import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { countedResource, objectCountName, quotaMatches } from './evaluator.js';
import { podEvaluator } from './pod-evaluator.js';
import { serviceEvaluator } from './service-evaluator.js';
import type { ResourceQuota } from './types.js';

function pod(name: string, resources?: { requests?: Record<string, string>; limits?: Record<string, string> }, extra: Partial<Pod> = {}): Pod {
  return { metadata: { name, namespace: 'ns' }, spec: { containers: [{ name: 'c', resources }] }, ...extra };
}

const quota = (hard: Record<string, string>, spec: ResourceQuota['spec'] = {}): ResourceQuota => ({
  metadata: { name: 'q', namespace: 'ns' }, spec: { hard, ...spec }, status: { hard, used: {} },
});

describe('quota evaluator helpers', () => {
  it('matches quotas by tracked names and scopes', () => {
    const best = pod('b');
    const burst = pod('u', { requests: { cpu: '1' } });
    assert.ok(quotaMatches(quota({ pods: '2' }), podEvaluator, best));
    assert.ok(!quotaMatches(quota({ services: '2' }), podEvaluator, best));
    assert.ok(quotaMatches(quota({ pods: '2' }, { scopes: ['BestEffort'] }), podEvaluator, best));
    assert.ok(!quotaMatches(quota({ pods: '2' }, { scopes: ['BestEffort'] }), podEvaluator, burst));
    assert.ok(quotaMatches(quota({ pods: '2' }, { scopes: ['NotBestEffort', 'NotTerminating'] }), podEvaluator, burst));
    const terminating = pod('t', undefined, { spec: { activeDeadlineSeconds: 0, containers: [{ name: 'c' }] } });
    assert.ok(quotaMatches(quota({ pods: '2' }, { scopes: ['Terminating'] }), podEvaluator, terminating));
    const high = pod('h', undefined, { spec: { priorityClassName: 'high', containers: [{ name: 'c' }] } });
    const sel = (operator: string, values?: string[]) => quota({ pods: '2' }, { scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator, values }] } });
    assert.ok(quotaMatches(sel('In', ['high', 'x']), podEvaluator, high));
    assert.ok(!quotaMatches(sel('In', ['high']), podEvaluator, best));
    assert.ok(quotaMatches(sel('NotIn', ['high']), podEvaluator, best));
    assert.ok(quotaMatches(sel('Exists'), podEvaluator, high));
    assert.ok(quotaMatches(sel('DoesNotExist'), podEvaluator, best));
    assert.ok(!quotaMatches(quota({ services: '2' }, { scopes: ['BestEffort'] }), serviceEvaluator, { metadata: { name: 's' } }), 'services match no scope');
  });

  it('names object counts and reads them back', () => {
    assert.equal(objectCountName('apps', 'deployments'), 'count/deployments.apps');
    assert.equal(objectCountName('', 'pods'), 'count/pods');
    assert.deepEqual(countedResource('count/deployments.apps'), { group: 'apps', resource: 'deployments' });
    assert.deepEqual(countedResource('count/widgets.example.com'), { group: 'example.com', resource: 'widgets' });
    assert.deepEqual(countedResource('count/pods'), { group: '', resource: 'pods' });
    assert.equal(countedResource('pods'), undefined);
  });
});
