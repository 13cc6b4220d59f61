/**
 * The CronJob controller on an in-process API server with a clock the test moves: concurrency
 * policies, history limits, starting deadlines, missed starts, suspend, time zones, kubectl.
 * Jobs are finished by the test through their status (no Job controller runs here).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { JOBS, type Job } from '../job/index.js';
import type { CoreEvent } from '../runtime/index.js';
import { CronJobController, CRONJOBS } from './cronjob-controller.js';
import type { CronJob, CronJobSpec } from './job-from-template.js';

let f: ControllerFixture;
let ctl: CronJobController;
let offset = 0;
const now = (): Date => new Date(Date.now() + offset);

before(async () => {
  f = await startControllerFixture((cs, inf) => {
    ctl = new CronJobController(cs, inf, { log: () => undefined, now });
    return [ctl.controller];
  });
});
after(async () => { await f.stop(); });

const cjs = () => f.clientset.resource<CronJob>(CRONJOBS).namespace('default');
const jobs = () => f.clientset.resource<Job>(JOBS).namespace('default');
const until = async <T>(what: string, fn: () => Promise<T | undefined | false>): Promise<T> => {
  let last: T | undefined | false;
  await eventually(async () => !!(last = await fn()), 15_000, what);
  return last as T;
};
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Creates the CronJob; returns the time (ms) of the first whole minute after its creation. */
async function create(name: string, spec: Partial<CronJobSpec>): Promise<number> {
  const cj = await cjs().create({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name },
    spec: {
      schedule: '* * * * *',
      jobTemplate: { metadata: { labels: { from: name } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } },
      ...spec,
    },
  } as CronJob);
  const created = Date.parse(cj.metadata.creationTimestamp ?? '');
  return Math.floor(created / 60_000) * 60_000 + 60_000;
}

/** Moves the clock to `at` and has the controller look at the CronJob. */
function at(name: string, t: number): void {
  offset = t - Date.now();
  ctl.controller.enqueue(`default/${name}`);
}

const jobsOf = async (name: string): Promise<Job[]> => (await jobs().list({ labelSelector: `from=${name}` })).items
  .filter((j) => !j.metadata.deletionTimestamp).sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
const events = async (name: string, reason: string): Promise<CoreEvent[]> =>
  (await f.clientset.resource<CoreEvent>({ group: '', version: 'v1', resource: 'events' }).namespace('default').list({ fieldSelector: `reason=${reason}` }))
    .items.filter((e) => e.involvedObject.name === name);

async function finishJob(name: string, type: 'Complete' | 'Failed', started: number): Promise<void> {
  const t = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const status: Record<string, unknown> = {
    startTime: t(started), conditions: [{ type, status: 'True', lastTransitionTime: t(started + 1000) }],
  };
  if (type === 'Complete') status.completionTime = t(started + 1000);
  await jobs().patch(name, 'merge', { status }, { subresource: 'status' });
}

describe('CronJobController', () => {
  it('Forbid: one Job at a time, named after the minute, with the scheduled-timestamp annotation', async () => {
    const first = await create('fb', { concurrencyPolicy: 'Forbid' });
    const cj0 = await cjs().get('fb');
    at('fb', first + 5_000);
    const [j1] = await until('the first job', async () => { const x = await jobsOf('fb'); return x.length === 1 && x; });
    assert.equal(j1.metadata.name, `fb-${first / 60_000}`);
    assert.equal(j1.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], new Date(first).toISOString().replace('.000Z', 'Z'));
    assert.deepEqual(j1.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'fb', uid: cj0.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const cj = await until('status.active', async () => { const c = await cjs().get('fb'); return c.status?.active?.length === 1 && c; });
    assert.deepEqual({ ...cj.status?.active?.[0], resourceVersion: undefined }, { kind: 'Job', namespace: 'default', name: j1.metadata.name, uid: j1.metadata.uid, apiVersion: 'batch/v1', resourceVersion: undefined });
    assert.equal(cj.status?.lastScheduleTime, new Date(first).toISOString().replace('.000Z', 'Z'));
    assert.ok((await events('fb', 'SuccessfulCreate')).some((e) => e.message === `Created job ${j1.metadata.name ?? ''}`));
    assert.match(await f.k('get', 'cronjobs', 'fb'), /NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\nfb\s+\* \* \* \* \*\s+<none>\s+False\s+1\s+\S+\s+\S+\n/);

    at('fb', first + 65_000);
    await until('JobAlreadyActive', async () => (await events('fb', 'JobAlreadyActive')).some((e) => e.message === 'Not starting job because prior execution is running and concurrency policy is Forbid'));
    assert.equal((await jobsOf('fb')).length, 1);

    // Once the first Job completes, the start still due for the second minute happens at once.
    await finishJob(j1.metadata.name ?? '', 'Complete', first + 5_000);
    const next = `fb-${first / 60_000 + 1}`;
    await until('the second job active and lastSuccessfulTime', async () => {
      const c = await cjs().get('fb');
      return c.status?.active?.map((a) => a.name).join() === next && c.status.lastSuccessfulTime === new Date(first + 6_000).toISOString().replace('.000Z', 'Z');
    });
    assert.ok((await events('fb', 'SawCompletedJob')).some((e) => e.message === `Saw completed job: ${j1.metadata.name ?? ''}, status: Complete`));
    assert.deepEqual((await jobsOf('fb')).map((j) => j.metadata.name), [j1.metadata.name, next]);
  });

  it('Replace: the running Job is deleted for the next one; times in the CronJob\'s zone', async () => {
    const first = await create('rp', { concurrencyPolicy: 'Replace', timeZone: 'Asia/Tokyo' });
    at('rp', first + 5_000);
    const [j1] = await until('the first job', async () => { const x = await jobsOf('rp'); return x.length === 1 && x; });
    assert.match(j1.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'] ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+09:00$/);
    assert.equal(Date.parse(j1.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'] ?? ''), first);
    at('rp', first + 65_000);
    const [j2] = await until('only the second job', async () => { const x = await jobsOf('rp'); return x.length === 1 && x[0].metadata.name !== j1.metadata.name && x; });
    assert.equal(j2.metadata.name, `rp-${first / 60_000 + 1}`);
    assert.ok((await events('rp', 'SuccessfulDelete')).some((e) => e.message === `Deleted job ${j1.metadata.name ?? ''}`));
    const cj = await until('active is the second job', async () => { const c = await cjs().get('rp'); return c.status?.active?.length === 1 && c.status.active[0].uid === j2.metadata.uid && c; });
    assert.equal(cj.status?.active?.length, 1);
    assert.match(await f.k('get', 'cronjob', 'rp'), /rp\s+\* \* \* \* \*\s+Asia\/Tokyo\s+False\s+1\s/);
  });

  it('Allow runs Jobs side by side and keeps only the history limits of finished ones', async () => {
    const first = await create('al', { concurrencyPolicy: 'Allow', successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1 });
    const minute = (k: number) => `al-${first / 60_000 + k}`;
    at('al', first + 5_000);
    await until('job 0', async () => (await jobsOf('al')).length === 1);
    at('al', first + 65_000);
    await until('jobs 0 and 1 side by side', async () => (await jobsOf('al')).length === 2);
    assert.equal((await cjs().get('al')).status?.active?.length, 2);
    await finishJob(minute(0), 'Complete', first + 5_000);
    await finishJob(minute(1), 'Complete', first + 65_000);
    await until('the older success trimmed', async () => (await jobsOf('al')).map((j) => j.metadata.name).join() === minute(1));
    at('al', first + 125_000);
    await until('job 2', async () => (await jobsOf('al')).some((j) => j.metadata.name === minute(2)));
    await finishJob(minute(2), 'Failed', first + 125_000);
    at('al', first + 185_000);
    await until('job 3', async () => (await jobsOf('al')).some((j) => j.metadata.name === minute(3)));
    await finishJob(minute(3), 'Failed', first + 185_000);
    await until('the older failure trimmed', async () => (await jobsOf('al')).map((j) => j.metadata.name).join() === [minute(1), minute(3)].join());
    await until('no active job left', async () => (await cjs().get('al')).status?.active === undefined);
    assert.ok((await events('al', 'SuccessfulDelete')).some((e) => e.message === `Deleted job ${minute(2)}`));
  });

  it('startingDeadlineSeconds skips starts that are too late; over 100 missed starts are warned about', async () => {
    const first = await create('dl', { startingDeadlineSeconds: 10 });
    at('dl', first + 30_000);
    await settle();
    assert.equal((await jobsOf('dl')).length, 0, 'the start at the first minute is 30 s late');
    at('dl', first + 65_000);
    await until('the start within the deadline', async () => (await jobsOf('dl')).some((j) => j.metadata.name === `dl-${first / 60_000 + 1}`));

    const first2 = await create('many', {});
    at('many', first2 + 200 * 60_000 + 5_000);
    await until('TooManyMissedTimes', async () => (await events('many', 'TooManyMissedTimes')).some((e) => e.type === 'Warning'
      && e.message === 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'));
    const [j] = await until('the most recent start only', async () => { const x = await jobsOf('many'); return x.length === 1 && x; });
    assert.equal(j.metadata.name, `many-${first2 / 60_000 + 200}`);
  });

  it('a suspended CronJob starts nothing until resumed', async () => {
    const first = await create('sp', { suspend: true });
    at('sp', first + 5_000);
    await settle();
    assert.equal((await jobsOf('sp')).length, 0);
    assert.match(await f.k('get', 'cj', 'sp'), /sp\s+\* \* \* \* \*\s+<none>\s+True\s+0\s+<none>\s/);
    await cjs().patch('sp', 'merge', { spec: { suspend: false } });
    await until('a job after resuming', async () => (await jobsOf('sp')).length === 1);
  });
});
