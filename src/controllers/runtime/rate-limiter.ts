/**
 * Rate limiters for the work queue, after client-go's: how long an item waits before its next try.
 * The default for controllers is the larger of a per-item exponential backoff (5 ms doubling to
 * 1000 s) and an overall token bucket (10 per second, burst 100).
 */
export interface RateLimiter<T> {
  /** How long (ms) to wait before the item's next try; counts a failure. */
  when(item: T): number;
  /** The item succeeded: forget its failures. */
  forget(item: T): void;
  numRequeues(item: T): number;
}

/** Waits baseMs · 2^failures for each item, capped at maxMs. */
export class ItemExponentialRateLimiter<T> implements RateLimiter<T> {
  private failures = new Map<T, number>();

  constructor(private readonly baseMs = 5, private readonly maxMs = 1000_000) {}

  when(item: T): number {
    const n = this.failures.get(item) ?? 0;
    this.failures.set(item, n + 1);
    return Math.min(this.baseMs * 2 ** n, this.maxMs);
  }

  forget(item: T): void {
    this.failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.failures.get(item) ?? 0;
  }
}

/** A token bucket shared by all items: `burst` at once, then `qps` per second; each try takes a token. */
export class BucketRateLimiter<T> implements RateLimiter<T> {
  private tokens: number;
  private last: number;

  constructor(private readonly qps = 10, private readonly burst = 100, private readonly now: () => number = Date.now) {
    this.tokens = burst;
    this.last = now();
  }

  when(_item: T): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.qps);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  forget(_item: T): void {}

  numRequeues(_item: T): number {
    return 0;
  }
}

/** The longest wait of several limiters. */
export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  private readonly limiters: RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.limiters = limiters;
  }

  when(item: T): number {
    let ms = 0;
    for (const l of this.limiters) ms = Math.max(ms, l.when(item));
    return ms;
  }

  forget(item: T): void {
    for (const l of this.limiters) l.forget(item);
  }

  numRequeues(item: T): number {
    let n = 0;
    for (const l of this.limiters) n = Math.max(n, l.numRequeues(item));
    return n;
  }
}

export function defaultControllerRateLimiter<T>(): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(new ItemExponentialRateLimiter<T>(5, 1000_000), new BucketRateLimiter<T>(10, 100));
}
