/**
 * The TTL-after-finished controller: deletes a finished Job (Complete or Failed) once
 * spec.ttlSecondsAfterFinished have passed since it finished, as kube-controller-manager's does —
 * the expiry is checked again on a fresh read before deleting, and the deletion cascades in the
 * foreground (the Job goes after its pods) with the Job's uid as precondition. Jobs not yet due
 * are looked at again when they are.
 */
import { isConflict, isNotFound, type Clientset, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, type ReconcileResult } from '../runtime/index.js';
import { finishedAt, finishedType } from './conditions.js';
import { JOBS, type Job } from './types.js';

export interface TtlAfterFinishedOptions {
  workers?: number;
  log?: (line: string) => void;
  now?: () => Date;
}

const MAX_REQUEUE_MS = 2_147_483_647;

export class TtlAfterFinishedController {
  readonly controller: Controller;
  private readonly jobs: Informer<Job>;
  private readonly now: () => Date;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: TtlAfterFinishedOptions = {}) {
    this.jobs = informers.forResource<Job>(JOBS);
    this.now = opts.now ?? (() => new Date());
    this.controller = new Controller({ name: 'ttl-after-finished', workers: opts.workers ?? 2, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.jobs);
  }

  /** Milliseconds until the Job expires (≤ 0: expired), or undefined when it never does. */
  private timeLeft(job: Job): number | undefined {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (job.metadata.deletionTimestamp || ttl === undefined || ttl === null || !finishedType(job)) return undefined;
    const at = finishedAt(job);
    if (at === undefined) return undefined;
    return at + ttl * 1000 - this.now().getTime();
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const cached = this.jobs.store.get(key);
    if (!cached) return;
    const left = this.timeLeft(cached);
    if (left === undefined) return;
    if (left > 0) return { requeueAfter: Math.min(left, MAX_REQUEUE_MS) };
    const client = this.cs.resource<Job>(JOBS).namespace(cached.metadata.namespace ?? '');
    let fresh: Job;
    try {
      fresh = await client.get(cached.metadata.name ?? '');
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    const freshLeft = this.timeLeft(fresh);
    if (freshLeft === undefined) return;
    if (freshLeft > 0) return { requeueAfter: Math.min(freshLeft, MAX_REQUEUE_MS) };
    try {
      await client.delete(fresh.metadata.name ?? '', { propagationPolicy: 'Foreground', preconditions: { uid: fresh.metadata.uid } });
    } catch (err) {
      // Gone, or replaced by another Job of the same name (which gets its own look).
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
  }
}
