import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import { calculateUsage } from './calculate-usage.js';
import { coreEvaluators } from './evaluator-registry.js';
import { objectCountEvaluator } from './object-count-evaluator.js';
import { formatResourceList } from './resource-list.js';
import type { ResourceQuota } from './types.js';

const pod = (name: string, cpu?: string, phase?: string): KObject => ({
  metadata: { name, namespace: 'ns' },
  spec: { containers: [{ name: 'c', resources: cpu ? { requests: { cpu, memory: '256Mi' }, limits: { cpu, memory: '256Mi' } } : {} }] },
  status: phase ? { phase } : {},
} as KObject);

describe('calculateUsage', () => {
  const objects: Record<string, KObject[]> = {
    pods: [pod('a', '500m'), pod('b', '1'), pod('c'), pod('done', '4', 'Succeeded')],
    configmaps: [{ metadata: { name: 'x' } }, { metadata: { name: 'y' } }],
    deployments: [{ metadata: { name: 'd' } }],
  };
  const list = (e: { resource: string }) => objects[e.resource] ?? [];

  it('sums what every object uses, from zero for each tracked name', () => {
    const q: ResourceQuota = {
      metadata: { name: 'q', namespace: 'ns' },
      spec: { hard: { pods: '10', 'count/pods': '10', 'requests.cpu': '4', 'limits.memory': '2Gi', configmaps: '5', services: '3', 'count/deployments.apps': '2', 'requests.nvidia.com/gpu': '1' } },
    };
    const used = calculateUsage(q, [...coreEvaluators, objectCountEvaluator('apps', 'deployments')], list, Date.now());
    assert.deepEqual(formatResourceList(used), {
      pods: '3', 'count/pods': '4', 'requests.cpu': '1500m', 'limits.memory': '512Mi', configmaps: '2', services: '0',
      'count/deployments.apps': '1', 'requests.nvidia.com/gpu': '0',
    });
  });

  it('counts only the objects every scope matches', () => {
    const q: ResourceQuota = { metadata: { name: 'q', namespace: 'ns' }, spec: { hard: { pods: '10' }, scopes: ['BestEffort'] } };
    assert.deepEqual(formatResourceList(calculateUsage(q, coreEvaluators, list, Date.now())), { pods: '1' });
  });

  it('leaves out names whose objects cannot be listed', () => {
    const q: ResourceQuota = { metadata: { name: 'q', namespace: 'ns' }, spec: { hard: { pods: '10', configmaps: '3' } } };
    const used = calculateUsage(q, coreEvaluators, (e) => (e.resource === 'pods' ? undefined : list(e)), Date.now());
    assert.deepEqual(formatResourceList(used), { configmaps: '2' });
  });
});
