/**
 * Controller: level-based reconciliation. Informer events only put keys ("namespace/name") on a
 * de-duplicating work queue; N workers call reconcile(key), which reads the current state from the
 * informers' stores and writes through the client — it is never handed the event. A failure
 * requeues the key with per-key backoff; `requeueAfter` (ms) asks for another look later.
 */
import { deletedObject, keyOf, type HandlerRegistration, type Informer } from '../../client/index.js';
import type { KObject } from '../../api/index.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';
import { WorkQueue } from './work-queue.js';

export interface ReconcileResult {
  /** Look at the key again after this many milliseconds. */
  requeueAfter?: number;
  /** Look again soon, with the key's backoff. */
  requeue?: boolean;
}

export type Reconcile = (key: string) => Promise<ReconcileResult | void> | ReconcileResult | void;

/** Which keys to reconcile when an object changes (default: the object's own key). */
export type KeyMapper<T> = (obj: T) => string | string[] | undefined;

export interface ControllerOptions {
  name: string;
  reconcile: Reconcile;
  workers?: number;
  rateLimiter?: () => RateLimiter<string>;
  log?: (line: string) => void;
}

interface Source { informer: Informer<KObject>; map: KeyMapper<KObject> }

export class Controller {
  readonly name: string;
  private sources: Source[] = [];
  private registrations: HandlerRegistration[] = [];
  private workers: Promise<void>[] = [];
  private q?: WorkQueue<string>;
  private onStop?: () => void;
  private readonly log: (line: string) => void;

  constructor(private readonly opts: ControllerOptions) {
    this.name = opts.name;
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Reconciles the keys `map` gives for each changed object of this informer (old and new state). */
  watch<T extends KObject>(informer: Informer<T>, map?: KeyMapper<T>): this {
    this.sources.push({ informer: informer as unknown as Informer<KObject>, map: (map ?? keyOf) as KeyMapper<KObject> });
    return this;
  }

  /** The running queue (undefined while stopped). */
  get queue(): WorkQueue<string> | undefined {
    return this.q;
  }

  enqueue(key: string): void {
    this.q?.add(key);
  }

  enqueueAfter(key: string, ms: number): void {
    this.q?.addAfter(key, ms);
  }

  get running(): boolean {
    return this.q !== undefined;
  }

  /**
   * Starts: handlers on the informers (which the caller starts), then, once they have synced,
   * the workers. Resolves when the workers run, or false if stopped before the informers synced.
   */
  async start(): Promise<boolean> {
    if (this.q) return true;
    const q = new WorkQueue<string>(this.opts.rateLimiter?.() ?? defaultControllerRateLimiter<string>());
    this.q = q;
    const enqueue = (map: KeyMapper<KObject>, obj: KObject): void => {
      const keys = map(obj);
      if (typeof keys === 'string') q.add(keys);
      else if (keys) for (const k of keys) q.add(k);
    };
    for (const s of this.sources) {
      this.registrations.push(s.informer.addEventHandler({
        onAdd: (o) => enqueue(s.map, o),
        onUpdate: (old, cur) => {
          if (old !== cur && s.map !== keyOf) enqueue(s.map, old);
          enqueue(s.map, cur);
        },
        onDelete: (o) => enqueue(s.map, deletedObject(o)),
      }));
    }
    const stopped = new Promise<boolean>((resolve) => { this.onStop = () => resolve(false); });
    const synced = await Promise.race([Promise.all(this.sources.map((s) => s.informer.waitForSync())).then((r) => r.every(Boolean)), stopped]);
    if (this.q !== q || !synced) return false;
    for (let i = 0; i < (this.opts.workers ?? 1); i++) this.workers.push(this.work(q));
    return true;
  }

  /** Stops taking keys (queued ones are dropped) and waits for the reconciles in progress. */
  async stop(): Promise<void> {
    const q = this.q;
    if (!q) return;
    this.q = undefined;
    this.onStop?.();
    for (const r of this.registrations.splice(0)) r.remove();
    q.shutdown();
    await Promise.all(this.workers.splice(0));
  }

  private async work(q: WorkQueue<string>): Promise<void> {
    for (;;) {
      const key = await q.get();
      if (key === undefined) return;
      if (q.isShuttingDown()) {
        q.done(key);
        continue;
      }
      try {
        const r = await this.opts.reconcile(key);
        if (r && r.requeueAfter && r.requeueAfter > 0) {
          q.forget(key);
          q.addAfter(key, r.requeueAfter);
        } else if (r && r.requeue) {
          q.addRateLimited(key);
        } else {
          q.forget(key);
        }
      } catch (err) {
        q.addRateLimited(key);
        this.log(`${this.name}: reconcile ${key} failed (retry ${q.numRequeues(key)}): ${(err as Error).message}`);
      } finally {
        q.done(key);
      }
    }
  }
}
