/**
 * The watch cache: one backend watch on /registry/ feeds an in-memory copy of every object and a
 * window of recent events. LIST, GET with resourceVersion=0 and WATCH are served from it.
 */
import type { Backend, WatchEvent } from '../../storage/index.js';
import { decodeStored, type CachedObject } from './cached-object.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CacheEvent {
  type: CacheEventType;
  key: string;
  rev: number;
  /** The object after the event (for DELETED: its last state, with resourceVersion = the delete revision). */
  object: CachedObject;
  /** The object before the event, for MODIFIED and DELETED. */
  prev?: CachedObject;
}

export interface CacheWatcher {
  prefix: string;
  deliver(events: CacheEvent[]): void;
}

const ROOT = '/registry/';
const WINDOW = 50_000;
/** Revisions of history loaded into the event window at start. */
const HISTORY_ON_START = 1000;

export class WatchCache {
  private objects = new Map<string, CachedObject>();
  private sortedKeys: string[] | undefined;
  private window: CacheEvent[] = [];
  /** Events with revision > windowStart are all in the window. */
  private windowStart = 0;
  private revision = 0;
  private waiters: Array<{ rev: number; resolve: () => void }> = [];
  private watchers = new Set<CacheWatcher>();
  private cancelWatch?: () => void;
  private failed?: Error;

  constructor(private readonly backend: Backend) {}

  async start(): Promise<void> {
    let startKey: string | undefined;
    let rev = 0;
    for (;;) {
      const page = await this.backend.list(ROOT, { revision: rev || undefined, limit: 10_000, startKey });
      rev = page.revision;
      for (const kv of page.items) this.objects.set(kv.key, decodeStored(kv.key, kv.value, kv.modRevision));
      if (!page.more || page.items.length === 0) break;
      startKey = `${page.items[page.items.length - 1].key}\0`;
    }
    this.revision = rev;
    // Replay recent history into the event window (not into the state, which is already at rev), so
    // that watches resuming from a revision before a restart still get their events.
    const compacted = await this.backend.compactRevision();
    const historyFrom = Math.max(compacted, rev - HISTORY_ON_START, 0);
    this.windowStart = historyFrom;
    const handle = this.backend.watch(ROOT, historyFrom, {
      onEvents: (evs) => {
        const old = evs.filter((e) => e.revision <= rev);
        if (old.length) {
          this.remember(old);
          if (old[old.length - 1].revision >= rev) this.historyDone?.();
        }
        const live = old.length ? evs.filter((e) => e.revision > rev) : evs;
        if (live.length) this.apply(live);
      },
      onError: (err) => { this.failed = err; },
    });
    this.cancelWatch = () => handle.cancel();
    if (historyFrom < rev) {
      const caughtUp = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000);
        this.historyDone = () => { clearTimeout(timer); resolve(true); };
        if (this.window.length && this.window[this.window.length - 1].rev >= rev) this.historyDone();
      });
      this.historyDone = undefined;
      if (!caughtUp) {
        this.window = this.window.filter((e) => e.rev > rev);
        this.windowStart = rev;
      }
    }
  }

  private historyDone?: () => void;

  stop(): void {
    this.cancelWatch?.();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }

  get currentRevision(): number {
    return this.revision;
  }

  /** The oldest revision after which every event is still in the window. */
  get oldestRevision(): number {
    return this.windowStart;
  }

  /** Adds past events to the window without touching the state. */
  private remember(evs: WatchEvent[]): void {
    for (const ev of evs) {
      const key = ev.kv.key;
      if (ev.type === 'put') {
        const cur = decodeStored(key, ev.kv.value, ev.revision);
        const prev = ev.prevKv ? decodeStored(key, ev.prevKv.value, ev.prevKv.modRevision) : undefined;
        this.window.push({ type: prev ? 'MODIFIED' : 'ADDED', key, rev: ev.revision, object: cur, prev });
      } else {
        const last = decodeStored(key, ev.prevKv?.value ?? ev.kv.value, ev.revision);
        const prev = ev.prevKv ? decodeStored(key, ev.prevKv.value, ev.prevKv.modRevision) : undefined;
        this.window.push({ type: 'DELETED', key, rev: ev.revision, object: last, prev });
      }
    }
  }

  private apply(evs: WatchEvent[]): void {
    const out: CacheEvent[] = [];
    for (const ev of evs) {
      const key = ev.kv.key;
      const prev = this.objects.get(key);
      if (ev.type === 'put') {
        const cur = decodeStored(key, ev.kv.value, ev.revision);
        if (!prev) this.sortedKeys = undefined;
        this.objects.set(key, cur);
        out.push({ type: prev ? 'MODIFIED' : 'ADDED', key, rev: ev.revision, object: cur, prev });
      } else {
        const last = decodeStored(key, ev.prevKv?.value ?? ev.kv.value, ev.revision);
        this.objects.delete(key);
        this.sortedKeys = undefined;
        out.push({ type: 'DELETED', key, rev: ev.revision, object: last, prev });
      }
      this.revision = Math.max(this.revision, ev.revision);
    }
    this.window.push(...out);
    if (this.window.length > WINDOW) {
      const drop = this.window.length - WINDOW;
      this.windowStart = this.window[drop - 1].rev;
      this.window.splice(0, drop);
    }
    for (const w of this.watchers) {
      const mine = out.filter((e) => e.key.startsWith(w.prefix));
      if (mine.length) w.deliver(mine);
    }
    if (this.waiters.length) {
      const ready = this.waiters.filter((w) => w.rev <= this.revision);
      this.waiters = this.waiters.filter((w) => w.rev > this.revision);
      for (const w of ready) w.resolve();
    }
  }

  /** Resolves once the cache has seen revision rev (or after timeoutMs; then returns false). */
  async waitFor(rev: number, timeoutMs = 3000): Promise<boolean> {
    if (this.failed) throw this.failed;
    if (rev <= this.revision) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== entry);
        resolve(false);
      }, timeoutMs);
      const entry = { rev, resolve: () => { clearTimeout(timer); resolve(true); } };
      this.waiters.push(entry);
    });
  }

  get(key: string): CachedObject | undefined {
    return this.objects.get(key);
  }

  /** Objects under prefix, in key order. */
  list(prefix: string): CachedObject[] {
    this.sortedKeys ??= [...this.objects.keys()].sort();
    const keys = this.sortedKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    const out: CachedObject[] = [];
    for (let i = lo; i < keys.length && keys[i].startsWith(prefix); i++) {
      const o = this.objects.get(keys[i]);
      if (o) out.push(o);
    }
    return out;
  }

  count(prefix: string): number {
    return this.list(prefix).length;
  }

  /**
   * Watches prefix from afterRev: replays the window's events after it, then live ones. Returns
   * undefined when afterRev is older than the window (the caller answers 410 Gone).
   */
  watch(prefix: string, afterRev: number, deliver: (events: CacheEvent[]) => void): (() => void) | undefined {
    if (afterRev < this.windowStart) return undefined;
    const w: CacheWatcher = { prefix, deliver };
    const backlog = this.window.filter((e) => e.rev > afterRev && e.key.startsWith(prefix));
    this.watchers.add(w);
    if (backlog.length) deliver(backlog);
    return () => { this.watchers.delete(w); };
  }
}
