/**
 * Empties namespaces that are being deleted, then removes the "kubernetes" finalizer so the
 * namespace itself goes. (A built-in stand-in for the namespace controller until controllers run
 * over the client; it works on the registry directly.)
 */
import type { KObject } from '../api/index.js';
import type { CacheEvent, WatchCache } from './cache/index.js';
import type { Registry } from './rest/registry.js';
import type { Scope } from './rest/scope.js';
import { storagePrefix } from './registry/resource-index.js';

const RETRY_MS = 1000;

export class NamespaceDeleter {
  private pending = new Set<string>();
  private running = false;
  private stopped = false;
  private cancel?: () => void;
  private timers = new Map<string, NodeJS.Timeout>();

  constructor(private registry: Registry, private cache: WatchCache) {}

  start(): void {
    const consider = (obj: KObject): void => {
      const fin = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
      if (obj.metadata.deletionTimestamp && fin.includes('kubernetes')) this.enqueue(obj.metadata.name ?? '');
    };
    for (const c of this.cache.list('/registry/core/namespaces/')) consider(c.obj);
    this.cancel = this.cache.watch('/registry/core/namespaces/', this.cache.currentRevision, (evs: CacheEvent[]) => {
      for (const e of evs) if (e.type !== 'DELETED') consider(e.object.obj);
    });
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private enqueue(name: string): void {
    this.pending.add(name);
    void this.run();
  }

  private async run(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      while (this.pending.size && !this.stopped) {
        const [name] = this.pending;
        this.pending.delete(name);
        const done = await this.empty(name).catch(() => false);
        if (!done && !this.timers.has(name)) {
          this.timers.set(name, setTimeout(() => {
            this.timers.delete(name);
            this.enqueue(name);
          }, RETRY_MS));
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Deletes what the namespace holds; finalizes it when nothing is left. Returns true when finished. */
  private async empty(ns: string): Promise<boolean> {
    const index = this.registry.index;
    let remaining = 0;
    for (const loc of index.storages()) {
      if (!loc.def.namespaced) continue;
      const scope: Scope = { def: loc.def, loc, namespace: ns };
      for (const c of this.cache.list(storagePrefix(loc, ns))) {
        remaining++;
        if (c.obj.metadata.deletionTimestamp) continue;
        await this.registry.delete(scope, c.obj.metadata.name ?? '', { propagationPolicy: 'Background' }).catch(() => undefined);
      }
    }
    if (remaining > 0) return false;
    const nsDef = index.lookup('', 'v1', 'namespaces');
    if (!nsDef) return true;
    const scope: Scope = { def: nsDef, loc: index.storageOf(nsDef) };
    await this.registry.guaranteedUpdate(scope, ns, (cur) => {
      const spec = (cur.spec ?? {}) as { finalizers?: string[] };
      cur.spec = { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== 'kubernetes') };
      return cur;
    }, { subresource: 'finalize' }).catch((err: { code?: number }) => {
      if (err.code !== 404) throw err;
    });
    return true;
  }
}
