/**
 * The node lifecycle controller's per-zone tainting queue (Kubernetes' RateLimitedTimedQueue): node
 * names in order of when they are due, each at most once until removed, taken out by try() no
 * faster than a token bucket allows (burst 1; 0 QPS stops it). A value handled successfully stays
 * "seen" so it is not queued again until remove() — as when the node becomes Ready again.
 */

/** A token bucket on a given clock: qps tokens a second, holding at most `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(readonly qps: number, private readonly burst: number, private readonly now: () => number) {
    this.tokens = burst;
    this.last = now();
  }

  tryAccept(): boolean {
    if (this.qps <= 0) return false;
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.qps);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface Item { value: string; processAt: number }

export type QueueAction = (value: string) => Promise<{ done: boolean; retryAfterMs?: number }>;

export class RateLimitedTimedQueue {
  private items: Item[] = [];
  private readonly seen = new Set<string>();
  private limiter: TokenBucket;

  constructor(qps: number, private readonly now: () => number) {
    this.limiter = new TokenBucket(qps, 1, now);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  /** Queues the value unless it is already queued or was handled and not removed since. */
  add(value: string): boolean {
    if (this.seen.has(value)) return false;
    this.seen.add(value);
    this.items.push({ value, processAt: this.now() });
    this.sort();
    return true;
  }

  /** Takes the value out and forgets it was seen. True if it was known. */
  remove(value: string): boolean {
    if (!this.seen.delete(value)) return false;
    this.items = this.items.filter((i) => i.value !== value);
    return true;
  }

  has(value: string): boolean {
    return this.items.some((i) => i.value === value);
  }

  /** Changes the rate; a limiter that was exhausted leaves the new one exhausted too (burst 1). */
  swapLimiter(qps: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps, 1, this.now);
    if (qps > 0 && !this.limiter.tryAccept()) next.tryAccept();
    this.limiter = next;
  }

  /** Handles due values in order while the limiter allows; failed ones come back after their delay. */
  async try(fn: QueueAction): Promise<void> {
    for (let guard = this.items.length; guard > 0 && this.items.length > 0; guard--) {
      if (!this.limiter.tryAccept()) return;
      const head = this.items[0];
      const t = this.now();
      if (t < head.processAt) return;
      const r = await fn(head.value);
      const i = this.items.indexOf(head);
      if (i < 0) continue;
      if (r.done) {
        this.items.splice(i, 1);
      } else {
        head.processAt = t + (r.retryAfterMs ?? 0) + 1;
        this.sort();
      }
    }
  }

  private sort(): void {
    this.items.sort((a, b) => a.processAt - b.processAt);
  }
}
