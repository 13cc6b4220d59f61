/**
 * Work scheduled per key for a time (Kubernetes' TimedWorkerQueue): add(key, createdAt, fireAt)
 * runs the work once at fireAt; a key already present (scheduled, running or done) is not added
 * again; cancel() drops a scheduled key (and forgets a done one). Time is the given clock: a real
 * timer wakes the work up, and checkDue() also runs whatever the clock says is due (so a test's
 * clock can be moved forward).
 */

interface Work { createdAt: number; fireAt: number; timer?: NodeJS.Timeout; running: boolean }

export class TimedWorkers {
  /** null: the work ran successfully; kept so the key is not added again until cancelled. */
  private readonly works = new Map<string, Work | null>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly now: () => number, private readonly run: (key: string) => Promise<void>, private readonly log: (line: string) => void) {}

  /** The scheduled (not yet done) work of the key. */
  get(key: string): { createdAt: number; fireAt: number } | undefined {
    return this.works.get(key) ?? undefined;
  }

  has(key: string): boolean {
    return this.works.has(key);
  }

  add(key: string, createdAt: number, fireAt: number): void {
    if (this.works.has(key)) return;
    const w: Work = { createdAt, fireAt, running: false };
    this.works.set(key, w);
    this.arm(key, w);
  }

  /** Cancels scheduled work; true if there was some (a done key is only forgotten). */
  cancel(key: string): boolean {
    if (!this.works.has(key)) return false;
    const w = this.works.get(key);
    this.works.delete(key);
    if (!w) return false;
    clearTimeout(w.timer);
    return true;
  }

  /** Runs every work the clock says is due. */
  checkDue(): void {
    const t = this.now();
    for (const [key, w] of this.works) if (w && !w.running && w.fireAt <= t) this.fire(key, w);
  }

  /** Drops everything and waits for running work. */
  async clear(): Promise<void> {
    for (const w of this.works.values()) if (w) clearTimeout(w.timer);
    this.works.clear();
    await Promise.all([...this.inFlight]);
  }

  private arm(key: string, w: Work): void {
    const delay = Math.max(0, w.fireAt - this.now());
    w.timer = setTimeout(() => this.fire(key, w), Math.min(delay, 2 ** 31 - 1));
    w.timer.unref?.();
  }

  private fire(key: string, w: Work): void {
    if (w.running || this.works.get(key) !== w) return;
    if (w.fireAt > this.now()) {
      this.arm(key, w);
      return;
    }
    w.running = true;
    clearTimeout(w.timer);
    const p = this.run(key).then(
      () => { if (this.works.get(key) === w) this.works.set(key, null); },
      (err: Error) => {
        this.log(`${key}: ${err.message}`);
        if (this.works.get(key) === w) this.works.delete(key);
      },
    ).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }
}
