/** The memory:// Backend: a MemoryStore behind the async contract, with in-process watches. */
import type { Backend, KeyValue, ListOptions, ListResult, WatchCallbacks, WatchEvent, WatchHandle } from '../backend.js';
import { rangeStart } from '../keys.js';
import { compactTarget, readRevision } from '../revisions.js';
import { WatchHub } from '../watch-hub.js';
import { MemoryStore } from './memory-store.js';

/** Events per onEvents call when replaying history. */
const REPLAY_PAGE = 500;

export class MemoryBackend implements Backend {
  private readonly store = new MemoryStore();
  private readonly hub: WatchHub;
  private closed = false;

  constructor() {
    const store = this.store;
    this.hub = new WatchHub({
      currentRevision: () => store.revision,
      compactRevision: () => store.compacted,
      replay: (prefix, afterRev, uptoRev, deliver) => {
        const events = store.events(prefix, afterRev, uptoRev);
        for (let i = 0; i < events.length; i += REPLAY_PAGE) deliver(events.slice(i, i + REPLAY_PAGE));
      },
    });
  }

  async get(key: string, rev?: number): Promise<KeyValue | undefined> {
    this.checkOpen('read');
    return this.store.get(key, readRevision(rev, this.store.revision, this.store.compacted));
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen('list');
    const revision = readRevision(opts.revision, this.store.revision, this.store.compacted);
    const all = this.store.keys(prefix, rangeStart(prefix, opts.startKey), revision);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : all.length;
    const items = all.slice(0, limit);
    const remaining = all.length - items.length;
    return { items, revision, more: remaining > 0, remaining };
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen('count');
    return this.store.keys(prefix, prefix, this.store.revision).length;
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.checkOpen('write');
    return this.publish(this.store.create(key, value)).kv;
  }

  async update(key: string, value: string, expectedRev: number): Promise<KeyValue> {
    this.checkOpen('write');
    return this.publish(this.store.update(key, value, expectedRev)).kv;
  }

  async delete(key: string, expectedRev: number): Promise<KeyValue> {
    this.checkOpen('write');
    return this.publish(this.store.delete(key, expectedRev)).kv;
  }

  watch(prefix: string, afterRev: number, cb: WatchCallbacks): WatchHandle {
    this.checkOpen('watch');
    return this.hub.watch(prefix, afterRev, cb);
  }

  async compact(rev: number): Promise<void> {
    this.checkOpen('compact');
    const target = compactTarget(rev, this.store.revision, this.store.compacted);
    if (target !== undefined) this.store.compact(target);
  }

  async currentRevision(): Promise<number> {
    return this.store.revision;
  }

  async compactRevision(): Promise<number> {
    return this.store.compacted;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.hub.closeAll();
  }

  private publish(event: WatchEvent): WatchEvent {
    this.hub.publish([event]);
    return event;
  }

  private checkOpen(action: string): void {
    if (this.closed) throw new Error(`Cannot ${action}: the memory backend is closed`);
  }
}
