/**
 * Expectations, as the ReplicaSet controller keeps them: after asking for N creations or deletions
 * for a controller key, the controller waits until its informers have seen them before acting on
 * that key again (its cache would otherwise still show the old count and it would act twice).
 * Expectations older than the TTL (5 minutes) count as satisfied, so a lost event cannot wedge a
 * controller. Deletions can also be tracked by pod uid, so a delete seen twice counts once.
 */
export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

interface Expectation { add: number; del: number; at: number; uids?: Set<string> }

export class Expectations {
  private items = new Map<string, Expectation>();

  constructor(private readonly ttlMs = EXPECTATIONS_TTL_MS, private readonly now: () => number = Date.now) {}

  /** True when the key has no pending expectations (or they expired): the controller may act. */
  satisfied(key: string): boolean {
    const e = this.items.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.at > this.ttlMs;
  }

  /** Sets the counts (replacing any earlier expectation) and restarts the TTL. */
  set(key: string, add: number, del: number): void {
    this.items.set(key, { add, del, at: this.now() });
  }

  expectCreations(key: string, n: number): void {
    this.set(key, n, 0);
  }

  expectDeletions(key: string, n: number): void {
    this.set(key, 0, n);
  }

  /** Expects the deletion of these uids; each is counted once by deletionObserved(key, uid). */
  expectDeletionsOf(key: string, uids: string[]): void {
    this.items.set(key, { add: 0, del: uids.length, at: this.now(), uids: new Set(uids) });
  }

  /** Adds to the current expectation (without restarting its TTL). */
  raise(key: string, add: number, del: number): void {
    const e = this.items.get(key);
    if (!e) return this.set(key, add, del);
    e.add += add;
    e.del += del;
  }

  /** An informer saw one of the expected creations. */
  creationObserved(key: string): void {
    const e = this.items.get(key);
    if (e) e.add--;
  }

  /** An informer saw one of the expected deletions; with a uid, only an expected uid counts, once. */
  deletionObserved(key: string, uid?: string): void {
    const e = this.items.get(key);
    if (!e) return;
    if (e.uids && uid !== undefined) {
      if (!e.uids.delete(uid)) return;
    }
    e.del--;
  }

  /** What is still expected for a key. */
  pending(key: string): { add: number; del: number } | undefined {
    const e = this.items.get(key);
    return e ? { add: e.add, del: e.del } : undefined;
  }

  /** Forgets the key (its controller object was deleted). */
  delete(key: string): void {
    this.items.delete(key);
  }
}
