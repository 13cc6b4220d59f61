import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowsSurge, planRollingUpdate, scaledValue, updateBudget } from './rolling-update.js';
import type { DaemonPod, DaemonSet } from './types.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const ds = (ru: { maxUnavailable?: number | string; maxSurge?: number | string }, minReadySeconds = 0): DaemonSet =>
  ({ metadata: { name: 'd' }, spec: { minReadySeconds, updateStrategy: { type: 'RollingUpdate', rollingUpdate: ru } } });
const pod = (name: string, hash: string, ready: boolean, opts: { terminating?: boolean; readySince?: number } = {}): DaemonPod => ({
  metadata: { name, labels: { 'controller-revision-hash': hash }, deletionTimestamp: opts.terminating ? '2026-05-01T11:00:00Z' : undefined },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: new Date(opts.readySince ?? NOW - 60_000).toISOString() }] },
});
const names = (ps: DaemonPod[]) => ps.map((p) => p.metadata.name).sort();

describe('rolling update', () => {
  it('scales int-or-percent budgets, rounding up, with 0/0 meaning one unavailable', () => {
    assert.equal(scaledValue('25%', 10, true), 3);
    assert.equal(scaledValue('25%', 10, false), 2);
    assert.equal(scaledValue(2, 10, true), 2);
    assert.deepEqual(updateBudget(ds({ maxUnavailable: '10%', maxSurge: 0 }), 5), { maxSurge: 0, maxUnavailable: 1 });
    assert.deepEqual(updateBudget(ds({ maxUnavailable: 0, maxSurge: 0 }), 5), { maxSurge: 0, maxUnavailable: 1 });
    assert.deepEqual(updateBudget({ metadata: {}, spec: { updateStrategy: { type: 'OnDelete' } } }, 5), { maxSurge: 0, maxUnavailable: 1 });
    assert.equal(allowsSurge(ds({ maxUnavailable: 0, maxSurge: '10%' })), true);
    assert.equal(allowsSurge(ds({ maxUnavailable: 1, maxSurge: 0 })), false);
  });

  it('deletes available old pods only up to maxUnavailable, and unavailable old pods at once', () => {
    const m = new Map([['a', [pod('a-old', 'v1', true)]], ['b', [pod('b-old', 'v1', true)]], ['c', [pod('c-old', 'v1', true)]]]);
    assert.deepEqual(names(planRollingUpdate(ds({ maxUnavailable: 1 }), m, 3, 'v2', NOW).podsToDelete), ['a-old']);
    assert.deepEqual(names(planRollingUpdate(ds({ maxUnavailable: 2 }), m, 3, 'v2', NOW).podsToDelete), ['a-old', 'b-old']);
    // A new pod not yet available uses up the budget; an unavailable old pod is replaced anyway.
    const m2 = new Map([['a', [pod('a-new', 'v2', false)]], ['b', [pod('b-old', 'v1', false)]], ['c', [pod('c-old', 'v1', true)]], ['d', []]]);
    assert.deepEqual(names(planRollingUpdate(ds({ maxUnavailable: 2 }), m2, 4, 'v2', NOW).podsToDelete), ['b-old']);
    // A pod ready for less than minReadySeconds is not available.
    const m3 = new Map([['a', [pod('a-new', 'v2', true, { readySince: NOW - 1000 })]], ['b', [pod('b-old', 'v1', true)]]]);
    assert.deepEqual(planRollingUpdate(ds({ maxUnavailable: 1 }, 30), m3, 2, 'v2', NOW).podsToDelete, []);
    assert.deepEqual(names(planRollingUpdate(ds({ maxUnavailable: 1 }, 0), m3, 2, 'v2', NOW).podsToDelete), ['b-old']);
  });

  it('surges new pods beside old ones up to maxSurge and removes old pods once the new one is available', () => {
    const m = new Map([['a', [pod('a-old', 'v1', true)]], ['b', [pod('b-old', 'v1', true)]], ['c', [pod('c-old', 'v1', false)]]]);
    const step = planRollingUpdate(ds({ maxUnavailable: 0, maxSurge: 1 }), m, 3, 'v2', NOW);
    assert.deepEqual(step.nodesToCreate, ['c', 'a']);
    assert.deepEqual(step.podsToDelete, []);
    const m2 = new Map([['a', [pod('a-old', 'v1', true), pod('a-new', 'v2', true)]], ['b', [pod('b-old', 'v1', true), pod('b-new', 'v2', false)]], ['c', [pod('c-old', 'v1', true)]]]);
    const step2 = planRollingUpdate(ds({ maxUnavailable: 0, maxSurge: 1 }), m2, 3, 'v2', NOW);
    assert.deepEqual(names(step2.podsToDelete), ['a-old']);
    assert.deepEqual(step2.nodesToCreate, [], 'b is still surging: no room for c');
  });
});
