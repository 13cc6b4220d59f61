/**
 * SyncRunner: runs one async function, never twice at once, coalescing requests. A request starts a
 * run as soon as `minIntervalMs` has passed since the last one began; requests made during a run
 * give exactly one more run after it. Without requests it still runs every `periodMs`, and after a
 * failure it tries again after `retryMs`.
 */
export interface SyncRunnerOptions {
  minIntervalMs: number;
  periodMs: number;
  retryMs: number;
  log?: (line: string) => void;
}

export class SyncRunner {
  private timer?: NodeJS.Timeout;
  private dueAt = Infinity;
  private running?: Promise<void>;
  private again = false;
  private lastStart = -Infinity;
  private stopped = true;
  private waiters: Array<() => void> = [];

  constructor(private readonly fn: () => Promise<void>, private readonly opts: SyncRunnerOptions) {}

  start(): void {
    this.stopped = false;
    this.request();
  }

  /** Asks for a run soon (coalesced with other requests). */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(Math.max(0, this.lastStart + this.opts.minIntervalMs - performance.now()));
  }

  /** Runs now (after the one in progress), and resolves when that run is over. */
  async runNow(): Promise<void> {
    while (this.running) await this.running;
    clearTimeout(this.timer);
    this.dueAt = Infinity;
    await this.runOnce();
  }

  /** Resolves after the next run that starts after this call has ended. */
  nextRun(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.dueAt = Infinity;
    while (this.running) await this.running;
    for (const w of this.waiters.splice(0)) w();
  }

  private schedule(delayMs: number): void {
    const at = performance.now() + delayMs;
    if (this.timer && at >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Infinity;
      void this.runOnce();
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    this.lastStart = performance.now();
    this.again = false;
    const waiters = this.waiters.splice(0);
    let failed = false;
    const run = (async () => {
      try {
        await this.fn();
      } catch (err) {
        failed = true;
        this.opts.log?.(`service proxy: sync failed: ${(err as Error).message}`);
      }
    })();
    this.running = run;
    await run;
    this.running = undefined;
    for (const w of waiters) w();
    if (this.stopped) return;
    if (this.again) this.request();
    else this.schedule(failed ? this.opts.retryMs : this.opts.periodMs);
  }
}
