/**
 * The back-off between deletions of failed daemon pods on one node (so the controller does not hot
 * loop against a kubelet that keeps rejecting the pod), as client-go's flowcontrol.Backoff: the
 * delay starts at 1 s and doubles on each further deletion up to 15 minutes; an entry untouched for
 * twice the maximum starts over.
 */
export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 15 * 60 * 1000;

interface Entry { delayMs: number; lastUpdate: number }

export class FailedPodBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly initialMs = INITIAL_BACKOFF_MS, private readonly maxMs = MAX_BACKOFF_MS) {}

  private expired(e: Entry, now: number): boolean {
    return now - e.lastUpdate > 2 * this.maxMs;
  }

  /** Still waiting since the last deletion for this key. */
  inBackoff(key: string, now: number): boolean {
    const e = this.entries.get(key);
    return !!e && !this.expired(e, now) && now - e.lastUpdate < e.delayMs;
  }

  /** The current delay for this key (0 when none). */
  delay(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** Records a deletion now: the next one waits twice as long (up to the maximum). */
  next(key: string, now: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(e, now)) this.entries.set(key, { delayMs: this.initialMs, lastUpdate: now });
    else { e.delayMs = Math.min(e.delayMs * 2, this.maxMs); e.lastUpdate = now; }
    for (const [k, v] of this.entries) if (this.expired(v, now)) this.entries.delete(k);
  }
}
