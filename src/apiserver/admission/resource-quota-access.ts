/**
 * How ResourceQuota admission reaches quotas: a namespace's quotas from the watch cache, or read
 * from storage when the cache has none yet; one quota fresh from storage (after a conflict); and
 * status writes through the registry, refused with 409 Conflict when the quota changed since it was
 * read — which is what keeps two quick writes from both slipping under a limit.
 */
import type { KObject } from '../../api/index.js';
import type { ResourceQuota } from '../../controllers/resourcequota/index.js';
import type { Backend } from '../../storage/index.js';
import { decodeStored, type WatchCache } from '../cache/index.js';
import type { Registry } from '../rest/registry.js';
import type { Scope } from '../rest/scope.js';

export interface QuotaAccess {
  /** The namespace's quotas as the cache has them (it may lag writes by a moment). */
  cached(namespace: string): ResourceQuota[];
  /** The namespace's quotas read from storage. */
  live(namespace: string): Promise<ResourceQuota[]>;
  /** One quota as storage has it now; undefined when it is gone. */
  fresh(namespace: string, name: string): Promise<ResourceQuota | undefined>;
  /** Writes the status of q; fails with a Conflict when q's resourceVersion is not the stored one. */
  updateStatus(q: ResourceQuota): Promise<ResourceQuota>;
}

export interface QuotaStores {
  cache: Pick<WatchCache, 'list'>;
  backend: Pick<Backend, 'list' | 'get'>;
  /** The registry (given lazily: it is built with the admission chain that holds this plugin). */
  registry: () => Registry;
}

const prefix = (namespace: string): string => `/registry/core/resourcequotas/${namespace}/`;

export function quotaAccess(stores: QuotaStores): QuotaAccess {
  const scope = (namespace: string): Scope => {
    const { index } = stores.registry();
    const def = index.lookup('', 'v1', 'resourcequotas');
    if (!def) throw new Error('Cannot write quota status: resourcequotas is not served');
    return { def, loc: index.storageOf(def), namespace };
  };
  return {
    cached: (namespace) => stores.cache.list(prefix(namespace)).map((c) => c.obj as ResourceQuota),
    async live(namespace) {
      const res = await stores.backend.list(prefix(namespace));
      return res.items.map((kv) => decodeStored(kv.key, kv.value, kv.modRevision).obj as ResourceQuota);
    },
    async fresh(namespace, name) {
      const kv = await stores.backend.get(`${prefix(namespace)}${name}`);
      return kv ? decodeStored(kv.key, kv.value, kv.modRevision).obj as ResourceQuota : undefined;
    },
    async updateStatus(q) {
      const ns = q.metadata.namespace ?? '';
      const written = await stores.registry().update(scope(ns), q.metadata.name ?? '', structuredClone(q) as KObject, {
        subresource: 'status', fieldManager: 'kube-apiserver',
      });
      return written as ResourceQuota;
    },
  };
}
