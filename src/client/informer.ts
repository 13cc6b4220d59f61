/**
 * Informer: keeps a local, indexed copy of one resource by listing it and then watching from the
 * list's resourceVersion (with bookmarks), and tells handlers about adds, updates and deletes in
 * the order the server made them. When the watch breaks it resumes from the last resourceVersion
 * seen; when that is too old (410) or the server says ERROR it lists again, turning objects that
 * vanished meanwhile into deletes carrying a DeletedFinalStateUnknown marker. Retries back off.
 */
import type { KObject } from '../api/index.js';
import { StatusError } from '../api/index.js';
import { Backoff, sleep, type BackoffOptions } from './backoff.js';
import type { ResourceClient, WatchEvent } from './resource-client.js';
import { keyOf, Store, type IndexFunc } from './store.js';

/** A delete seen only through a re-list: the object is gone, and this is the last state we had. */
export interface DeletedFinalStateUnknown<T> { kind: 'DeletedFinalStateUnknown'; key: string; obj: T }

export function isDeletedFinalStateUnknown<T>(x: T | DeletedFinalStateUnknown<T>): x is DeletedFinalStateUnknown<T> {
  return (x as { kind?: string }).kind === 'DeletedFinalStateUnknown';
}

/** The object of a delete notification, whichever way it was seen. */
export function deletedObject<T>(x: T | DeletedFinalStateUnknown<T>): T {
  return isDeletedFinalStateUnknown(x) ? x.obj : x;
}

export interface EventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void;
  /** Also called with old === new on each resync. */
  onUpdate?(oldObj: T, newObj: T): void;
  /** The object's last state as the server sent it, or a marker when the delete was seen by re-listing. */
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerRegistration { remove(): void }

export interface InformerOptions<T> {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Every period, each handler gets onUpdate(obj, obj) for every stored object. 0: never. */
  resyncPeriodMs?: number;
  indexers?: Record<string, IndexFunc<T>>;
  /** List in pages of this size; 0 (default): one request, served from the server's cache. */
  pageSize?: number;
  backoff?: BackoffOptions;
  /** Where failures of lists, watches and handlers are reported. */
  log?: (line: string) => void;
}

/** Watches shorter than this that end without an event count as failures (no tight loops). */
const SHORT_WATCH_MS = 1000;
/** A watch healthy for this long resets the backoff. */
const HEALTHY_MS = 60_000;

export class Informer<T extends KObject = KObject> {
  readonly store: Store<T>;
  private lastRv = '';
  private handlers = new Set<EventHandler<T>>();
  private synced = false;
  private syncWaiters: Array<(ok: boolean) => void> = [];
  private abort?: AbortController;
  private stopWatch?: () => void;
  private resyncTimer?: NodeJS.Timeout;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly client: ResourceClient<T>;
  private readonly log: (line: string) => void;

  constructor(client: ResourceClient<T>, private readonly opts: InformerOptions<T> = {}) {
    this.client = opts.namespace ? client.namespace(opts.namespace) : client;
    this.store = new Store<T>(opts.indexers);
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** The resourceVersion the store is known to be current at. */
  get lastSyncResourceVersion(): string {
    return this.lastRv;
  }

  get resource(): string {
    return this.client.info.resource;
  }

  /**
   * Adds a handler. On an informer that already has objects, the handler first gets an add for
   * each of them (isInInitialList true), before any later event.
   */
  addEventHandler(h: EventHandler<T>): HandlerRegistration {
    this.handlers.add(h);
    if (h.onAdd) for (const obj of this.store.values()) this.call(() => h.onAdd?.(obj, true));
    return { remove: () => { this.handlers.delete(h); } };
  }

  addIndexers(indexers: Record<string, IndexFunc<T>>): void {
    this.store.addIndexers(indexers);
  }

  get running(): boolean {
    return this.abort !== undefined;
  }

  start(): void {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    this.loopDone = this.run(abort.signal);
    if (this.opts.resyncPeriodMs) this.resyncTimer = setInterval(() => this.resync(), this.opts.resyncPeriodMs);
  }

  async stop(): Promise<void> {
    const abort = this.abort;
    if (!abort) return;
    this.abort = undefined;
    abort.abort();
    this.stopWatch?.();
    clearInterval(this.resyncTimer);
    for (const w of this.syncWaiters.splice(0)) w(false);
    await this.loopDone;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves true once the first list is in the store; false if stopped (or timed out) first. */
  waitForSync(timeoutMs?: number): Promise<boolean> {
    if (this.synced) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = timeoutMs === undefined ? undefined : setTimeout(() => resolve(false), timeoutMs);
      this.syncWaiters.push((ok) => { clearTimeout(t); resolve(ok); });
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff(this.opts.backoff);
    let needList = true;
    while (!signal.aborted) {
      try {
        if (needList) {
          await this.relist(signal);
          needList = false;
          // Stopped during the list: do not open a watch nothing would close.
          if (signal.aborted) return;
        }
        const started = Date.now();
        const { err, events } = await this.watch(signal);
        if (signal.aborted) return;
        const lasted = Date.now() - started;
        if (lasted > HEALTHY_MS) backoff.reset();
        if (!err && (events > 0 || lasted >= SHORT_WATCH_MS)) continue;
        if (err instanceof StatusError) {
          // 410 Expired/Gone, or any other ERROR: the watch cannot resume; list again.
          needList = true;
          if (err.code === 410) continue;
        }
        this.log(`${this.resource} informer: watch ended: ${err?.message ?? 'very short watch'}`);
      } catch (err) {
        if (signal.aborted) return;
        this.log(`${this.resource} informer: list failed: ${(err as Error).message}`);
      }
      await sleep(backoff.next(), signal);
    }
  }

  private async relist(signal: AbortSignal): Promise<void> {
    const list = await this.client.list({
      labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector, limit: this.opts.pageSize || undefined,
    });
    if (signal.aborted) return;
    const initial = !this.synced;
    const seen = new Set<string>();
    for (const obj of list.items) {
      const key = keyOf(obj);
      seen.add(key);
      const old = this.store.set(key, obj);
      if (!old) this.emit((h) => h.onAdd?.(obj, initial));
      else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion) this.emit((h) => h.onUpdate?.(old, obj));
    }
    for (const key of this.store.keys()) {
      if (seen.has(key)) continue;
      const last = this.store.delete(key) as T;
      const marker: DeletedFinalStateUnknown<T> = { kind: 'DeletedFinalStateUnknown', key, obj: last };
      this.emit((h) => h.onDelete?.(marker));
    }
    this.lastRv = list.resourceVersion;
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w(true);
    }
  }

  /** One watch from lastSyncResourceVersion, until it ends; resolves with why and how many events came. */
  private watch(signal: AbortSignal): Promise<{ err?: Error; events: number }> {
    return new Promise((resolve) => {
      let events = 0;
      const stop = this.client.watch({
        resourceVersion: this.lastRv, allowWatchBookmarks: true,
        labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector,
        timeoutSeconds: Math.floor(300 + Math.random() * 300),
      }, {
        onEvent: (e) => {
          if (signal.aborted) return;
          events++;
          this.apply(e);
        },
        onEnd: (err) => { this.stopWatch = undefined; resolve({ err, events }); },
      });
      this.stopWatch = () => { stop(); resolve({ events }); };
    });
  }

  private apply(e: WatchEvent<T>): void {
    const obj = e.object;
    const rv = obj.metadata.resourceVersion;
    if (e.type !== 'BOOKMARK') {
      const key = keyOf(obj);
      if (e.type === 'DELETED') {
        this.store.delete(key);
        this.emit((h) => h.onDelete?.(obj));
      } else {
        const old = this.store.set(key, obj);
        if (old) this.emit((h) => h.onUpdate?.(old, obj));
        else this.emit((h) => h.onAdd?.(obj, false));
      }
    }
    if (rv) this.lastRv = rv;
  }

  private resync(): void {
    if (!this.synced) return;
    for (const obj of this.store.values()) this.emit((h) => h.onUpdate?.(obj, obj));
  }

  private emit(fn: (h: EventHandler<T>) => void): void {
    for (const h of this.handlers) this.call(() => fn(h));
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log(`${this.resource} informer: handler failed: ${(err as Error).message}`);
    }
  }
}
