/**
 * The kubelet's restart back-off for crashing containers (client-go flowcontrol.Backoff as the
 * kubelet uses it): the first restart is immediate; after that a container that exited at time t
 * waits until t + delay, the delay doubling from 10 s to 300 s; a container that ran longer than
 * twice the maximum since the last restart starts over from the initial delay.
 */
export class CrashBackOff {
  private readonly entries = new Map<string, { delayMs: number; lastUpdate: number }>();

  constructor(private readonly initialMs = 10_000, private readonly maxMs = 300_000) {}

  /** Milliseconds left to wait before restarting a container that exited at `exitedAt`; 0 = restart now. */
  remaining(key: string, exitedAt: number, now = Date.now()): number {
    const e = this.entries.get(key);
    if (e === undefined || exitedAt - e.lastUpdate > 2 * this.maxMs) return 0;
    return Math.max(0, exitedAt + e.delayMs - now);
  }

  /** The delay now in force for key (for the CrashLoopBackOff message). */
  delay(key: string): number {
    return this.entries.get(key)?.delayMs ?? this.initialMs;
  }

  /** Records a restart of a container that exited at `exitedAt`. */
  next(key: string, exitedAt: number): void {
    const e = this.entries.get(key);
    if (e === undefined || exitedAt - e.lastUpdate > 2 * this.maxMs) {
      this.entries.set(key, { delayMs: this.initialMs, lastUpdate: exitedAt });
      return;
    }
    e.delayMs = Math.min(e.delayMs * 2, this.maxMs);
    e.lastUpdate = exitedAt;
  }

  forget(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
