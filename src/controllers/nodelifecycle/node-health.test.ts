import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assessNodeHealth, type NodeHealth } from './node-health.js';
import type { Lease, Node, NodeCondition } from './types.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const GRACE = 40_000;
const STARTUP = 60_000;

function node(conditions?: NodeCondition[]): Node {
  return { metadata: { name: 'n1', creationTimestamp: '2026-01-01T00:00:00Z' }, status: conditions ? { conditions } : {} };
}

function ready(status: string, heartbeat: string, transition = '2026-01-01T00:00:00Z'): NodeCondition[] {
  return [
    { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason: 'KubeletHasSufficientMemory', message: 'ok' },
    { type: 'Ready', status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
}

const lease = (renewTime: string): Lease => ({ metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { renewTime } });

function assess(n: Node, saved: NodeHealth | undefined, now: number, l?: Lease) {
  return assessNodeHealth({ node: n, saved, lease: l, now, gracePeriodMs: GRACE, startupGracePeriodMs: STARTUP });
}

describe('assessNodeHealth', () => {
  it('starts every node seen for the first time with a full grace period', () => {
    const r = assess(node(ready('True', '2025-12-31T00:00:00Z')), undefined, T0);
    assert.equal(r.update, undefined);
    assert.equal(r.health.probeTimestamp, T0);
    assert.equal(r.currentReady?.status, 'True');
  });

  it('marks Ready, MemoryPressure, DiskPressure and PIDPressure Unknown after the grace period without heartbeats', () => {
    const n = node(ready('True', '2026-01-01T00:00:00Z'));
    const first = assess(n, undefined, T0);
    const quiet = assess(n, first.health, T0 + GRACE);
    assert.equal(quiet.update, undefined, 'exactly the grace period is still fine');
    const late = assess(n, quiet.health, T0 + GRACE + 1000);
    assert.ok(late.update);
    const byType = new Map(late.update.node.status?.conditions?.map((c) => [c.type, c]));
    assert.deepEqual(byType.get('Ready'), {
      type: 'Ready', status: 'Unknown', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:41Z',
      reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.',
    });
    assert.equal(byType.get('MemoryPressure')?.reason, 'NodeStatusUnknown');
    assert.deepEqual(byType.get('DiskPressure'), {
      type: 'DiskPressure', status: 'Unknown', lastHeartbeatTime: '2026-01-01T00:00:00Z', lastTransitionTime: '2026-01-01T00:00:41Z',
      reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.',
    });
    assert.equal(byType.get('PIDPressure')?.reason, 'NodeStatusNeverUpdated');
    assert.equal(late.observedReady.status, 'True');
    assert.equal(late.currentReady?.status, 'Unknown');
    // Once written, the next pass sees the Unknown node and has nothing more to write.
    const again = assess(late.update.node, late.update.health, T0 + GRACE + 6000);
    assert.equal(again.update, undefined);
    assert.equal(again.observedReady.status, 'Unknown');
  });

  it('counts a renewed Lease as a heartbeat even when the status is old', () => {
    const n = node(ready('True', '2026-01-01T00:00:00Z'));
    let h = assess(n, undefined, T0, lease('2026-01-01T00:00:00.000000Z')).health;
    h = assess(n, h, T0 + 30_000, lease('2026-01-01T00:00:30.123456Z')).health;
    assert.equal(h.probeTimestamp, T0 + 30_000);
    assert.equal(assess(n, h, T0 + 60_000, lease('2026-01-01T00:00:30.123456Z')).update, undefined);
    assert.ok(assess(n, h, T0 + 71_000, lease('2026-01-01T00:00:30.123456Z')).update, 'the same renewTime is not a renewal');
  });

  it('counts a new lastHeartbeatTime as a heartbeat and notes Ready transitions', () => {
    let h = assess(node(ready('True', '2026-01-01T00:00:00Z')), undefined, T0).health;
    h = assess(node(ready('False', '2026-01-01T00:00:30Z', '2026-01-01T00:00:30Z')), h, T0 + 30_000).health;
    assert.equal(h.probeTimestamp, T0 + 30_000);
    assert.equal(h.readyTransitionTimestamp, T0 + 30_000);
    h = assess(node(ready('False', '2026-01-01T00:01:00Z', '2026-01-01T00:00:30Z')), h, T0 + 60_000).health;
    assert.equal(h.probeTimestamp, T0 + 60_000);
    assert.equal(h.readyTransitionTimestamp, T0 + 30_000);
  });

  it('gives a node that never posted status the startup grace period, then makes its conditions up', () => {
    const n = node();
    const created = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(assess(n, undefined, created + STARTUP).update, undefined);
    const r = assess(n, undefined, created + STARTUP + 1000);
    assert.ok(r.update);
    assert.equal(r.currentReady?.status, 'Unknown');
    assert.equal(r.currentReady?.reason, 'NodeStatusNeverUpdated');
    assert.equal(r.update.node.status?.conditions?.length, 4);
  });
});
