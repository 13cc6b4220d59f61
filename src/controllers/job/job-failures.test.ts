/** The Job controller's failure handling on an in-process API server: back-off, backoffLimit, deadline, pod failure policy, per-index limits. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startJobFixture, type JobFixture } from './job-fixture.js';
import { COMPLETION_INDEX_ANNOTATION, type Job } from './types.js';

let t: JobFixture;
before(async () => { t = await startJobFixture(); });
after(async () => { await t.stop(); });

const cond = (job: Job, type: string) => job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
const settle = () => new Promise((r) => setTimeout(r, 300));

describe('JobController failures', () => {
  it('waits out the back-off before replacing a failed pod, then fails at the backoff limit', async () => {
    await t.createJob('flaky', { backoffLimit: 1 });
    const [p1] = await t.until('a pod', async () => { const x = await t.podsOf('flaky'); return x.length === 1 && x; });
    await t.finish(p1, 'Failed');
    await t.until('failed 1', async () => (await t.job('flaky')).status?.failed === 1);
    await settle();
    assert.deepEqual((await t.podsOf('flaky')).map((p) => p.metadata.name), [p1.metadata.name], 'no replacement during the 10 s back-off');
    assert.equal((await t.job('flaky')).status?.active, undefined);

    t.advance(10_500);
    t.poke('flaky');
    const p2 = await t.until('a replacement', async () => (await t.podsOf('flaky')).find((p) => p.metadata.name !== p1.metadata.name));
    await t.finish(p2, 'Failed');
    const job = await t.until('Failed', async () => { const j = await t.job('flaky'); return cond(j, 'Failed') && j; });
    assert.equal(job.status?.failed, 2);
    const ft = cond(job, 'FailureTarget');
    const failed = cond(job, 'Failed');
    assert.deepEqual([ft?.reason, ft?.message], ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
    assert.deepEqual([failed?.reason, failed?.message], ['BackoffLimitExceeded', 'Job has reached the specified backoff limit']);
    assert.equal(job.status?.completionTime, undefined);
    assert.match(await t.f.k('get', 'jobs', 'flaky'), /flaky\s+Failed\s+0\/1\s/);
    await t.until('the warning event', async () => (await t.events('flaky', 'BackoffLimitExceeded')).some((e) => e.type === 'Warning' && e.message === 'Job has reached the specified backoff limit'));
  });

  it('fails a Job active longer than activeDeadlineSeconds, deleting its pods', async () => {
    await t.createJob('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 4 });
    await t.until('two pods', async () => (await t.podsOf('slow')).length === 2);
    t.advance(31_000);
    t.poke('slow');
    const job = await t.until('Failed', async () => { const j = await t.job('slow'); return cond(j, 'Failed') && j; });
    assert.deepEqual([cond(job, 'Failed')?.reason, cond(job, 'Failed')?.message], ['DeadlineExceeded', 'Job was active longer than specified deadline']);
    assert.equal(job.status?.failed, 2, 'the deleted active pods count as failed');
    assert.equal(job.status?.active, undefined);
    assert.equal(job.status?.terminating, 0);
    await t.until('pods gone', async () => (await t.podsOf('slow', true)).length === 0);
    await t.until('DeadlineExceeded event', async () => (await t.events('slow', 'DeadlineExceeded')).some((e) => e.message === 'Job was active longer than specified deadline'));
  });

  it('podFailurePolicy: Ignore does not count, FailJob fails the Job with the rule in the message', async () => {
    await t.createJob('pfp', {
      backoffLimit: 0,
      podFailurePolicy: {
        rules: [
          { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        ],
      },
    });
    const [p1] = await t.until('a pod', async () => { const x = await t.podsOf('pfp'); return x.length === 1 && x; });
    await t.finish(p1, 'Failed', { exitCode: 137, conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager' }] });
    await t.until('the ignored pod counted nowhere', async () => {
      const cur = await t.pods().get(p1.metadata.name ?? '');
      return !cur.metadata.finalizers;
    });
    assert.equal((await t.job('pfp')).status?.failed, undefined);
    assert.equal(cond(await t.job('pfp'), 'Failed'), undefined, 'backoffLimit 0 not reached by an ignored failure');
    t.advance(10_500);
    t.poke('pfp');
    const p2 = await t.until('a replacement', async () => (await t.podsOf('pfp')).find((p) => p.metadata.name !== p1.metadata.name));
    await t.finish(p2, 'Failed', { exitCode: 42 });
    const job = await t.until('Failed', async () => { const j = await t.job('pfp'); return cond(j, 'Failed') && j; });
    const msg = `Container main for pod default/${p2.metadata.name ?? ''} failed with exit code 42 matching FailJob rule at index 0`;
    assert.deepEqual([cond(job, 'FailureTarget')?.reason, cond(job, 'FailureTarget')?.message], ['PodFailurePolicy', msg]);
    assert.deepEqual([cond(job, 'Failed')?.reason, cond(job, 'Failed')?.message], ['PodFailurePolicy', msg]);
    assert.equal(job.status?.failed, 1);
  });

  it('backoffLimitPerIndex: an index fails on its own while the others complete', async () => {
    await t.createJob('per', { completionMode: 'Indexed', completions: 2, parallelism: 2, backoffLimitPerIndex: 0 });
    const pods = await t.until('two pods', async () => { const x = await t.podsOf('per'); return x.length === 2 && x; });
    const at = (ix: string) => pods.find((p) => p.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION] === ix)!;
    assert.equal(at('0').metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'], '0');
    await t.finish(at('0'), 'Failed');
    await t.until('failedIndexes "0"', async () => (await t.job('per')).status?.failedIndexes === '0');
    await t.finish(at('1'), 'Succeeded');
    const job = await t.until('Failed', async () => { const j = await t.job('per'); return cond(j, 'Failed') && j; });
    assert.deepEqual([cond(job, 'Failed')?.reason, cond(job, 'Failed')?.message], ['FailedIndexes', 'Job has failed indexes']);
    assert.equal(job.status?.completedIndexes, '1');
    assert.equal(job.status?.failed, 1);
    assert.equal(job.status?.succeeded, 1);
  });
});
