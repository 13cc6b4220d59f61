import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { desiredNoScheduleTaints, managedNoScheduleTaints, swappedTaints, taintDiff } from './taints.js';
import type { Node } from './types.js';

describe('node taints', () => {
  it('derives the NoSchedule taints from conditions and spec.unschedulable', () => {
    const node: Node = {
      metadata: { name: 'n' },
      spec: { unschedulable: true },
      status: { conditions: [
        { type: 'Ready', status: 'Unknown' }, { type: 'MemoryPressure', status: 'True' },
        { type: 'DiskPressure', status: 'False' }, { type: 'PIDPressure', status: 'Unknown' }, { type: 'NetworkUnavailable', status: 'True' },
      ] },
    };
    assert.deepEqual(desiredNoScheduleTaints(node).map((t) => `${t.key}:${t.effect}`), [
      'node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/network-unavailable:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    const ready: Node = { metadata: { name: 'n' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } };
    assert.deepEqual(desiredNoScheduleTaints(ready), [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]);
  });

  it('only manages its own NoSchedule taints', () => {
    const node: Node = { metadata: { name: 'n' }, spec: { taints: [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
    ] } };
    const have = managedNoScheduleTaints(node);
    assert.deepEqual(have.map((t) => t.key), ['node.kubernetes.io/unreachable', 'node.kubernetes.io/unschedulable']);
    const { add, remove } = taintDiff([{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }], have);
    assert.deepEqual(add.map((t) => t.key), ['node.kubernetes.io/not-ready']);
    assert.deepEqual(remove.map((t) => t.key), ['node.kubernetes.io/unreachable', 'node.kubernetes.io/unschedulable']);
  });

  it('swaps taints, stamping added ones, and reports when nothing changes', () => {
    const current = [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' }];
    assert.deepEqual(swappedTaints(current, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }], [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], '2026-01-02T00:00:00Z'), [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-02T00:00:00Z' },
    ]);
    assert.equal(swappedTaints(current, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], [], 'x'), undefined);
    assert.equal(swappedTaints(current, [], [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }], 'x'), undefined);
    assert.deepEqual(swappedTaints(current, [], [{ key: 'dedicated', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }], 'x'), []);
  });
});
