/**
 * The running scheduler: informers keep the Snapshot and the queue current; one loop pops the
 * next pending pod, runs schedulePod over the snapshot and either assumes and binds it (a Normal
 * "Scheduled" event) or reports why it fits nowhere — the PodScheduled condition False with reason
 * Unschedulable and a Warning "FailedScheduling" event, both with the FitError message — and parks
 * it until a cluster event may help. When preemption chose victims they are deleted gracefully
 * (each with a "Preempted" event) and the pod is nominated to the node through
 * status.nominatedNodeName. Optionally only the holder of the Lease kube-system/kube-scheduler
 * schedules.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { type Clientset, SharedInformerFactory } from '../client/index.js';
import { EventRecorder, LeaderElector } from '../controllers/runtime/index.js';
import { Binder, type BindJob } from './binder.js';
import { defaultProfile } from './default-profile.js';
import type { Profile } from './framework.js';
import { feedSnapshot, PODS, PriorityResolver, responsibleFor } from './informer-feed.js';
import { podKey, type PodInfo } from './pod-info.js';
import { type QueuedPod, type QueueOptions, SchedulingQueue } from './queue.js';
import { schedulePod } from './schedule-one.js';
import { Snapshot } from './snapshot.js';
import type { PodView } from './types.js';

export interface SchedulerOptions {
  /** Pods whose spec.schedulerName is this are ours (default "default-scheduler"). */
  schedulerName?: string;
  profile?: Profile;
  /** Run only while holding the Lease kube-system/kube-scheduler (default false). */
  leaderElection?: boolean | { namespace?: string; name?: string; identity?: string; leaseDurationMs?: number; renewDeadlineMs?: number; retryPeriodMs?: number };
  /** Bindings in flight at most (default 32). */
  bindConcurrency?: number;
  /** Record Scheduled/FailedScheduling/Preempted events (default true). */
  recordEvents?: boolean;
  queue?: QueueOptions;
  log?: (line: string) => void;
}

export interface SchedulerStats { scheduled: number; bound: number; failed: number; bindErrors: number }

export interface RunningScheduler {
  readonly snapshot: Snapshot;
  readonly queue: SchedulingQueue;
  readonly stats: SchedulerStats;
  /** Resolves once the informers have synced. */
  readonly synced: Promise<boolean>;
  stop(): Promise<void>;
}

interface PodCondition { type?: string; status?: string; reason?: string; message?: string; lastTransitionTime?: string | null }

/** Pods scheduled between yields to the event loop (so informer events and bindings progress). */
const BATCH = 32;

export function startScheduler(clientset: Clientset, opts: SchedulerOptions = {}): RunningScheduler {
  const schedulerName = opts.schedulerName ?? 'default-scheduler';
  const log = opts.log ?? ((line: string) => process.stderr.write(`scheduler: ${line}\n`));
  const profile = opts.profile ?? defaultProfile();
  const snapshot = new Snapshot();
  const prio = new PriorityResolver();
  const queue = new SchedulingQueue({ ...opts.queue, priorityOf: (p) => prio.view(p).spec?.priority ?? 0 });
  const assumed = new Map<string, string>();
  const stats: SchedulerStats = { scheduled: 0, bound: 0, failed: 0, bindErrors: 0 };
  const recorder = opts.recordEvents === false ? undefined : new EventRecorder(clientset, { component: schedulerName }, { log });
  const pods = clientset.resource<PodView>(PODS);
  const queued = new Map<string, QueuedPod>();

  const binder = new Binder(clientset, {
    concurrency: opts.bindConcurrency,
    onBound: (job: BindJob) => {
      stats.bound++;
      queued.delete(podKey(job.pod));
      const md = job.pod.metadata;
      recorder?.event(job.pod, 'Normal', 'Scheduled', `Successfully assigned ${md.namespace ?? 'default'}/${md.name ?? ''} to ${job.node}`);
    },
    onFailed: (job: BindJob, err: Error) => {
      stats.bindErrors++;
      const key = podKey(job.pod);
      if (assumed.get(key) === job.node) { assumed.delete(key); snapshot.removePod(key); }
      const q = queued.get(key);
      queued.delete(key);
      const code = (err as Error & { code?: number }).code;
      log(err.message);
      if (q && code !== 404 && code !== 409) queue.requeueFailed(q, job.pod, true);
      else if (q) queue.done(key);
    },
  });

  const factory = new SharedInformerFactory(clientset, { log });
  const informers = feedSnapshot(factory, snapshot, queue, prio, { schedulerName, assumed, log });
  void informers;

  let running = false;
  let stopped = false;
  let loopDone: Promise<void> = Promise.resolve();

  const patchStatus = async (pod: PodView, status: Record<string, unknown>): Promise<void> => {
    try {
      await pods.namespace(pod.metadata.namespace ?? 'default').patch(pod.metadata.name ?? '', 'strategic', { status }, { subresource: 'status', fieldManager: schedulerName });
    } catch (err) {
      log(`cannot update the status of ${podKey(pod)}: ${(err as Error).message}`);
    }
  };

  const preempt = (pod: PodView, node: string, victims: readonly PodInfo[]): void => {
    for (const v of victims) {
      const vp = v.pod;
      const ns = vp.metadata.namespace ?? 'default';
      void (async () => {
        await patchStatus(vp, { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod`, lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }] });
        try {
          await pods.namespace(ns).delete(vp.metadata.name ?? '', { preconditions: vp.metadata.uid ? { uid: vp.metadata.uid } : undefined });
          recorder?.event(vp, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid ?? ''} on node ${node}`);
        } catch (err) {
          log(`cannot preempt ${podKey(vp)}: ${(err as Error).message}`);
        }
      })();
    }
  };

  const reportFailure = (pod: PodView, message: string, reason: string, nominatedNodeName: string | undefined): void => {
    const conds = (pod.status?.conditions ?? []) as PodCondition[];
    const cur = conds.find((c) => c.type === 'PodScheduled');
    const status: Record<string, unknown> = {};
    if (!cur || cur.status !== 'False' || cur.reason !== reason || cur.message !== message) {
      const lastTransitionTime = cur && cur.status === 'False' && cur.lastTransitionTime ? cur.lastTransitionTime : new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      status.conditions = [{ type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null, lastTransitionTime }];
    }
    if (nominatedNodeName !== undefined && nominatedNodeName !== (pod.status?.nominatedNodeName ?? '')) {
      status.nominatedNodeName = nominatedNodeName === '' ? null : nominatedNodeName;
    }
    if (Object.keys(status).length > 0) void patchStatus(pod, status);
    recorder?.event(pod, 'Warning', 'FailedScheduling', message);
  };

  const scheduleOne = (q: QueuedPod): void => {
    const pod = q.pod;
    if (!responsibleFor(pod, schedulerName) || assumed.has(q.key)) { queue.done(q.key); return; }
    const view = prio.view(pod);
    const r = schedulePod(view, snapshot, profile);
    if ('node' in r) {
      stats.scheduled++;
      assumed.set(q.key, r.node);
      snapshot.assumePod(view, r.node);
      queue.done(q.key);
      queued.set(q.key, q);
      binder.bind({ pod: view, node: r.node });
      return;
    }
    stats.failed++;
    if ('error' in r) {
      log(`error scheduling ${q.key}: ${r.error}`);
      reportFailure(pod, r.error, 'SchedulerError', undefined);
      queue.requeueFailed(q, pod, true);
      return;
    }
    if (r.victims && r.victims.length > 0 && r.nominatedNodeName) {
      preempt(view, r.nominatedNodeName, r.victims);
      snapshot.nominate(view, r.nominatedNodeName);
    }
    reportFailure(pod, r.failure.message, 'Unschedulable', r.nominatedNodeName);
    queue.requeueFailed(q, pod);
  };

  const loop = async (): Promise<void> => {
    let n = 0;
    while (running) {
      const q = await queue.pop();
      if (!q || !running) { if (q) queue.done(q.key); break; }
      try {
        scheduleOne(q);
      } catch (err) {
        log(`error scheduling ${q.key}: ${(err as Error).stack ?? String(err)}`);
        queue.requeueFailed(q, q.pod, true);
      }
      if (++n % BATCH === 0) await tick();
    }
  };

  factory.start();
  queue.start();
  const synced = factory.waitForCacheSync();
  const begin = (): void => {
    if (running || stopped) return;
    running = true;
    loopDone = synced.then(() => loop());
  };
  const end = (): void => { running = false; };

  let elector: LeaderElector | undefined;
  if (opts.leaderElection) {
    const le = typeof opts.leaderElection === 'object' ? opts.leaderElection : {};
    elector = new LeaderElector({
      clientset, namespace: le.namespace ?? 'kube-system', name: le.name ?? 'kube-scheduler', identity: le.identity,
      leaseDurationMs: le.leaseDurationMs, renewDeadlineMs: le.renewDeadlineMs, retryPeriodMs: le.retryPeriodMs,
      onStartedLeading: begin, onStoppedLeading: end, log,
    });
    elector.start();
  } else {
    begin();
  }

  return {
    snapshot, queue, stats, synced,
    async stop() {
      stopped = true;
      running = false;
      queue.close();
      await loopDone;
      binder.close();
      await binder.idle();
      await elector?.stop();
      await recorder?.flush();
      await factory.stop();
    },
  };
}
