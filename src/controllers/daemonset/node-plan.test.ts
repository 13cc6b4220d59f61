import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailedPodBackoff } from './failed-pod-backoff.js';
import { podsShouldBeOnNode, type NodePlanInput } from './node-plan.js';
import type { DaemonPod } from './types.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const pod = (name: string, created: string, phase = 'Running', hash = 'v1', ready = true): DaemonPod => ({
  metadata: { name, namespace: 'ns', creationTimestamp: created, labels: { 'controller-revision-hash': hash } },
  spec: { nodeName: 'n1' },
  status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-05-01T11:00:00Z' }] },
});
const input = (o: Partial<NodePlanInput>): NodePlanInput => ({
  ds: { metadata: { name: 'd', uid: 'u' } }, nodeName: 'n1', verdict: { shouldRun: true, shouldContinueRunning: true },
  pods: undefined, hash: 'v1', allowsSurge: false, now: NOW, backoff: new FailedPodBackoff(), ...o,
});

describe('podsShouldBeOnNode', () => {
  it('creates where a pod is missing and removes pods from nodes that must not run the daemon', () => {
    assert.equal(podsShouldBeOnNode(input({})).create, true);
    const p = pod('x', '2026-05-01T10:00:00Z');
    const plan = podsShouldBeOnNode(input({ pods: [p], verdict: { shouldRun: false, shouldContinueRunning: false } }));
    assert.deepEqual(plan.toDelete, [p]);
    assert.equal(podsShouldBeOnNode(input({ pods: [p], verdict: { shouldRun: false, shouldContinueRunning: true } })).toDelete.length, 0);
  });

  it('keeps only the oldest running pod without surge', () => {
    const plan = podsShouldBeOnNode(input({ pods: [pod('young', '2026-05-01T10:05:00Z'), pod('old', '2026-05-01T10:00:00Z')] }));
    assert.deepEqual(plan.toDelete.map((p) => p.metadata.name), ['young']);
  });

  it('deletes failed pods once per back-off period, with a Warning event', () => {
    const backoff = new FailedPodBackoff();
    const failed = pod('f', '2026-05-01T10:00:00Z', 'Failed');
    const first = podsShouldBeOnNode(input({ pods: [failed], backoff }));
    assert.deepEqual(first.toDelete, [failed]);
    assert.deepEqual(first.events, [{ type: 'Warning', reason: 'FailedDaemonPod', message: 'Found failed daemon pod ns/f on node n1, will try to kill it' }]);
    const second = podsShouldBeOnNode(input({ pods: [failed], backoff, now: NOW + 500 }));
    assert.deepEqual(second.toDelete, []);
    assert.equal(second.requeueAfterMs, 1000);
    assert.equal(podsShouldBeOnNode(input({ pods: [failed], backoff, now: NOW + 1500 })).toDelete.length, 1);
  });

  it('with surge keeps one old and one new pod until the new one is available', () => {
    const old = pod('old', '2026-05-01T10:00:00Z', 'Running', 'v1');
    const fresh = pod('new', '2026-05-01T10:05:00Z', 'Running', 'v2', false);
    assert.deepEqual(podsShouldBeOnNode(input({ pods: [old, fresh], hash: 'v2', allowsSurge: true })).toDelete, []);
    const ready = pod('new', '2026-05-01T10:05:00Z', 'Running', 'v2', true);
    assert.deepEqual(podsShouldBeOnNode(input({ pods: [old, ready], hash: 'v2', allowsSurge: true })).toDelete, [old]);
  });
});
