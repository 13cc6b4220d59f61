/**
 * In-process watch fan-out for the drivers that own their log (memory and sqlite). A new watcher first
 * replays history from the driver, then receives every committed batch whose keys match its prefix.
 */
import type { WatchCallbacks, WatchEvent, WatchHandle } from './backend.js';
import { CompactedError } from './errors.js';

/** What the hub needs from a driver: its revisions and a synchronous history reader. */
export interface HistorySource {
  currentRevision(): number;
  compactRevision(): number;
  /** Calls deliver (possibly several times) with the events under prefix in (afterRev, uptoRev], in order. */
  replay(prefix: string, afterRev: number, uptoRev: number, deliver: (events: WatchEvent[]) => void): void;
}

interface Watcher {
  readonly prefix: string;
  readonly cb: WatchCallbacks;
  /** Newest revision delivered (or covered by the replay). */
  lastRev: number;
  live: boolean;
  closed: boolean;
}

export class WatchHub {
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly source: HistorySource) {}

  watch(prefix: string, afterRev: number, cb: WatchCallbacks): WatchHandle {
    const watcher: Watcher = { prefix, cb, lastRev: afterRev, live: false, closed: false };
    this.watchers.add(watcher);
    queueMicrotask(() => this.start(watcher));
    return { cancel: () => this.remove(watcher) };
  }

  /** Delivers the events of one committed batch (in revision order) to the live watchers. */
  publish(events: WatchEvent[]): void {
    if (events.length === 0) return;
    for (const watcher of this.watchers) {
      if (!watcher.live) continue;
      const matching = events.filter((e) => e.revision > watcher.lastRev && e.kv.key.startsWith(watcher.prefix));
      if (matching.length > 0) this.deliver(watcher, matching);
      else watcher.lastRev = Math.max(watcher.lastRev, events[events.length - 1].revision);
    }
  }

  /** Stops every watcher without notifying it (the backend is closing). */
  closeAll(): void {
    for (const watcher of this.watchers) watcher.closed = true;
    this.watchers.clear();
  }

  private start(watcher: Watcher): void {
    if (watcher.closed) return;
    const compacted = this.source.compactRevision();
    if (watcher.lastRev < compacted) {
      this.fail(watcher, new CompactedError(watcher.lastRev, compacted));
      return;
    }
    const upto = this.source.currentRevision();
    try {
      this.source.replay(watcher.prefix, watcher.lastRev, upto, (events) => this.deliver(watcher, events));
    } catch (err) {
      this.fail(watcher, err instanceof Error ? err : new Error(String(err)));
      return;
    }
    if (watcher.closed) return;
    watcher.lastRev = Math.max(watcher.lastRev, upto);
    watcher.live = true;
  }

  private deliver(watcher: Watcher, events: WatchEvent[]): void {
    if (watcher.closed || events.length === 0) return;
    watcher.lastRev = events[events.length - 1].revision;
    try {
      watcher.cb.onEvents(events);
    } catch (err) {
      this.fail(watcher, err instanceof Error ? err : new Error(String(err)));
    }
  }

  private fail(watcher: Watcher, err: Error): void {
    if (watcher.closed) return;
    this.remove(watcher);
    try {
      watcher.cb.onError(err);
    } catch (thrown) {
      // A throwing error handler is a bug in the consumer: surface it without breaking the writer.
      setImmediate(() => {
        throw thrown;
      });
    }
  }

  private remove(watcher: Watcher): void {
    watcher.closed = true;
    this.watchers.delete(watcher);
  }
}
