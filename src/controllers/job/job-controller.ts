/**
 * The Job controller, as kube-controller-manager's: runs a Job's pods to completion. Each sync
 * claims the Job's pods, decides whether the Job has finished (success, backoff limit, deadline,
 * pod failure policy, per-index limits, success policy), otherwise creates or deletes pods toward
 * parallelism and completions (suspend deletes them all), and counts finished pods exactly once
 * through the batch.kubernetes.io/job-tracking finalizer and status.uncountedTerminatedPods.
 * Pods whose Job is gone or finished lose that finalizer (work items "pod:<namespace>/<name>").
 * Events: SuccessfulCreate, SuccessfulDelete, Completed, BackoffLimitExceeded, DeadlineExceeded,
 * Suspended, Resumed, FailedCreate, FailedDelete.
 */
import {
  deletedObject, isNotFound, keyOf, NAMESPACE_INDEX, splitKey, type Clientset, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import { controllerRef, selectorMatches } from '../replicaset/index.js';
import { Controller, EventRecorder, Expectations, rfc3339, type ReconcileResult } from '../runtime/index.js';
import { BackoffStore, DEFAULT_BACKOFF_MS, MAX_BACKOFF_MS, nextBackoffRecord } from './backoff.js';
import { claimPods } from './claim-pods.js';
import { ensureCondition, finishedType, newCondition } from './conditions.js';
import { decideFinish, jobSuspended } from './decide-finish.js';
import { FinalizerExpectations } from './finalizer-expectations.js';
import { manageJob } from './manage-job.js';
import { deletePods, REMOVE_FINALIZER_PATCH } from './pod-writes.js';
import { hasTrackingFinalizer } from './pods.js';
import { buildState, type JobDeps } from './sync-state.js';
import { trackStatus } from './track-status.js';
import { JOB_CONTROLLER_NAME, JOBS, PODS, type Job, type Pod } from './types.js';

export interface JobControllerOptions {
  workers?: number;
  log?: (line: string) => void;
  /** The controller's clock (tests move it). */
  now?: () => Date;
  /** First pod failure back-off (default 10 s) and its cap (default 6 min). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

const POD_KEY = 'pod:';
/** setTimeout's largest delay. */
const MAX_REQUEUE_MS = 2_147_483_647;

export class JobController {
  readonly controller: Controller;
  readonly expectations = new Expectations();
  private readonly finalizers = new FinalizerExpectations();
  private readonly backoff = new BackoffStore();
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly deps: JobDeps;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: JobControllerOptions = {}) {
    this.jobs = informers.forResource<Job>(JOBS);
    this.pods = informers.forResource<Pod>(PODS);
    const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    this.deps = {
      cs, recorder: new EventRecorder(cs, { component: 'job-controller' }, { log }), expectations: this.expectations,
      finalizers: this.finalizers, backoff: this.backoff, now: opts.now ?? (() => new Date()),
      backoffBaseMs: opts.backoffBaseMs ?? DEFAULT_BACKOFF_MS, backoffMaxMs: opts.backoffMaxMs ?? MAX_BACKOFF_MS, written: new Map(), log,
    };
    this.pods.addEventHandler({
      onAdd: (p) => {
        const k = this.ownerKey(p);
        if (!k) return;
        if (p.metadata.deletionTimestamp) this.expectations.deletionObserved(k, p.metadata.uid);
        else this.expectations.creationObserved(k);
      },
      onUpdate: (old, p) => {
        const k = this.ownerKey(p) ?? this.ownerKey(old);
        if (!k) return;
        if (p.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) this.expectations.deletionObserved(k, p.metadata.uid);
        if (hasTrackingFinalizer(old) && !hasTrackingFinalizer(p)) this.finalizers.observed(k, p.metadata.uid ?? '');
      },
      onDelete: (d) => {
        const p = deletedObject(d);
        const k = this.ownerKey(p);
        if (!k) return;
        this.expectations.deletionObserved(k, p.metadata.uid);
        this.finalizers.observed(k, p.metadata.uid ?? '');
      },
    });
    this.controller = new Controller({ name: 'job', workers: opts.workers ?? 4, log: opts.log, reconcile: (key) => this.reconcile(key) })
      .watch(this.jobs)
      .watch(this.pods, (p) => this.keysForPod(p));
  }

  /** The key of the Job that controls the pod (by name; uid checked when the Job is cached). */
  private ownerKey(p: Pod): string | undefined {
    const ref = controllerRef(p);
    if (!ref || ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return undefined;
    const key = `${p.metadata.namespace ?? ''}/${ref.name}`;
    const job = this.jobs.store.get(key);
    return job && job.metadata.uid !== ref.uid ? undefined : key;
  }

  private resolveOwner(p: Pod): Job | undefined {
    const ref = controllerRef(p);
    if (!ref || ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return undefined;
    const job = this.jobs.store.get(`${p.metadata.namespace ?? ''}/${ref.name}`);
    return job?.metadata.uid === ref.uid ? job : undefined;
  }

  private keysForPod(p: Pod): string[] {
    const podKey = `${POD_KEY}${keyOf(p)}`;
    const ref = controllerRef(p);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return [];
      const job = this.resolveOwner(p);
      if (!job || finishedType(job)) return hasTrackingFinalizer(p) ? [podKey] : [];
      return [keyOf(job)];
    }
    const keys = hasTrackingFinalizer(p) ? [podKey] : [];
    if (p.metadata.deletionTimestamp) return keys;
    for (const j of this.jobs.store.byIndex(NAMESPACE_INDEX, p.metadata.namespace ?? '')) {
      if (selectorMatches(j.spec?.selector, p.metadata.labels)) keys.push(keyOf(j));
    }
    return keys;
  }

  private async reconcile(key: string): Promise<ReconcileResult | void> {
    if (key.startsWith(POD_KEY)) return this.syncOrphanPod(key.slice(POD_KEY.length));
    const after = await this.syncJob(key);
    if (after !== undefined) return { requeueAfter: Math.min(after, MAX_REQUEUE_MS) };
  }

  /** Removes the tracking finalizer from a pod whose Job is gone or finished (or that has no Job). */
  private async syncOrphanPod(key: string): Promise<void> {
    const p = this.pods.store.get(key);
    if (!p || !hasTrackingFinalizer(p)) return;
    const ref = controllerRef(p);
    if (ref) {
      if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return;
      const job = this.resolveOwner(p);
      if (job?.spec?.managedBy && job.spec.managedBy !== JOB_CONTROLLER_NAME) return;
      if (job && !finishedType(job)) return;
    }
    const { namespace, name } = splitKey(key);
    await this.cs.resource<Pod>(PODS).namespace(namespace ?? '').patch(name, 'strategic', REMOVE_FINALIZER_PATCH)
      .catch((err: unknown) => { if (!isNotFound(err)) throw err; });
  }

  /** Queues the finalizer removal of pods with the finalizer controlled by this Job name (and uid, when given). */
  private releasePodsOf(namespace: string, name: string, uid?: string): void {
    for (const p of this.pods.store.byIndex(NAMESPACE_INDEX, namespace)) {
      const ref = controllerRef(p);
      if (ref?.kind === 'Job' && ref.name === name && (!uid || ref.uid === uid) && hasTrackingFinalizer(p)) this.controller.enqueue(`${POD_KEY}${keyOf(p)}`);
    }
  }

  /** Returns how long until the Job wants another look, if it does. */
  private async syncJob(key: string): Promise<number | undefined> {
    const cached = this.jobs.store.get(key);
    const { namespace, name } = splitKey(key);
    if (!cached) {
      this.expectations.delete(key);
      this.finalizers.delete(key);
      this.backoff.delete(key);
      this.deps.written.delete(key);
      this.releasePodsOf(namespace ?? '', name);
      return undefined;
    }
    // The cache has not caught up with this controller's last status write: its event will come.
    const written = this.deps.written.get(key);
    const cachedRv = Number(cached.metadata.resourceVersion);
    if (written !== undefined && Number.isSafeInteger(cachedRv) && cachedRv < written) return undefined;
    if (cached.spec?.managedBy && cached.spec.managedBy !== JOB_CONTROLLER_NAME) return undefined;
    if (finishedType(cached)) {
      this.backoff.delete(key);
      this.releasePodsOf(namespace ?? '', name, cached.metadata.uid);
      return undefined;
    }
    const mode = cached.spec?.completionMode ?? 'NonIndexed';
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.deps.recorder.event(cached, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown');
      return undefined;
    }
    const job = structuredClone(cached);
    // Expectations are read before the pods, so a pod created meanwhile cannot slip past them.
    const satisfied = this.expectations.satisfied(key);
    const pods = await claimPods(this.cs, this.pods, job);
    const s = buildState(key, job, pods, this.finalizers.expected(key));
    const status = job.status ?? (job.status = {});
    const now = this.deps.now();
    if (!status.startTime && !jobSuspended(job)) status.startTime = rfc3339(now);
    s.backoff = nextBackoffRecord(this.backoff.get(key), s.newSucceeded, s.newFailed);
    decideFinish(s, now);

    let active = s.active.length;
    let manageError: Error | undefined;
    let suspendChanged = false;
    if (s.finished) {
      const r = await deletePods(this.deps, job, key, s.active, false);
      // Not finished yet while pods remain or the cache may not show them all.
      if (r.removed !== active || !satisfied) s.finished = undefined;
      active -= r.removed;
      s.terminating += r.removed;
      s.ready -= r.removedReady;
      manageError = r.error;
    } else {
      let managed = false;
      if (satisfied && !job.metadata.deletionTimestamp) {
        const r = await manageJob(this.deps, s);
        active = r.active;
        manageError = r.error;
        managed = true;
      }
      const completions = job.spec?.completions;
      const complete = completions === undefined || completions === null ? s.succeeded > 0 && active === 0 : s.succeeded >= completions && active === 0;
      if (complete) {
        s.finished = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
      } else if (managed) {
        suspendChanged = this.updateSuspended(job, now);
      }
    }
    const needsWrite = suspendChanged || active !== (status.active ?? 0) || s.ready !== status.ready || s.terminating !== status.terminating;
    s.job.status = { ...s.job.status, active, ready: s.ready, terminating: s.terminating };
    await trackStatus(this.deps, s, needsWrite);
    if (manageError) throw manageError;
    return s.requeueAfter;
  }

  /** The Suspended condition (and its events); resuming restarts the clock of activeDeadlineSeconds. */
  private updateSuspended(job: Job, now: Date): boolean {
    const status = job.status ?? (job.status = {});
    const suspended = jobSuspended(job);
    const [conditions, changed] = suspended
      ? ensureCondition(status.conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)
      : ensureCondition(status.conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
    if (!changed) return false;
    status.conditions = conditions;
    if (suspended) {
      this.deps.recorder.event(job, 'Normal', 'Suspended', 'Job suspended');
    } else {
      this.deps.recorder.event(job, 'Normal', 'Resumed', 'Job resumed');
      status.startTime = rfc3339(now);
    }
    return true;
  }
}
