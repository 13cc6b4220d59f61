import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { podsForRemoval } from './manage-job.js';
import { completionIndex, finishedTime, isPodFailed, sortForRemoval, UNKNOWN_INDEX } from './pods.js';
import type { Job, Pod } from './types.js';

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; created?: string; index?: string; deleted?: string } = {}): Pod {
  return {
    metadata: {
      name, creationTimestamp: o.created ?? '2026-01-01T00:00:00Z', deletionTimestamp: o.deleted,
      annotations: o.index !== undefined ? { 'batch.kubernetes.io/job-completion-index': o.index } : undefined,
    },
    spec: { nodeName: o.node },
    status: { phase: o.phase ?? 'Pending', conditions: o.ready ? [{ type: 'Ready', status: 'True' }] : [] },
  };
}

describe('job pods', () => {
  it('reads completion indexes, rejecting malformed and negative ones', () => {
    assert.equal(completionIndex(pod('a', { index: '3' })), 3);
    assert.equal(completionIndex(pod('a', { index: '-1' })), UNKNOWN_INDEX);
    assert.equal(completionIndex(pod('a', { index: 'x' })), UNKNOWN_INDEX);
    assert.equal(completionIndex(pod('a')), UNKNOWN_INDEX);
  });
  it('a deleted unfinished pod is a failure unless only Failed pods are replaced', () => {
    const gone = pod('a', { phase: 'Running', deleted: '2026-01-01T00:01:00Z' });
    assert.equal(isPodFailed(gone, { metadata: {}, spec: { podReplacementPolicy: 'TerminatingOrFailed' } }), true);
    assert.equal(isPodFailed(gone, { metadata: {}, spec: { podReplacementPolicy: 'Failed' } }), false);
    assert.equal(isPodFailed(pod('b', { phase: 'Failed' }), { metadata: {}, spec: { podReplacementPolicy: 'Failed' } }), true);
  });
  it('finish time: containers, then Ready=False, then deletion less grace, then creation', () => {
    const p = pod('a', { created: '2026-01-01T00:00:00Z' });
    assert.equal(finishedTime(p), Date.parse('2026-01-01T00:00:00Z'));
    p.metadata.deletionTimestamp = '2026-01-01T00:01:00Z';
    p.metadata.deletionGracePeriodSeconds = 30;
    assert.equal(finishedTime(p), Date.parse('2026-01-01T00:00:30Z'));
    p.status!.conditions = [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:00:20Z' }];
    assert.equal(finishedTime(p), Date.parse('2026-01-01T00:00:20Z'));
    p.status!.containerStatuses = [{ name: 'c', state: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:00:10Z' } } }];
    assert.equal(finishedTime(p), Date.parse('2026-01-01T00:00:10Z'));
  });
  it('removes unscheduled, pending, not ready and newer pods first', () => {
    const ranked = sortForRemoval([
      pod('ready-old', { node: 'n', phase: 'Running', ready: true }),
      pod('running', { node: 'n', phase: 'Running' }),
      pod('new-pending', { node: 'n', created: '2026-01-02T00:00:00Z' }),
      pod('old-pending', { node: 'n' }),
      pod('unscheduled'),
    ]);
    assert.deepEqual(ranked.map((p) => p.metadata.name), ['unscheduled', 'new-pending', 'old-pending', 'running', 'ready-old']);
  });
  it('Indexed Jobs remove duplicate and out-of-range indexes first', () => {
    const job: Job = { metadata: { name: 'j' }, spec: { completionMode: 'Indexed', completions: 3 } };
    const rm = podsForRemoval(job, [
      pod('a0', { index: '0', node: 'n', phase: 'Running' }), pod('b0', { index: '0' }), pod('c5', { index: '5' }), pod('d', {}), pod('e1', { index: '1' }),
    ], 0);
    assert.deepEqual(rm.map((p) => p.metadata.name).sort(), ['b0', 'c5', 'd']);
    const more = podsForRemoval({ metadata: {}, spec: { completions: 5 } }, [pod('x', { node: 'n', phase: 'Running' }), pod('y')], 1);
    assert.deepEqual(more.map((p) => p.metadata.name), ['y']);
  });
});
