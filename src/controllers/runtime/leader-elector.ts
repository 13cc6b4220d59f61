/**
 * Leader election on a coordination.k8s.io/v1 Lease, as client-go's leaderelection does it, so that
 * when several servers share one store only one of them runs the controllers. A candidate takes the
 * lease when it is free (no holder) or when nobody has renewed it for leaseDurationSeconds, as
 * observed on the candidate's own clock; the leader renews every retry period and gives up when it
 * could not renew within the renew deadline. Stopping releases the lease so another candidate can
 * take over at once.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KObject } from '../../api/index.js';
import { Backoff, isNotFound, LEASES, sleep, type Clientset, type ResourceClient } from '../../client/index.js';
import { microTime } from './micro-time.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KObject { spec?: LeaseSpec }

export interface LeaderElectorOptions {
  clientset: Clientset;
  namespace?: string;
  name: string;
  /** Unique per candidate; default `<hostname>_<uuid>`. */
  identity?: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
  /** Give the lease up on stop() (default true). */
  releaseOnStop?: boolean;
  onStartedLeading?: () => void;
  onStoppedLeading?: () => void;
  onNewLeader?: (identity: string) => void;
  log?: (line: string) => void;
}

export class LeaderElector {
  readonly identity: string;
  private readonly leases: ResourceClient<Lease>;
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly log: (line: string) => void;
  private lease?: Lease;
  private observedRaw = '';
  private observedTime = 0;
  private observedHolder = '';
  private leading = false;
  private abort?: AbortController;
  private loop: Promise<void> = Promise.resolve();

  constructor(private readonly o: LeaderElectorOptions) {
    this.identity = o.identity ?? `${hostname()}_${randomUUID()}`;
    this.leases = o.clientset.resource<Lease>(LEASES).namespace(o.namespace ?? 'kube-system');
    this.leaseDurationMs = o.leaseDurationMs ?? 15_000;
    this.renewDeadlineMs = o.renewDeadlineMs ?? 10_000;
    this.retryPeriodMs = o.retryPeriodMs ?? 2_000;
    if (this.leaseDurationMs <= this.renewDeadlineMs) throw new Error('Cannot elect: leaseDuration must be greater than renewDeadline');
    this.log = o.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The holder last seen on the lease. */
  get leader(): string {
    return this.observedHolder;
  }

  /** Campaigns until stopped; after losing the lease it campaigns again. */
  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loop = this.run(abort.signal);
  }

  async stop(): Promise<void> {
    const abort = this.abort;
    if (!abort) return;
    this.abort = undefined;
    abort.abort();
    await this.loop;
    if (!this.leading) return;
    if (this.o.releaseOnStop ?? true) await this.release();
    this.setLeading(false);
  }

  private async run(signal: AbortSignal): Promise<void> {
    const jitter = new Backoff({ initialMs: this.retryPeriodMs, factor: 1, jitter: 1.2 });
    while (!signal.aborted) {
      if (!(await this.attempt())) {
        await sleep(jitter.next(), signal);
        continue;
      }
      this.setLeading(true);
      let lastRenew = Date.now();
      while (!signal.aborted) {
        await sleep(this.retryPeriodMs, signal);
        if (signal.aborted) return;
        if (await this.attempt()) lastRenew = Date.now();
        else if (Date.now() - lastRenew >= this.renewDeadlineMs) break;
      }
      this.log(`leader election: ${this.identity} lost lease ${this.o.name}`);
      this.setLeading(false);
    }
  }

  private setLeading(on: boolean): void {
    if (this.leading === on) return;
    this.leading = on;
    try {
      if (on) this.o.onStartedLeading?.();
      else this.o.onStoppedLeading?.();
    } catch (err) {
      this.log(`leader election: callback failed: ${(err as Error).message}`);
    }
  }

  /** One try to acquire or renew, bounded in time by the renew deadline. */
  private async attempt(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), this.renewDeadlineMs); });
    try {
      return await Promise.race([this.tryAcquireOrRenew(), timeout]);
    } catch (err) {
      this.log(`leader election: cannot acquire or renew lease ${this.o.name}: ${(err as Error).message}`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = microTime();
    const desired: LeaseSpec = {
      holderIdentity: this.identity, leaseDurationSeconds: Math.max(1, Math.ceil(this.leaseDurationMs / 1000)),
      acquireTime: now, renewTime: now, leaseTransitions: 0,
    };
    // Leading: renew from the copy we hold; a conflict falls through to reading the lease.
    if (this.leading && this.lease) {
      const spec = this.lease.spec ?? {};
      try {
        this.observe(await this.leases.update({ ...this.lease, spec: { ...desired, acquireTime: spec.acquireTime, leaseTransitions: spec.leaseTransitions ?? 0 } }));
        return true;
      } catch { /* read it below */ }
    }
    let current: Lease;
    try {
      current = await this.leases.get(this.o.name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      const created = await this.leases.create({
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.o.name }, spec: desired,
      }).catch(() => undefined);
      if (!created) return false;
      this.observe(created);
      return true;
    }
    this.observe(current);
    const spec = current.spec ?? {};
    const holder = spec.holderIdentity ?? '';
    const validUntil = this.observedTime + (spec.leaseDurationSeconds ?? 0) * 1000;
    if (holder && holder !== this.identity && validUntil > Date.now()) return false;
    if (holder === this.identity) {
      desired.acquireTime = spec.acquireTime;
      desired.leaseTransitions = spec.leaseTransitions ?? 0;
    } else {
      desired.leaseTransitions = (spec.leaseTransitions ?? 0) + 1;
    }
    const updated = await this.leases.update({ ...current, spec: desired }).catch(() => undefined);
    if (!updated) return false;
    this.observe(updated);
    return true;
  }

  /** Notes the lease; the local observation time moves only when its content changed. */
  private observe(lease: Lease): void {
    this.lease = lease;
    const raw = JSON.stringify(lease.spec ?? {});
    if (raw === this.observedRaw) return;
    this.observedRaw = raw;
    this.observedTime = Date.now();
    const holder = lease.spec?.holderIdentity ?? '';
    if (holder !== this.observedHolder) {
      this.observedHolder = holder;
      if (holder) this.o.onNewLeader?.(holder);
    }
  }

  /** Empties the holder (a renewal still in flight may have moved the lease on: then read it again). */
  private async release(): Promise<void> {
    for (let tries = 0; this.lease && tries < 3; tries++) {
      if (this.lease.spec?.holderIdentity !== this.identity) return;
      const now = microTime();
      const spec: LeaseSpec = {
        holderIdentity: '', leaseDurationSeconds: 1, acquireTime: now, renewTime: now,
        leaseTransitions: this.lease.spec?.leaseTransitions ?? 0,
      };
      try {
        this.observe(await this.leases.update({ ...this.lease, spec }));
        return;
      } catch (err) {
        this.log(`leader election: cannot release lease ${this.o.name}: ${(err as Error).message}`);
        this.lease = await this.leases.get(this.o.name).catch(() => undefined);
      }
    }
  }
}
