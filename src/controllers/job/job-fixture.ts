/**
 * For the Job controller's tests: an in-process API server with the Job, TTL and garbage
 * collector controllers on a clock the test can move, and helpers that play the kubelet's part
 * (pods finish when the test sets their phase through the status subresource). Not exported.
 */
import { eventually } from '../../testing/index.js';
import type { ResourceClient } from '../../client/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import type { CoreEvent } from '../runtime/index.js';
import { JobController } from './job-controller.js';
import { TtlAfterFinishedController } from './ttl-after-finished.js';
import { JOBS, PODS, type Job, type JobSpec, type Pod } from './types.js';

export interface JobFixture {
  f: ControllerFixture;
  jobCtl: JobController;
  /** Moves the controllers' clock forward. */
  advance(ms: number): void;
  now(): Date;
  jobs(ns?: string): ResourceClient<Job>;
  pods(ns?: string): ResourceClient<Pod>;
  createJob(name: string, spec: Partial<JobSpec>, ns?: string): Promise<Job>;
  /** The Job's pods that are not being deleted (or all of them). */
  podsOf(name: string, all?: boolean, ns?: string): Promise<Pod[]>;
  finish(p: Pod, phase: 'Succeeded' | 'Failed', extra?: { exitCode?: number; conditions?: unknown[] }): Promise<void>;
  job(name: string, ns?: string): Promise<Job>;
  events(name: string, reason: string): Promise<CoreEvent[]>;
  until<T>(what: string, fn: () => Promise<T | undefined | false>): Promise<T>;
  /** Asks the Job controller to look at the Job now (after moving the clock). */
  poke(name: string, ns?: string): void;
  stop(): Promise<void>;
}

export async function startJobFixture(): Promise<JobFixture> {
  let offset = 0;
  const now = (): Date => new Date(Date.now() + offset);
  let jobCtl: JobController | undefined;
  const quiet = (): void => undefined;
  const f = await startControllerFixture((cs, inf) => {
    jobCtl = new JobController(cs, inf, { log: quiet, now });
    return [jobCtl.controller, new TtlAfterFinishedController(cs, inf, { log: quiet, now }).controller, new GarbageCollector(cs, inf, { log: quiet })];
  });
  const jobs = (ns = 'default') => f.clientset.resource<Job>(JOBS).namespace(ns);
  const pods = (ns = 'default') => f.clientset.resource<Pod>(PODS).namespace(ns);
  const until = async <T>(what: string, fn: () => Promise<T | undefined | false>): Promise<T> => {
    let last: T | undefined | false;
    await eventually(async () => !!(last = await fn()), 15_000, what);
    return last as T;
  };
  return {
    f, jobCtl: jobCtl as JobController, now, jobs, pods, until,
    advance(ms) { offset += ms; },
    async createJob(name, spec, ns = 'default') {
      return jobs(ns).create({
        apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: ns },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } }, ...spec },
      } as Job);
    },
    async podsOf(name, all = false, ns = 'default') {
      const list = (await pods(ns).list({ labelSelector: `batch.kubernetes.io/job-name=${name}` })).items;
      return (all ? list : list.filter((p) => !p.metadata.deletionTimestamp))
        .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
    },
    async finish(p, phase, extra = {}) {
      const finishedAt = now().toISOString().replace(/\.\d+Z$/, 'Z');
      const exitCode = extra.exitCode ?? (phase === 'Succeeded' ? 0 : 1);
      await pods(p.metadata.namespace ?? 'default').patch(p.metadata.name ?? '', 'merge', {
        status: {
          phase, conditions: extra.conditions ?? [{ type: 'Ready', status: 'False', lastTransitionTime: finishedAt }],
          containerStatuses: [{ name: 'main', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, finishedAt, reason: phase === 'Succeeded' ? 'Completed' : 'Error' } } }],
        },
      }, { subresource: 'status' });
    },
    job: (name, ns = 'default') => jobs(ns).get(name),
    async events(name, reason) {
      const list = await f.clientset.resource<CoreEvent>({ group: '', version: 'v1', resource: 'events' }).namespace('default').list({ fieldSelector: `reason=${reason}` });
      return list.items.filter((e) => e.involvedObject.name === name);
    },
    poke(name, ns = 'default') { jobCtl?.controller.enqueue(`${ns}/${name}`); },
    stop: () => f.stop(),
  };
}
