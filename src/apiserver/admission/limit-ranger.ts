/**
 * LimitRanger admission: in the mutating phase a new pod's containers get the default requests and
 * limits of the namespace's LimitRanges (noted in the kubernetes.io/limit-ranger annotation); in the
 * validating phase new pods, and new or changed claims, are checked against their min, max and
 * maxLimitRequestRatio and refused with 403 in Kubernetes' words. Objects being deleted are left
 * alone. LimitRanges come from the watch cache, or from storage (reused for 30 s) while the cache
 * has none for the namespace, as Kubernetes' live lookup does.
 */
import { podQOSClass, type Pod } from '../../api/types/core/pod/index.js';
import type { Backend } from '../../storage/index.js';
import { decodeStored, type WatchCache } from '../cache/index.js';
import type { AdmissionPlugin, Attributes } from './admission.js';
import { aggregateMessage, applyPodDefaults, claimViolations, podViolations, type LimitRange } from './limit-ranger-checks.js';
import { admissionForbidden } from './resource-quota-forbidden.js';

export interface LimitRangeStores {
  cache: Pick<WatchCache, 'list'>;
  backend: Pick<Backend, 'list'>;
}

export interface LimitRangerOptions {
  /** How long a storage read of a namespace's LimitRanges is reused while the cache has none (default 30 s). */
  liveLookupTtlMs?: number;
  now?: () => number;
}

const prefix = (namespace: string): string => `/registry/core/limitranges/${namespace}/`;
const MAX_LOOKUPS = 10_000;

type Kind = 'pod' | 'claim';

export class LimitRanger implements AdmissionPlugin {
  readonly name = 'LimitRanger';
  private readonly liveLookups = new Map<string, { expiry: number; items: LimitRange[] }>();
  private readonly now: () => number;

  constructor(private readonly stores: LimitRangeStores, private readonly opts: LimitRangerOptions = {}) {
    this.now = opts.now ?? Date.now;
  }

  async admit(a: Attributes): Promise<void> {
    if (this.kindOf(a) !== 'pod') return;
    const pod = a.obj as Pod;
    let changed = false;
    for (const lr of await this.rangesOf(a.namespace ?? '')) changed = applyPodDefaults(lr, pod) || changed;
    // The QoS class was computed before admission here (Kubernetes computes it after): keep it true.
    if (changed && pod.status?.qosClass) pod.status.qosClass = podQOSClass(pod.spec ?? {});
  }

  async validate(a: Attributes): Promise<void> {
    const kind = this.kindOf(a);
    if (!kind) return;
    for (const lr of await this.rangesOf(a.namespace ?? '')) {
      const why = aggregateMessage(kind === 'pod' ? podViolations(lr, a.obj as Pod) : claimViolations(lr, a.obj));
      if (why) throw admissionForbidden(a, why);
    }
  }

  /** Pods on create, claims on create and update; never subresources or objects being deleted. */
  private kindOf(a: Attributes): Kind | undefined {
    if (a.subresource || a.def.group !== '' || !a.namespace) return undefined;
    if (a.old?.metadata.deletionTimestamp) return undefined;
    if (a.def.plural === 'pods' && a.operation === 'CREATE') return 'pod';
    if (a.def.plural === 'persistentvolumeclaims' && (a.operation === 'CREATE' || a.operation === 'UPDATE')) return 'claim';
    return undefined;
  }

  private async rangesOf(namespace: string): Promise<LimitRange[]> {
    const cached = this.stores.cache.list(prefix(namespace)).map((c) => c.obj as LimitRange);
    if (cached.length > 0) return cached;
    const now = this.now();
    const hit = this.liveLookups.get(namespace);
    if (hit && hit.expiry >= now) return hit.items;
    const res = await this.stores.backend.list(prefix(namespace));
    const items = res.items.map((kv) => decodeStored(kv.key, kv.value, kv.modRevision).obj as LimitRange);
    this.liveLookups.delete(namespace);
    this.liveLookups.set(namespace, { expiry: now + (this.opts.liveLookupTtlMs ?? 30_000), items });
    while (this.liveLookups.size > MAX_LOOKUPS) {
      const first = this.liveLookups.keys().next().value;
      if (first === undefined) break;
      this.liveLookups.delete(first);
    }
    return items;
  }
}
