/** The Job and TTL-after-finished controllers on an in-process API server: completions, Indexed Jobs, suspend, TTL, kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startJobFixture, type JobFixture } from './job-fixture.js';
import { COMPLETION_INDEX_ANNOTATION, JOB_TRACKING_FINALIZER } from './types.js';

let t: JobFixture;
before(async () => { t = await startJobFixture(); });
after(async () => { await t.stop(); });

const cond = (job: { status?: { conditions?: Array<{ type: string; status: string }> } }, type: string) =>
  job.status?.conditions?.find((c) => c.type === type && c.status === 'True');

describe('JobController', () => {
  it('runs completions with parallelism, counts each pod once and completes', async () => {
    const created = await t.createJob('calc', { completions: 3, parallelism: 2 });
    const first = await t.until('two pods', async () => { const p = await t.podsOf('calc'); return p.length === 2 && p; });
    for (const p of first) {
      assert.match(p.metadata.name ?? '', /^calc-[a-z0-9]{5}$/);
      assert.deepEqual(p.metadata.finalizers, [JOB_TRACKING_FINALIZER]);
      assert.equal(p.metadata.labels?.['batch.kubernetes.io/controller-uid'], created.metadata.uid);
      assert.equal(p.metadata.labels?.['batch.kubernetes.io/job-name'], 'calc');
      assert.equal(p.metadata.labels?.['controller-uid'], created.metadata.uid);
      assert.equal(p.metadata.labels?.['job-name'], 'calc');
      assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'Job', name: 'calc', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    let job = await t.until('active 2', async () => { const j = await t.job('calc'); return j.status?.active === 2 && j; });
    assert.equal(job.status?.ready, 0);
    assert.equal(job.status?.terminating, 0);
    assert.deepEqual(job.status?.uncountedTerminatedPods, {});
    assert.ok(job.status?.startTime);
    assert.match(await t.f.k('get', 'jobs', 'calc'), /NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE\ncalc\s+Running\s+0\/3\s/);

    await t.finish(first[0], 'Succeeded');
    await t.until('a third pod and succeeded 1', async () => (await t.podsOf('calc')).length === 3 && (await t.job('calc')).status?.succeeded === 1);
    const done = await t.pods().get(first[0].metadata.name ?? '');
    assert.equal(done.metadata.finalizers, undefined, 'the counted pod lost its finalizer');
    for (const p of await t.podsOf('calc')) if (p.status?.phase !== 'Succeeded') await t.finish(p, 'Succeeded');
    job = await t.until('Complete', async () => { const j = await t.job('calc'); return cond(j, 'Complete') && j; });
    assert.equal(job.status?.succeeded, 3);
    assert.equal(job.status?.failed, undefined);
    assert.equal(job.status?.active, undefined);
    assert.deepEqual(job.status?.uncountedTerminatedPods, {});
    assert.deepEqual(job.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message]), [
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    assert.equal(job.status?.completionTime, job.status?.conditions?.[1].lastTransitionTime);
    assert.match(await t.f.k('get', 'jobs', 'calc'), /calc\s+Complete\s+3\/3\s/);
    await t.until('Completed event', async () => (await t.events('calc', 'Completed')).some((e) => e.message === 'Job completed'));
    const creates = await t.events('calc', 'SuccessfulCreate');
    assert.ok(creates.some((e) => /^Created pod: calc-[a-z0-9]{5}$/.test(e.message ?? '')));
    for (const p of await t.podsOf('calc', true)) assert.equal(p.metadata.finalizers, undefined);
  });

  it('Indexed: one pod per index with annotation, label, env and hostname; completedIndexes', async () => {
    await t.createJob('idx', { completions: 4, parallelism: 3, completionMode: 'Indexed' });
    const pods = await t.until('three indexed pods', async () => { const p = await t.podsOf('idx'); return p.length === 3 && p; });
    const byIndex = new Map(pods.map((p) => [p.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION], p]));
    assert.deepEqual([...byIndex.keys()].sort(), ['0', '1', '2']);
    for (const [ix, p] of byIndex) {
      assert.equal(p.metadata.labels?.[COMPLETION_INDEX_ANNOTATION], ix);
      assert.equal(p.spec?.hostname, `idx-${ix}`);
      assert.match(p.metadata.name ?? '', new RegExp(`^idx-${ix}-[a-z0-9]{5}$`));
      const env = p.spec?.containers?.[0].env?.find((e) => e.name === 'JOB_COMPLETION_INDEX');
      assert.equal(env?.valueFrom?.fieldRef?.fieldPath, `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']`);
    }
    await t.finish(byIndex.get('1')!, 'Succeeded');
    await t.until('completedIndexes "1" and index 3 started', async () => {
      const j = await t.job('idx');
      const idx = (await t.podsOf('idx')).map((p) => p.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION]);
      return j.status?.completedIndexes === '1' && idx.includes('3');
    });
    await t.finish(byIndex.get('2')!, 'Succeeded');
    await t.until('completedIndexes "1,2"', async () => (await t.job('idx')).status?.completedIndexes === '1,2');
    for (const p of await t.podsOf('idx')) if (p.status?.phase !== 'Succeeded') await t.finish(p, 'Succeeded');
    const job = await t.until('Complete', async () => { const j = await t.job('idx'); return cond(j, 'Complete') && j; });
    assert.equal(job.status?.completedIndexes, '0-3');
    assert.equal(job.status?.succeeded, 4);
  });

  it('suspend deletes the active pods without counting them; resume restarts the clock', async () => {
    await t.createJob('sus', { suspend: true, parallelism: 2, completions: 2 });
    let job = await t.until('Suspended', async () => { const j = await t.job('sus'); return cond(j, 'Suspended') && j; });
    assert.equal(job.status?.startTime, undefined);
    assert.equal((await t.podsOf('sus', true)).length, 0);
    assert.match(await t.f.k('get', 'jobs', 'sus'), /sus\s+Suspended\s+0\/2\s/);
    const s = job.status?.conditions?.find((c) => c.type === 'Suspended');
    assert.deepEqual([s?.reason, s?.message], ['JobSuspended', 'Job suspended']);

    await t.jobs().patch('sus', 'merge', { spec: { suspend: false } });
    job = await t.until('resumed with pods', async () => {
      const j = await t.job('sus');
      return j.status?.conditions?.some((c) => c.type === 'Suspended' && c.status === 'False' && c.reason === 'JobResumed') && j.status.active === 2 && j;
    });
    assert.ok(job.status?.startTime);
    await t.until('Resumed event', async () => (await t.events('sus', 'Resumed')).length > 0);

    await t.jobs().patch('sus', 'merge', { spec: { suspend: true } });
    job = await t.until('suspended again, pods gone', async () => {
      const j = await t.job('sus');
      return cond(j, 'Suspended') && !j.status?.active && (await t.podsOf('sus', true)).length === 0 && j;
    });
    assert.equal(job.status?.failed, undefined, 'pods deleted by suspend are not failures');
    assert.ok((await t.events('sus', 'SuccessfulDelete')).some((e) => /^Deleted pod: sus-/.test(e.message ?? '')));
  });

  it('deletes a finished Job after ttlSecondsAfterFinished, with its pods', async () => {
    await t.createJob('ttl', { ttlSecondsAfterFinished: 30 });
    const [p] = await t.until('a pod', async () => { const x = await t.podsOf('ttl'); return x.length === 1 && x; });
    await t.finish(p, 'Succeeded');
    await t.until('Complete', async () => cond(await t.job('ttl'), 'Complete'));
    t.advance(31_000);
    await t.jobs().patch('ttl', 'merge', { metadata: { annotations: { nudge: '1' } } });
    await t.until('the job and its pod gone', async () => {
      const jobs = await t.jobs().list();
      return !jobs.items.some((j) => j.metadata.name === 'ttl') && (await t.podsOf('ttl', true)).length === 0;
    });
  });

  it('a pod orphaned by kubectl delete --cascade=orphan loses the tracking finalizer', async () => {
    await t.createJob('orph', {});
    const [p] = await t.until('a pod', async () => { const x = await t.podsOf('orph'); return x.length === 1 && x; });
    await t.f.k('delete', 'job', 'orph', '--cascade=orphan');
    await t.until('no owner and no finalizer', async () => {
      const cur = await t.pods().get(p.metadata.name ?? '');
      return !cur.metadata.ownerReferences && !cur.metadata.finalizers;
    });
  });
});
