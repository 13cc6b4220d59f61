/**
 * A keyed work queue with a fixed number of workers, as client-go's workqueue: a key queued while
 * waiting is queued once; a key queued while being processed is processed again afterwards; never
 * two workers on one key. `addAfter` delays a key (the earliest request wins). This bounds the
 * simulated nodes' writes to `workers` requests in flight however many pods there are.
 */
export type SyncFn = (key: string) => Promise<void>;

export class WorkQueue {
  private queue: string[] = [];
  private head = 0;
  private queued = new Set<string>();
  private processing = new Set<string>();
  private dirty = new Set<string>();
  private timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private running = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly sync: SyncFn, private readonly workers: number, private readonly onError: (key: string, err: unknown) => void) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.processing.has(key)) { this.dirty.add(key); return; }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.pump();
  }

  addAfter(key: string, delayMs: number): void {
    if (this.stopped) return;
    if (delayMs <= 0) { this.add(key); return; }
    const at = Date.now() + delayMs;
    const existing = this.timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => { this.timers.delete(key); this.add(key); }, delayMs);
    timer.unref?.();
    this.timers.set(key, { at, timer });
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  /** Resolves when nothing is queued or being processed (delayed keys do not count). */
  idle(): Promise<void> {
    if (this.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t.timer);
    this.timers.clear();
    this.queue = [];
    this.head = 0;
    this.queued.clear();
  }

  private pump(): void {
    while (!this.stopped && this.running < this.workers && this.length > 0) {
      const key = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) { this.queue = this.queue.slice(this.head); this.head = 0; }
      this.queued.delete(key);
      this.processing.add(key);
      this.running++;
      this.sync(key).catch((err: unknown) => this.onError(key, err)).finally(() => {
        this.running--;
        this.processing.delete(key);
        if (this.dirty.delete(key)) this.add(key);
        this.pump();
        if (this.length === 0 && this.running === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }
}
