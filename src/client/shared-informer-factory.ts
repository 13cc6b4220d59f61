/**
 * SharedInformerFactory: one informer (one list and one watch) per resource and selection, shared
 * by every controller that asks for it. Informers asked for after start() start at once.
 */
import type { KObject } from '../api/index.js';
import type { Clientset } from './clientset.js';
import { Informer, type InformerOptions } from './informer.js';
import type { GroupVersionResource } from './resource-client.js';
import type { IndexFunc } from './store.js';

export interface SharedInformerOptions {
  /** Default resync period of the informers (0: none). */
  resyncPeriodMs?: number;
  /** Limit every informer to one namespace. */
  namespace?: string;
  log?: (line: string) => void;
  backoff?: InformerOptions<KObject>['backoff'];
}

export interface Selection { labelSelector?: string; fieldSelector?: string; namespace?: string }

export class SharedInformerFactory {
  private informers = new Map<string, Informer<KObject>>();
  private started = false;

  constructor(readonly clientset: Clientset, private readonly opts: SharedInformerOptions = {}) {}

  /** The shared informer for a resource (and selection); indexers are added to it. */
  forResource<T extends KObject = KObject>(
    gvr: GroupVersionResource, o: Selection & { indexers?: Record<string, IndexFunc<T>> } = {},
  ): Informer<T> {
    const namespace = o.namespace ?? this.opts.namespace;
    const key = [gvr.group, gvr.version, gvr.resource, namespace ?? '', o.labelSelector ?? '', o.fieldSelector ?? ''].join('|');
    let inf = this.informers.get(key) as Informer<T> | undefined;
    if (!inf) {
      inf = new Informer<T>(this.clientset.resource<T>(gvr), {
        namespace, labelSelector: o.labelSelector, fieldSelector: o.fieldSelector,
        resyncPeriodMs: this.opts.resyncPeriodMs, log: this.opts.log, backoff: this.opts.backoff,
      });
      this.informers.set(key, inf as unknown as Informer<KObject>);
      if (this.started) inf.start();
    }
    if (o.indexers) inf.addIndexers(o.indexers);
    return inf;
  }

  start(): void {
    this.started = true;
    for (const inf of this.informers.values()) inf.start();
  }

  /** Resolves true when every informer has synced; false if one stopped or the timeout passed. */
  async waitForCacheSync(timeoutMs?: number): Promise<boolean> {
    const results = await Promise.all([...this.informers.values()].map((i) => i.waitForSync(timeoutMs)));
    return results.every(Boolean);
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.informers.values()].map((i) => i.stop()));
  }
}
