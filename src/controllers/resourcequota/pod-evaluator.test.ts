import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../api/types/core/pod/index.js';
import { podEvaluator } from './pod-evaluator.js';
import { formatResourceList } from './resource-list.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');

function pod(name: string, resources?: { requests?: Record<string, string>; limits?: Record<string, string> }, extra: Partial<Pod> = {}): Pod {
  return { metadata: { name, namespace: 'ns' }, spec: { containers: [{ name: 'c', resources }] }, ...extra };
}

describe('pod quota evaluator', () => {
  it('charges a pod its compute resources and counts, unless it has ended', () => {
    const p = pod('p', { requests: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': '1', 'hugepages-2Mi': '2Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    assert.deepEqual(formatResourceList(podEvaluator.usage(p, NOW)), {
      'count/pods': '1', pods: '1', cpu: '500m', 'requests.cpu': '500m', 'limits.cpu': '1', memory: '1Gi', 'requests.memory': '1Gi',
      'limits.memory': '1Gi', 'requests.nvidia.com/gpu': '1', 'hugepages-2Mi': '2Mi', 'requests.hugepages-2Mi': '2Mi',
    });
    assert.deepEqual(formatResourceList(podEvaluator.usage({ ...p, status: { phase: 'Succeeded' } }, NOW)), { 'count/pods': '1' });
    const deleting = { ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z', deletionGracePeriodSeconds: 30 } };
    assert.equal(podEvaluator.usage(deleting, NOW + 10_000).pods?.nano, 1_000_000_000n, 'still within its grace period');
    assert.equal(podEvaluator.usage(deleting, NOW + 31_000).pods, undefined, 'past its grace period');
  });

  it('names the containers that lack what a quota requires, as Kubernetes words it', () => {
    const p: Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'nginx', resources: { requests: { cpu: '1' } } }, { name: 'side' }] } };
    assert.equal(podEvaluator.constraints(['requests.cpu', 'limits.cpu', 'limits.memory', 'pods'], p),
      'must specify limits.cpu for: nginx,side; limits.memory for: nginx,side; requests.cpu for: side');
    assert.equal(podEvaluator.constraints(['pods', 'count/pods'], p), undefined);
  });
});
