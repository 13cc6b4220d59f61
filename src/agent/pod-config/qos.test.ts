import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { containerOOMScoreAdj, isNodeCriticalPod, podQOSClass } from './qos.js';

const GI = 1024 ** 3;
const c = (name: string, requests?: Record<string, string>, limits?: Record<string, string>, restartPolicy?: string): Container =>
  ({ name, resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) }, ...(restartPolicy ? { restartPolicy } : {}) });
const pod = (containers: Container[], extra: Partial<NonNullable<Pod['spec']>> = {}, meta: Partial<Pod['metadata']> = {}): Pod =>
  ({ metadata: { name: 'p', namespace: 'd', uid: 'u', ...meta }, spec: { containers, ...extra } });

describe('QoS class', () => {
  const cases: Array<[string, Pod, string]> = [
    ['nothing set', pod([c('a'), c('b')]), 'BestEffort'],
    ['requests equal limits everywhere', pod([c('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), 'Guaranteed'],
    // The API server copies limits into unset requests; a spec that skipped defaulting is Burstable.
    ['limits only, not defaulted', pod([c('a', undefined, { cpu: '500m', memory: '256Mi' })]), 'Burstable'],
    ['sums across containers', pod([c('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }),
      c('b', { cpu: '500m', memory: '1Gi' }, { cpu: '500m', memory: '1Gi' })]), 'Guaranteed'],
    ['request below limit', pod([c('a', { cpu: '250m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), 'Burstable'],
    ['one container without limits', pod([c('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), c('b')]), 'Burstable'],
    ['memory limit only', pod([c('a', undefined, { memory: '1Gi' })]), 'Burstable'],
    ['only non-QoS resources', pod([c('a', { 'ephemeral-storage': '1Gi' })]), 'BestEffort'],
    ['status wins', { ...pod([c('a')]), status: { qosClass: 'Guaranteed' } }, 'Guaranteed'],
  ];
  for (const [name, p, want] of cases) it(name, () => assert.equal(podQOSClass(p), want));
});

describe('oom_score_adj', () => {
  const cases: Array<[string, Pod, Container, number]> = [
    ['Guaranteed', pod([c('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), c('a', { cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), -997],
    ['BestEffort', pod([c('a')]), c('a'), 1000],
    ['Burstable, 1Gi of 8Gi', pod([c('a', { memory: '1Gi' })]), c('a', { memory: '1Gi' }), 875],
    ['Burstable, 800Mi of 8Gi truncates the fraction', pod([c('a', { memory: '838860800' })]), c('a', { memory: '838860800' }), 903],
    ['Burstable, no memory request gives 999 not 1000', pod([c('a', { cpu: '100m' })]), c('a', { cpu: '100m' }), 999],
    ['Burstable, everything requested is still above Guaranteed', pod([c('a', { memory: '8Gi' })]), c('a', { memory: '8Gi' }), 3],
    ['Burstable, more than the node is clamped to 3', pod([c('a', { memory: '16Gi' })]), c('a', { memory: '16Gi' }), 3],
  ];
  for (const [name, p, container, want] of cases) {
    it(name, () => assert.equal(containerOOMScoreAdj(p, container, 8 * GI), want));
  }

  it('keeps a sidecar at or below the smallest regular container', () => {
    const sidecar = c('proxy', { memory: '100Mi' }, undefined, 'Always');
    const plainInit = c('setup', { memory: '100Mi' });
    const p = pod([c('a', { memory: '4Gi' }), c('b', { memory: '2Gi' })], { initContainers: [sidecar, plainInit] });
    assert.equal(containerOOMScoreAdj(p, sidecar, 8 * GI), 750);
    assert.equal(containerOOMScoreAdj(p, plainInit, 8 * GI), 988);
  });

  it('treats node-critical pods as Guaranteed', () => {
    const critical = pod([c('a')], { priorityClassName: 'system-node-critical', priority: 2_000_001_000 });
    assert.ok(isNodeCriticalPod(critical));
    assert.equal(containerOOMScoreAdj(critical, c('a'), 8 * GI), -997);
    const mirror = pod([c('a')], { priorityClassName: 'system-node-critical' }, { annotations: { 'kubernetes.io/config.mirror': 'x' } });
    assert.ok(isNodeCriticalPod(mirror));
    const clusterCritical = pod([c('a')], { priorityClassName: 'system-cluster-critical', priority: 2_000_000_000 });
    assert.ok(!isNodeCriticalPod(clusterCritical));
    assert.equal(containerOOMScoreAdj(clusterCritical, c('a'), 8 * GI), 1000);
    assert.ok(!isNodeCriticalPod(pod([c('a')], { priorityClassName: 'system-node-critical' })));
  });
});
