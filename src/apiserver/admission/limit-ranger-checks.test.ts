import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import {
  aggregateMessage, applyPodDefaults, claimViolations, LIMIT_RANGER_ANNOTATION, podViolations, type LimitRange, type LimitRangeItem,
} from './limit-ranger-checks.js';

const lr = (...limits: LimitRangeItem[]): LimitRange => ({ metadata: { name: 'limits' }, spec: { limits } });

function pod(containers: Container[], init?: Container[]): Pod {
  return { metadata: { name: 'p' }, spec: { containers, ...(init ? { initContainers: init } : {}) } };
}

describe('LimitRanger checks', () => {
  it('fills in default requests and limits a container lacks, and says so', () => {
    const range = lr({ type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '250m', memory: '256Mi' } });
    const p = pod([{ name: 'nginx' }, { name: 'side', resources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } } }], [{ name: 'init' }]);
    assert.equal(applyPodDefaults(range, p), true);
    assert.deepEqual(p.spec?.containers?.[0].resources, { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
    assert.deepEqual(p.spec?.containers?.[1].resources, { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m', memory: '256Mi' } });
    assert.equal(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION],
      'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx; '
      + 'memory request for container side; cpu limit for container side; cpu, memory request for init container init; cpu, memory limit for init container init');
    const full = pod([{ name: 'c', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }]);
    assert.equal(applyPodDefaults(range, full), false);
    assert.equal(full.metadata.annotations, undefined);
    assert.equal(applyPodDefaults(lr({ type: 'Pod', max: { cpu: '2' } }), pod([{ name: 'c' }])), false, 'only Container items give defaults');
  });

  it('checks min, max and the limit/request ratio per container', () => {
    const range = lr({ type: 'Container', min: { cpu: '100m' }, max: { memory: '1Gi' }, maxLimitRequestRatio: { cpu: '2' } });
    const bad = pod([{ name: 'c', resources: { requests: { cpu: '50m', memory: '1Gi' }, limits: { cpu: '150m', memory: '2Gi' } } }]);
    assert.equal(aggregateMessage(podViolations(range, bad)),
      '[minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi, '
      + 'cpu max limit to request ratio per Container is 2, but provided ratio is 3.000000]');
    const none = pod([{ name: 'c' }]);
    assert.deepEqual(podViolations(range, none), [
      'minimum cpu usage per Container is 100m.  No request is specified',
      'maximum memory usage per Container is 1Gi.  No limit is specified',
      'cpu max limit to request ratio per Container is 2, but no request is specified or request is 0',
    ]);
    const ok = pod([{ name: 'c', resources: { requests: { cpu: '100m', memory: '1Gi' }, limits: { cpu: '200m', memory: '1Gi' } } }]);
    assert.deepEqual(podViolations(range, ok), []);
    const lowLimit = pod([{ name: 'c', resources: { requests: { cpu: '1' }, limits: { cpu: '1', memory: '1Gi' } } }]);
    assert.deepEqual(podViolations(lr({ type: 'Container', min: { cpu: '2' } }), lowLimit), ['minimum cpu usage per Container is 2, but request is 1']);
    const highRequest = pod([{ name: 'c', resources: { requests: { memory: '2Gi' }, limits: { memory: '512Mi' } } }]);
    assert.deepEqual(podViolations(lr({ type: 'Container', max: { memory: '1Gi' } }), highRequest), ['maximum memory usage per Container is 1Gi, but request is 2Gi']);
  });

  it('checks Pod items against the sum of the containers', () => {
    const range = lr({ type: 'Pod', max: { cpu: '1' } });
    const p = pod([{ name: 'a', resources: { requests: { cpu: '600m' }, limits: { cpu: '600m' } } }, { name: 'b', resources: { requests: { cpu: '600m' }, limits: { cpu: '600m' } } }]);
    assert.deepEqual(podViolations(range, p), ['maximum cpu usage per Pod is 1, but limit is 1200m']);
  });

  it('checks a claim storage request against PersistentVolumeClaim items', () => {
    const range = lr({ type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } });
    const claim = (storage?: string): KObject => ({ metadata: { name: 'c' }, spec: { resources: { requests: storage ? { storage } : {} } } } as KObject);
    assert.deepEqual(claimViolations(range, claim('20Gi')), ['maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi']);
    assert.deepEqual(claimViolations(range, claim('500Mi')), ['minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi']);
    assert.deepEqual(claimViolations(range, claim('5Gi')), []);
    assert.deepEqual(claimViolations(range, claim()), [
      'minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified',
      'maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified',
    ]);
  });

  it('joins several messages as Kubernetes aggregates errors', () => {
    assert.equal(aggregateMessage([]), undefined);
    assert.equal(aggregateMessage(['a']), 'a');
    assert.equal(aggregateMessage(['a', 'a']), 'a');
    assert.equal(aggregateMessage(['a', 'b', 'a']), '[a, b]');
  });
});
