import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReplicaSet } from '../replicaset/index.js';
import { oldScaleDown } from './rolling.js';
import type { Deployment } from './util.js';

const deployment = (replicas: number): Deployment => ({
  metadata: { name: 'web' },
  spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } },
});
const rs = (uid: string, created: string, spec: number, available: number): ReplicaSet => ({
  metadata: { name: uid, uid, creationTimestamp: created }, spec: { replicas: spec }, status: { replicas: spec, availableReplicas: available },
});

describe('oldScaleDown', () => {
  it('scales the old set down by what maxUnavailable leaves over', () => {
    // 8 wanted, at least 6 available: old 8 available, new 2 not yet available.
    const after = oldScaleDown(deployment(8), rs('new', '2026-01-02T00:00:00Z', 2, 0), [rs('old', '2026-01-01T00:00:00Z', 8, 8)]);
    assert.equal(after.get('old'), 6);
  });

  it('does not count pods an old set is already deleting (status not yet caught up with a scale-down)', () => {
    // The old set was just scaled to 4 but its status still says 6 available; the new set has 4 available of 8.
    // Real availability is 4 + 4 = 8, so only 2 more may go: trusting the status would take 4.
    const after = oldScaleDown(deployment(8), rs('new', '2026-01-02T00:00:00Z', 8, 4), [rs('old', '2026-01-01T00:00:00Z', 4, 6)]);
    assert.equal(after.get('old'), 2);
  });

  it('removes unhealthy old pods first, then shrinks the oldest set', () => {
    const after = oldScaleDown(deployment(4), rs('new', '2026-01-03T00:00:00Z', 1, 1), [
      rs('a', '2026-01-01T00:00:00Z', 2, 2), rs('b', '2026-01-02T00:00:00Z', 2, 0),
    ]);
    // Budget 5 - 3 - 0 = 2: both unavailable pods of b go; then 3 available, none above the minimum of 3.
    assert.equal(after.get('b'), 0);
    assert.equal(after.get('a'), 2);
  });

  it('leaves the old set alone when availability is at its minimum', () => {
    // 4 wanted, at least 3 available: the old set's 3 are all there is.
    const after = oldScaleDown(deployment(4), rs('new', '2026-01-02T00:00:00Z', 1, 0), [rs('old', '2026-01-01T00:00:00Z', 3, 3)]);
    assert.equal(after.get('old'), 3);
  });
});
