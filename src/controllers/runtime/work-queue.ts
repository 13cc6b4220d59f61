/**
 * WorkQueue, as client-go's rate-limited work queue: an item queued several times before a worker
 * takes it is handed out once; an item queued while a worker holds it is handed out again after
 * done(); never to two workers at once. addAfter() delays an item, addRateLimited() delays it by
 * its rate limiter (failures back off per item), forget() clears its failures. After shutdown()
 * get() still hands out what is queued, then undefined.
 */
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';

const MAX_TIMER_MS = 2 ** 31 - 1;

export class WorkQueue<T = string> {
  private queue: T[] = [];
  private head = 0;
  private dirty = new Set<T>();
  private processing = new Set<T>();
  private getters: Array<(item: T | undefined) => void> = [];
  private drainers: Array<() => void> = [];
  private waiting = new Map<T, { at: number; timer: NodeJS.Timeout }>();
  private shuttingDown = false;

  constructor(readonly rateLimiter: RateLimiter<T> = defaultControllerRateLimiter<T>()) {}

  add(item: T): void {
    if (this.shuttingDown || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    const getter = this.getters.shift();
    if (getter) getter(this.take(item));
    else this.queue.push(item);
  }

  /** Resolves with the next item (which the caller must pass to done()), or undefined once shut down and empty. */
  get(): Promise<T | undefined> {
    if (this.head < this.queue.length) {
      const item = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve(this.take(item));
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** The worker is finished with the item; if it was added meanwhile it is queued again. */
  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) {
      const getter = this.getters.shift();
      if (getter) getter(this.take(item));
      else this.queue.push(item);
    }
    if (this.shuttingDown && this.processing.size === 0) for (const d of this.drainers.splice(0)) d();
  }

  /** Items waiting to be handed out (not counting delayed ones). */
  len(): number {
    return this.queue.length - this.head;
  }

  /** Adds the item after ms; an item already waiting keeps the earlier of the two times. */
  addAfter(item: T, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(item);
    const at = Date.now() + ms;
    const w = this.waiting.get(item);
    if (w && w.at <= at) return;
    if (w) clearTimeout(w.timer);
    this.arm(item, at);
  }

  /** Node fires timers longer than 2^31-1 ms at once: wait in steps no longer than that. */
  private arm(item: T, at: number): void {
    const left = at - Date.now();
    const timer = setTimeout(() => {
      if (at > Date.now()) return this.arm(item, at);
      this.waiting.delete(item);
      this.add(item);
    }, Math.min(Math.max(left, 0), MAX_TIMER_MS));
    this.waiting.set(item, { at, timer });
  }

  addRateLimited(item: T): void {
    this.addAfter(item, this.rateLimiter.when(item));
  }

  forget(item: T): void {
    this.rateLimiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.rateLimiter.numRequeues(item);
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Stops accepting items and drops delayed ones; waiting get()s resolve undefined. */
  shutdown(): void {
    this.shuttingDown = true;
    for (const w of this.waiting.values()) clearTimeout(w.timer);
    this.waiting.clear();
    for (const g of this.getters.splice(0)) g(undefined);
    if (this.processing.size === 0) for (const d of this.drainers.splice(0)) d();
  }

  /** Shuts down and resolves once no item is being processed. */
  shutdownWithDrain(): Promise<void> {
    const drained = this.processing.size === 0 ? Promise.resolve() : new Promise<void>((r) => this.drainers.push(r));
    this.shutdown();
    return drained;
  }

  private take(item: T): T {
    this.processing.add(item);
    this.dirty.delete(item);
    return item;
  }
}
