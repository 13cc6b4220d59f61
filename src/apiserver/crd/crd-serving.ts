/**
 * Serves the custom resources of every CustomResourceDefinition in the store: a watch on the
 * server's own cache of CRDs (so every API server over a shared etcd serves them, with no leader)
 * registers each CRD's ResourceDefs in the ResourceIndex, replaces them when the CRD changes and
 * removes them when it is gone. A CRD being deleted holds the customresourcecleanup finalizer: this
 * deletes its custom resources, then removes the finalizer, and with it the CRD.
 */
import type { KObject } from '../../api/index.js';
import type { Registry } from '../rest/registry.js';
import type { Scope } from '../rest/scope.js';
import { CLEANUP_FINALIZER, type Crd } from './crd-types.js';
import { customResourceDefs, isEstablished } from './resource-defs.js';

const CRD_PREFIX = '/registry/apiextensions.k8s.io/customresourcedefinitions/';
/** How soon a cleanup that left objects behind (their own finalizers) looks again. */
const CLEANUP_RETRY_MS = 1000;

export class CustomResourceServing {
  private stopWatch?: () => void;
  private readonly served = new Map<string, string>();
  private readonly cleaning = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly registry: Registry) {}

  /** Serves the CRDs the cache holds now, then follows its changes. */
  start(): void {
    const cache = this.registry.cache;
    const rev = cache.currentRevision;
    for (const c of cache.list(CRD_PREFIX)) this.sync(c.obj as Crd);
    this.stopWatch = cache.watch(CRD_PREFIX, rev, (events) => {
      for (const e of events) {
        if (e.type === 'DELETED') this.remove(e.object.obj.metadata.name ?? '');
        else this.sync(e.object.obj as Crd);
      }
    });
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private sync(stored: Crd): void {
    const name = stored.metadata.name ?? '';
    const crd = structuredClone(stored);
    const signature = JSON.stringify([crd.spec, !!crd.metadata.deletionTimestamp, isEstablished(crd)]);
    if (this.served.get(name) !== signature) {
      this.served.set(name, signature);
      this.registry.index.setDynamic(name, customResourceDefs(crd));
    }
    if (crd.metadata.deletionTimestamp && (crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) this.cleanup(name);
  }

  private remove(name: string): void {
    this.served.delete(name);
    this.registry.index.setDynamic(name, []);
  }

  private cleanup(name: string): void {
    if (this.cleaning.has(name) || this.stopped) return;
    this.cleaning.add(name);
    this.cleanupOnce(name).then((done) => {
      this.cleaning.delete(name);
      if (done || this.stopped) return;
      const t = setTimeout(() => {
        this.timers.delete(t);
        const cur = this.registry.cache.get(`${CRD_PREFIX}${name}`);
        if (cur) this.sync(cur.obj as Crd);
      }, CLEANUP_RETRY_MS);
      this.timers.add(t);
    }, (err: unknown) => {
      this.cleaning.delete(name);
      process.stderr.write(`apiserver: cleaning up custom resources of ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }

  /** Deletes the CRD's custom resources; when none is left, removes the finalizer. True when done. */
  private async cleanupOnce(name: string): Promise<boolean> {
    const { index, cache, backend } = this.registry;
    const defs = index.dynamicOf(name);
    const def = defs.find((d) => !d.storage) ?? defs[0];
    if (def) {
      const loc = index.storageOf(def);
      const prefix = `/registry/${loc.group}/${loc.resource}/`;
      await cache.waitFor(await backend.currentRevision());
      const left = cache.list(prefix);
      for (const c of left) {
        const scope: Scope = { def, loc, namespace: c.obj.metadata.namespace };
        try {
          await this.registry.delete(scope, c.obj.metadata.name ?? '');
        } catch (err) {
          if ((err as { code?: number }).code !== 404) throw err;
        }
      }
      await cache.waitFor(await backend.currentRevision());
      if (cache.list(prefix).length > 0) return false;
    }
    const crdDef = index.lookup('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
    if (!crdDef) return true;
    const scope: Scope = { def: crdDef, loc: index.storageOf(crdDef) };
    try {
      await this.registry.guaranteedUpdate(scope, name, (cur: KObject) => {
        cur.metadata.finalizers = (cur.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
        return cur;
      }, { subresource: 'status', fieldManager: 'kube-apiserver' });
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
    return true;
  }
}
