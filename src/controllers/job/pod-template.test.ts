import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateNameFor, newJobPod } from './pod-template.js';
import type { Job } from './types.js';

const job: Job = {
  metadata: { name: 'work', namespace: 'ns', uid: 'u1' },
  spec: {
    template: {
      metadata: { labels: { app: 'w' }, annotations: { a: 'b' }, finalizers: ['x/y'] },
      spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', env: [{ name: 'K', value: 'v' }] }], initContainers: [{ name: 'i', image: 'busybox' }] },
    },
  },
};

describe('newJobPod', () => {
  it('copies the template and adds the finalizer and the controller reference', () => {
    const p = newJobPod(job);
    assert.equal(p.metadata.generateName, 'work-');
    assert.deepEqual(p.metadata.labels, { app: 'w' });
    assert.deepEqual(p.metadata.annotations, { a: 'b' });
    assert.deepEqual(p.metadata.finalizers, ['x/y', 'batch.kubernetes.io/job-tracking']);
    assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'Job', name: 'work', uid: 'u1', controller: true, blockOwnerDeletion: true }]);
    assert.equal(p.spec?.hostname, undefined);
    assert.notEqual(p.spec, job.spec?.template?.spec, 'a copy');
  });
  it('gives an indexed pod its index everywhere and the per-index failure counts', () => {
    const p = newJobPod(job, 2, { failed: 1, ignored: 0 });
    assert.equal(p.metadata.generateName, 'work-2-');
    assert.equal(p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], '2');
    assert.equal(p.metadata.labels?.['batch.kubernetes.io/job-completion-index'], '2');
    assert.equal(p.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'], '1');
    assert.equal(p.metadata.annotations?.['batch.kubernetes.io/job-index-ignored-failure-count'], undefined);
    assert.equal(p.spec?.hostname, 'work-2');
    for (const c of [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])]) {
      assert.deepEqual(c.env?.at(-1), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } });
    }
    assert.equal(job.spec?.template?.spec?.containers?.[0].env?.length, 1, 'the template is untouched');
  });
  it('keeps generated names within 58 characters, index included', () => {
    const long = 'j'.repeat(63);
    assert.equal(generateNameFor(long), `${'j'.repeat(58)}`);
    assert.equal(generateNameFor(long, 12), `${'j'.repeat(54)}-12-`);
  });
});
