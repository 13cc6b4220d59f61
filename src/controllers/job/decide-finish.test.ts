import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideFinish } from './decide-finish.js';
import { buildState } from './sync-state.js';
import type { Job, Pod } from './types.js';

const NOW = new Date('2026-01-01T00:10:00Z');
const F = 'batch.kubernetes.io/job-tracking';

function job(spec: Job['spec'], status: Job['status'] = {}): Job {
  return { metadata: { name: 'j', namespace: 'ns', uid: 'u' }, spec: { backoffLimit: 6, parallelism: 1, ...spec }, status: { startTime: '2026-01-01T00:00:00Z', ...status } };
}
function pod(uid: string, phase: string, o: { index?: number; restarts?: number; finalizer?: boolean } = {}): Pod {
  return {
    metadata: {
      name: uid, namespace: 'ns', uid, finalizers: o.finalizer === false ? undefined : [F],
      annotations: o.index === undefined ? undefined : { 'batch.kubernetes.io/job-completion-index': String(o.index) },
    },
    status: { phase, containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0 }] },
  };
}
const decide = (j: Job, pods: Pod[]) => {
  const s = buildState('ns/j', j, pods, new Set());
  decideFinish(s, NOW);
  return s;
};

describe('decideFinish', () => {
  it('fails past the backoff limit, counting uncounted and new failures once', () => {
    const s = decide(job({ backoffLimit: 2 }, { failed: 1, uncountedTerminatedPods: { failed: ['a'] } }), [pod('a', 'Failed'), pod('b', 'Failed'), pod('c', 'Running')]);
    assert.equal(s.failed, 3);
    assert.deepEqual([s.finished?.type, s.finished?.reason, s.finished?.message], ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
    assert.equal(decide(job({ backoffLimit: 3 }, { failed: 1, uncountedTerminatedPods: { failed: ['a'] } }), [pod('a', 'Failed'), pod('b', 'Failed')]).finished, undefined);
  });
  it('restartPolicy OnFailure counts container restarts of live pods', () => {
    const tpl = { spec: { restartPolicy: 'OnFailure', containers: [] } };
    assert.equal(decide(job({ backoffLimit: 2, template: tpl }), [pod('a', 'Running', { restarts: 2 })]).finished?.reason, 'BackoffLimitExceeded');
    assert.equal(decide(job({ backoffLimit: 3, template: tpl }), [pod('a', 'Running', { restarts: 2 })]).finished, undefined);
  });
  it('fails past the active deadline, else asks to be looked at when it runs out', () => {
    assert.equal(decide(job({ activeDeadlineSeconds: 600 }), []).finished?.reason, 'DeadlineExceeded');
    const s = decide(job({ activeDeadlineSeconds: 660 }), []);
    assert.equal(s.finished, undefined);
    assert.equal(s.requeueAfter, 60_000);
    assert.equal(decide(job({ activeDeadlineSeconds: 1, suspend: true }), []).finished, undefined, 'not while suspended');
  });
  it('an earlier FailureTarget becomes Failed with its reason and message', () => {
    const s = decide(job({}, { conditions: [{ type: 'FailureTarget', status: 'True', reason: 'DeadlineExceeded', message: 'm' }] }), []);
    assert.deepEqual([s.finished?.type, s.finished?.reason, s.finished?.message], ['Failed', 'DeadlineExceeded', 'm']);
  });
  it('Indexed: succeeded indexes from status and from pods still holding the finalizer; the success policy', () => {
    const j = job({ completionMode: 'Indexed', completions: 5, successPolicy: { rules: [{ succeededIndexes: '0-2' }] } }, { completedIndexes: '0' });
    const s = decide(j, [pod('a', 'Succeeded', { index: 1 }), pod('b', 'Succeeded', { index: 7 }), pod('c', 'Succeeded', { index: 3, finalizer: false })]);
    assert.equal(s.succeeded, 2);
    assert.equal(s.finished, undefined);
    const t = decide(j, [pod('a', 'Succeeded', { index: 1 }), pod('d', 'Succeeded', { index: 2 })]);
    assert.deepEqual([t.finished?.type, t.finished?.reason, t.finished?.message], ['SuccessCriteriaMet', 'SuccessPolicy', 'Matched rules at index 0']);
  });
  it('backoffLimitPerIndex: maxFailedIndexes', () => {
    const j = job({ completionMode: 'Indexed', completions: 4, backoffLimitPerIndex: 0, maxFailedIndexes: 1 });
    const s = decide(j, [pod('a', 'Failed', { index: 0 }), pod('b', 'Failed', { index: 2 })]);
    assert.deepEqual([s.finished?.reason, s.finished?.message], ['MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes']);
  });
});
