import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countHealthy, disruptedPodMap, nextStatus, scaledValue, type PodDisruptionBudget, type PodLike } from './pdb-status.js';

const T = Date.parse('2026-01-01T00:10:00Z');
const pod = (name: string, ready: boolean, deleting = false): PodLike => ({
  metadata: { name, ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

describe('PDB status', () => {
  it('scales ints and percentages as intstr does (rounding up)', () => {
    assert.equal(scaledValue(3, 10, true), 3);
    assert.equal(scaledValue('50%', 3, true), 2);
    assert.equal(scaledValue('50%', 3, false), 1);
    assert.equal(scaledValue('0%', 7, true), 0);
    assert.throws(() => scaledValue('5', 10, true), /invalid value for IntOrString: invalid type: string is not a percentage/);
  });

  it('counts Ready pods that are not terminating nor recently evicted', () => {
    const pods = [pod('a', true), pod('b', true, true), pod('c', false), pod('d', true), pod('e', true)];
    assert.equal(countHealthy(pods, {}, T), 3);
    assert.equal(countHealthy(pods, { d: '2026-01-01T00:09:00Z', e: '2026-01-01T00:07:00Z' }, T), 2);
  });

  it('keeps DisruptedPods entries younger than two minutes of pods not yet terminating', () => {
    const pdb: PodDisruptionBudget = { metadata: { name: 'p' }, status: { disruptedPods: { a: '2026-01-01T00:09:30Z', b: '2026-01-01T00:09:30Z', d: '2026-01-01T00:07:00Z', gone: '2026-01-01T00:09:59Z' } } };
    const r = disruptedPodMap([pod('a', true), pod('b', true, true), pod('d', true)], pdb, T);
    assert.deepEqual(r.map, { a: '2026-01-01T00:09:30Z' });
    assert.equal(r.recheckAt, Date.parse('2026-01-01T00:11:30Z'));
    assert.deepEqual(r.notDeleted.map((p) => p.metadata.name), ['d']);
  });

  it('computes disruptionsAllowed and the DisruptionAllowed condition, and nothing when up to date', () => {
    const pdb: PodDisruptionBudget = { metadata: { name: 'p', generation: 2 } };
    const s = nextStatus(pdb, { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptedPods: {} }, '2026-01-01T00:10:00Z');
    assert.deepEqual(s, {
      observedGeneration: 2, disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 2, lastTransitionTime: '2026-01-01T00:10:00Z' }],
    });
    assert.equal(nextStatus({ ...pdb, status: s }, { currentHealthy: 3, desiredHealthy: 2, expectedPods: 3, disruptedPods: {} }, 'later'), undefined);
    const down = nextStatus({ ...pdb, status: s }, { currentHealthy: 2, desiredHealthy: 2, expectedPods: 3, disruptedPods: {} }, '2026-01-01T00:11:00Z');
    assert.equal(down?.disruptionsAllowed, 0);
    assert.deepEqual(down?.conditions?.map((c) => [c.status, c.reason, c.lastTransitionTime]), [['False', 'InsufficientPods', '2026-01-01T00:11:00Z']]);
    assert.equal(nextStatus(pdb, { currentHealthy: 5, desiredHealthy: 0, expectedPods: 0, disruptedPods: {} }, 'x')?.disruptionsAllowed, 0, 'no expected pods: no disruptions');
  });
});
