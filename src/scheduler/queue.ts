/**
 * The scheduling queue, as kube-scheduler's PriorityQueue: an active queue ordered by priority
 * (highest first) then by the time the pod entered it, a backoff queue holding pods that failed
 * until their per-pod exponential backoff (1 s doubling to 10 s) ends, and the unschedulable pods
 * parked until a cluster event that may help them (node added or changed, pod deleted, volume
 * changes) moves them back — or, failing that, for at most five minutes.
 */
import type { PodView } from './types.js';
import { podKey } from './pod-info.js';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
/** Unschedulable pods are retried after at most this long even without an event. */
export const MAX_UNSCHEDULABLE_MS = 5 * 60_000;

export interface QueuedPod {
  key: string;
  pod: PodView;
  /** When the pod (first) entered the active queue: the tie-breaker among equal priorities. */
  timestamp: number;
  attempts: number;
  /** When it last failed (for backoff). */
  lastFailure: number;
  priority: number;
}

export interface QueueOptions {
  now?: () => number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxUnschedulableMs?: number;
  /** The pod's effective priority (spec.priority once resolved). */
  priorityOf?: (pod: PodView) => number;
}

function before(a: QueuedPod, b: QueuedPod): boolean {
  return a.priority !== b.priority ? a.priority > b.priority : a.timestamp < b.timestamp;
}

/** A binary heap of queued pods with removal by key. */
class Heap {
  private items: QueuedPod[] = [];
  private pos = new Map<string, number>();
  get size(): number { return this.items.length; }
  has(key: string): boolean { return this.pos.has(key); }
  get(key: string): QueuedPod | undefined { const i = this.pos.get(key); return i === undefined ? undefined : this.items[i]; }
  push(q: QueuedPod): void {
    this.items.push(q);
    this.pos.set(q.key, this.items.length - 1);
    this.up(this.items.length - 1);
  }
  pop(): QueuedPod | undefined {
    if (this.items.length === 0) return undefined;
    const top = this.items[0];
    this.removeAt(0);
    return top;
  }
  remove(key: string): QueuedPod | undefined {
    const i = this.pos.get(key);
    if (i === undefined) return undefined;
    const q = this.items[i];
    this.removeAt(i);
    return q;
  }
  private removeAt(i: number): void {
    const last = this.items.pop()!;
    this.pos.delete(this.items.length === i ? last.key : this.items[i].key);
    if (i < this.items.length) {
      this.items[i] = last;
      this.pos.set(last.key, i);
      this.down(i);
      this.up(i);
    }
  }
  private up(i: number): void {
    const it = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(it[i], it[p])) break;
      this.swap(i, p);
      i = p;
    }
  }
  private down(i: number): void {
    const it = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < it.length && before(it[l], it[m])) m = l;
      if (r < it.length && before(it[r], it[m])) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
  private swap(a: number, b: number): void {
    const it = this.items;
    [it[a], it[b]] = [it[b], it[a]];
    this.pos.set(it[a].key, a);
    this.pos.set(it[b].key, b);
  }
}

export class SchedulingQueue {
  private readonly active = new Heap();
  private readonly backoff = new Map<string, QueuedPod>();
  private readonly unschedulable = new Map<string, QueuedPod>();
  /** Popped and being scheduled: key → the move-request cycle when popped. */
  private readonly inFlight = new Map<string, number>();
  private moveCycle = 0;
  private waiters: Array<(q: QueuedPod | undefined) => void> = [];
  private closed = false;
  private timer?: NodeJS.Timeout;
  private lastFlush: number;
  private readonly now: () => number;
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxUnschedulable: number;
  private readonly priorityOf: (pod: PodView) => number;

  constructor(o: QueueOptions = {}) {
    this.now = o.now ?? Date.now;
    this.initialBackoff = o.initialBackoffMs ?? INITIAL_BACKOFF_MS;
    this.maxBackoff = o.maxBackoffMs ?? MAX_BACKOFF_MS;
    this.maxUnschedulable = o.maxUnschedulableMs ?? MAX_UNSCHEDULABLE_MS;
    this.priorityOf = o.priorityOf ?? ((p) => p.spec?.priority ?? 0);
    this.lastFlush = this.now();
  }

  /** Starts the periodic flushes (backoff every second, unschedulable every 30 s). */
  start(): void {
    this.timer ??= setInterval(() => this.flush(), 1000);
    this.timer.unref?.();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  get length(): { active: number; backoff: number; unschedulable: number; inFlight: number } {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size, inFlight: this.inFlight.size };
  }

  has(key: string): boolean {
    return this.active.has(key) || this.backoff.has(key) || this.unschedulable.has(key) || this.inFlight.has(key);
  }

  /** A new or updated pending pod. Updates to parked pods' spec or labels move them back. */
  addOrUpdate(pod: PodView): void {
    const key = podKey(pod);
    const a = this.active.get(key);
    if (a) { a.pod = pod; return; }
    const b = this.backoff.get(key);
    if (b) { b.pod = pod; return; }
    const u = this.unschedulable.get(key);
    if (u) {
      const changed = JSON.stringify(u.pod.spec) !== JSON.stringify(pod.spec)
        || JSON.stringify(u.pod.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
      u.pod = pod;
      if (changed) { this.unschedulable.delete(key); this.requeue(u); }
      return;
    }
    if (this.inFlight.has(key)) return;
    const t = this.now();
    this.pushActive({ key, pod, timestamp: t, attempts: 0, lastFailure: 0, priority: this.priorityOf(pod) });
  }

  delete(key: string): void {
    this.active.remove(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
  }

  /** The next pod to schedule, waiting for one; undefined once closed. */
  pop(): Promise<QueuedPod | undefined> {
    const q = this.tryPop();
    if (q || this.closed) return Promise.resolve(q);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  tryPop(): QueuedPod | undefined {
    const q = this.active.pop();
    if (q) { q.attempts++; this.inFlight.set(q.key, this.moveCycle); }
    return q;
  }

  /** Scheduling of a popped pod ended (bound, given up, or requeued). */
  done(key: string): void { this.inFlight.delete(key); }

  /**
   * A popped pod could not be scheduled. When a cluster event arrived while it was being
   * scheduled it goes to backoff (the event may have helped); otherwise it is parked — unless
   * `error` (an error, not a fit failure): then it always backs off.
   */
  requeueFailed(q: QueuedPod, pod: PodView, error = false): void {
    const popped = this.inFlight.get(q.key);
    this.inFlight.delete(q.key);
    if (this.closed) return;
    q.pod = pod;
    q.lastFailure = this.now();
    q.priority = this.priorityOf(pod);
    if (error || (popped !== undefined && popped < this.moveCycle)) this.backoff.set(q.key, q);
    else this.unschedulable.set(q.key, q);
  }

  /** A cluster event that may make parked pods schedulable: move them all back. */
  moveAllToActiveOrBackoff(): void {
    this.moveCycle++;
    if (this.unschedulable.size === 0) return;
    for (const q of this.unschedulable.values()) this.requeue(q);
    this.unschedulable.clear();
  }

  backoffMs(q: QueuedPod): number {
    let d = this.initialBackoff;
    for (let i = 1; i < q.attempts && d < this.maxBackoff; i++) d *= 2;
    return Math.min(d, this.maxBackoff);
  }

  private requeue(q: QueuedPod): void {
    if (this.now() < q.lastFailure + this.backoffMs(q)) this.backoff.set(q.key, q);
    else this.pushActive(q);
  }

  private pushActive(q: QueuedPod): void {
    const w = this.waiters.shift();
    if (w) { q.attempts++; this.inFlight.set(q.key, this.moveCycle); w(q); return; }
    this.active.push(q);
  }

  /** Moves finished backoffs to active and long-parked pods back; called every second. */
  flush(): void {
    const t = this.now();
    for (const [key, q] of this.backoff) {
      if (t >= q.lastFailure + this.backoffMs(q)) { this.backoff.delete(key); this.pushActive(q); }
    }
    if (t - this.lastFlush < 30_000) return;
    this.lastFlush = t;
    for (const [key, q] of this.unschedulable) {
      if (t - q.lastFailure >= this.maxUnschedulable) { this.unschedulable.delete(key); this.requeue(q); }
    }
  }
}
