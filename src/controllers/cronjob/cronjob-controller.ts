/**
 * The CronJob controller (batch/v1), as kube-controller-manager's v2: a CronJob is looked at when it
 * or one of its Jobs changes, and again just after its next scheduled time — never by polling.
 * Each look trims finished Jobs beyond successfulJobsHistoryLimit / failedJobsHistoryLimit (oldest
 * first), then syncs (see sync-cronjob.ts) and writes the status when it changed. The clock is
 * injectable so tests need not wait for minutes to pass.
 */
import { NAMESPACE_INDEX, keyOf, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { finishedType, JOBS, type Job } from '../job/index.js';
import { controllerRef } from '../replicaset/index.js';
import { Controller, EventRecorder, type ReconcileResult } from '../runtime/index.js';
import type { CronJob } from './job-from-template.js';
import { deleteJob, syncCronJob, type CronDeps } from './sync-cronjob.js';

export const CRONJOBS: GroupVersionResource = { group: 'batch', version: 'v1', resource: 'cronjobs' };

export interface CronJobControllerOptions {
  workers?: number;
  log?: (line: string) => void;
  /** The controller's clock (tests move it). */
  now?: () => Date;
}

const MAX_REQUEUE_MS = 2_147_483_647;

/** Oldest first by status.startTime (Jobs not started last), then by name. */
function byStartTime(a: Job, b: Job): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sb) return sa ? -1 : 0;
  if (!sa) return 1;
  const d = Date.parse(sa) - Date.parse(sb);
  return d !== 0 ? d : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

export class CronJobController {
  readonly controller: Controller;
  private readonly cronjobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;
  private readonly deps: CronDeps;

  constructor(cs: Clientset, informers: SharedInformerFactory, opts: CronJobControllerOptions = {}) {
    this.cronjobs = informers.forResource<CronJob>(CRONJOBS);
    this.jobs = informers.forResource<Job>(JOBS);
    this.deps = { cs, recorder: new EventRecorder(cs, { component: 'cronjob-controller' }, { log: opts.log }), now: opts.now ?? (() => new Date()) };
    this.controller = new Controller({ name: 'cronjob', workers: opts.workers ?? 2, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.cronjobs)
      .watch(this.jobs, (j) => {
        const ref = controllerRef(j);
        if (ref?.kind !== 'CronJob') return undefined;
        const cj = this.cronjobs.store.get(`${j.metadata.namespace ?? ''}/${ref.name}`);
        return cj && cj.metadata.uid === ref.uid ? keyOf(cj) : undefined;
      });
  }

  /** The Jobs whose controller reference names this CronJob. */
  private jobsOf(cj: CronJob): Job[] {
    return this.jobs.store.byIndex(NAMESPACE_INDEX, cj.metadata.namespace ?? '').filter((j) => {
      const ref = controllerRef(j);
      return ref?.kind === 'CronJob' && ref.name === cj.metadata.name;
    });
  }

  private async cleanupFinished(cj: CronJob, jobs: Job[]): Promise<boolean> {
    const spec = cj.spec ?? {};
    let changed = false;
    const trim = async (list: Job[], limit: number | undefined) => {
      if (limit === undefined || limit === null || list.length <= limit) return;
      for (const j of [...list].sort(byStartTime).slice(0, list.length - limit)) if (await deleteJob(this.deps, cj, j)) changed = true;
    };
    await trim(jobs.filter((j) => finishedType(j) === 'Complete'), spec.successfulJobsHistoryLimit);
    await trim(jobs.filter((j) => finishedType(j) === 'Failed'), spec.failedJobsHistoryLimit);
    return changed;
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const cached = this.cronjobs.store.get(key);
    if (!cached) return;
    const jobs = this.jobsOf(cached);
    const copy = structuredClone(cached);
    const cleaned = await this.cleanupFinished(copy, jobs);
    const r = await syncCronJob(this.deps, copy, jobs);
    if (cleaned || r.changed) {
      const status = { ...r.cj.status };
      if (!status.active?.length) delete status.active;
      await this.deps.cs.resource<CronJob>(CRONJOBS).namespace(r.cj.metadata.namespace ?? '').updateStatus({ ...r.cj, status });
    }
    if (r.requeueAfter !== undefined) return { requeueAfter: Math.min(Math.max(r.requeueAfter, 1), MAX_REQUEUE_MS) };
    if (r.error) throw r.error;
  }
}
