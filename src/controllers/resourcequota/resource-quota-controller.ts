/**
 * The ResourceQuota controller, as Kubernetes' works: each quota's status.hard mirrors spec.hard and
 * status.used is the usage of every tracked name, computed from the objects of its namespace (pods,
 * services, claims, config maps, secrets, and any count/<resource>.<group> the server serves, whose
 * informers are started when a quota first names them). A quota is recalculated when its spec
 * changes or its status is incomplete, when a tracked object in its namespace is added, deleted or
 * changes what it uses (admission has already charged new objects; this catches up with what it
 * cannot see), once a deleted pod's grace period is over, and on a full resync (default 5 minutes).
 */
import { isDeepStrictEqual } from 'node:util';
import type { KObject } from '../../api/index.js';
import {
  deletedObject, isConflict, isNotFound, keyOf, NAMESPACE_INDEX,
  type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import { discoverResources, hasVerbs, type ServedResource } from '../discovery/index.js';
import { Controller } from '../runtime/index.js';
import { calculateUsage } from './calculate-usage.js';
import { countedResource, resourceNames, type QuotaEvaluator } from './evaluator.js';
import { coreEvaluators } from './evaluator-registry.js';
import { objectCountEvaluator } from './object-count-evaluator.js';
import { compareQuantity } from './quantity.js';
import { formatResourceList, listsEqual, mask, parseResourceList, type ResourceList } from './resource-list.js';
import type { ResourceQuota } from './types.js';

export const RESOURCEQUOTAS: GroupVersionResource = { group: '', version: 'v1', resource: 'resourcequotas' };
/** The core kinds watched from the start; others are watched once a quota counts them. */
const CORE_WATCHED = ['pods', 'services', 'persistentvolumeclaims', 'configmaps', 'secrets'];
/** How long discovery results are trusted before an unknown count/ resource triggers a new look. */
const DISCOVERY_TTL_MS = 30_000;
const SYNC_TIMEOUT_MS = 10_000;

export interface ResourceQuotaControllerOptions {
  workers?: number;
  /** Full recalculation of every quota (ms; default 5 minutes, kube-controller-manager's default). */
  resyncPeriodMs?: number;
  /**
   * How long a quota must go without new charges before a lower usage is written (ms; default 1 s).
   * Admission charges a quota before it stores the object, so for a moment the informers may not
   * show objects already counted; lowering the usage then would let a create slip past the limit.
   */
  settleMs?: number;
  /** The clock (ms since the epoch), for deleted pods' grace periods. */
  now?: () => number;
  log?: (line: string) => void;
}

const grKey = (group: string, resource: string): string => `${group}/${resource}`;

export class ResourceQuotaController extends Controller {
  private readonly quotas: Informer<ResourceQuota>;
  private readonly monitors = new Map<string, Informer<KObject>>();
  private served?: Map<string, ServedResource>;
  private discoveredAt = 0;
  /** Quotas whose usage would go down: the resourceVersion seen and since when. */
  private readonly lowering = new Map<string, { rv: string; since: number }>();
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly logLine: (line: string) => void;

  constructor(private readonly cs: Clientset, private readonly informers: SharedInformerFactory, private readonly rqOpts: ResourceQuotaControllerOptions = {}) {
    const holder: { c?: ResourceQuotaController } = {};
    super({ name: 'resourcequota', workers: rqOpts.workers ?? 2, log: rqOpts.log, reconcile: (key) => holder.c?.sync(key) });
    holder.c = this;
    this.now = rqOpts.now ?? Date.now;
    this.logLine = rqOpts.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.quotas = informers.forResource<ResourceQuota>(RESOURCEQUOTAS);
    // Sources only gate the start on the informers' sync; the handlers below pick what to enqueue.
    this.watch(this.quotas, () => undefined);
    this.quotas.addEventHandler({
      onAdd: (q) => this.enqueue(keyOf(q)),
      onUpdate: (old, cur) => { if (old !== cur && quotaNeedsSync(old, cur)) this.enqueue(keyOf(cur)); },
    });
    for (const resource of CORE_WATCHED) this.watch(this.monitor({ group: '', version: 'v1', resource }), () => undefined);
  }

  override async start(): Promise<boolean> {
    const ok = await super.start();
    if (!ok) return false;
    this.enqueueAll();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.enqueueAll(), this.rqOpts.resyncPeriodMs ?? 5 * 60_000);
    return true;
  }

  override async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await super.stop();
  }

  private enqueueAll(): void {
    for (const q of this.quotas.store.values()) this.enqueue(keyOf(q));
  }

  /** The informer for a kind, with handlers that replenish the quotas of the namespace it changes in. */
  private monitor(gvr: GroupVersionResource): Informer<KObject> {
    const key = grKey(gvr.group, gvr.resource);
    const existing = this.monitors.get(key);
    if (existing) return existing;
    const inf = this.informers.forResource<KObject>(gvr);
    const evaluator = coreEvaluators.find((e) => e.group === gvr.group && e.resource === gvr.resource) ?? objectCountEvaluator(gvr.group, gvr.resource);
    this.monitors.set(key, inf);
    inf.addEventHandler({
      onAdd: (o) => this.replenish(evaluator, o),
      onUpdate: (old, cur) => { if (old !== cur && this.usageChanged(evaluator, old, cur)) this.replenish(evaluator, cur); },
      onDelete: (d) => this.replenish(evaluator, deletedObject(d)),
    });
    return inf;
  }

  /** What a change could alter: the usage, the scopes a pod matches, a deletion's grace period. */
  private usageChanged(e: QuotaEvaluator, old: KObject, cur: KObject): boolean {
    const now = this.now();
    if (!listsEqual(e.usage(old, now), e.usage(cur, now))) return true;
    if (e.resource !== 'pods' || e.group !== '') return false;
    const facts = (o: KObject): unknown => {
      const spec = (o as { spec?: { activeDeadlineSeconds?: number; priorityClassName?: string } }).spec;
      return [spec?.activeDeadlineSeconds, spec?.priorityClassName, (o as { status?: { qosClass?: string } }).status?.qosClass, o.metadata.deletionTimestamp];
    };
    return !isDeepStrictEqual(facts(old), facts(cur));
  }

  /** Enqueues the namespace's quotas that track something this kind uses. */
  private replenish(e: QuotaEvaluator, obj: KObject): void {
    const ns = obj.metadata.namespace;
    if (!ns) return;
    for (const q of this.quotas.store.byIndex(NAMESPACE_INDEX, ns)) {
      const names = [...new Set([...resourceNames(q.spec?.hard), ...resourceNames(q.status?.hard)])];
      if (e.matchingResources(names).length > 0) this.enqueue(keyOf(q));
    }
  }

  /** The evaluators a quota needs: the core ones, and object counts for the count/ names it tracks. */
  private evaluatorsFor(hard: string[]): QuotaEvaluator[] {
    const out = [...coreEvaluators];
    for (const n of hard) {
      const gr = countedResource(n);
      if (gr && !out.some((e) => e.group === gr.group && e.resource === gr.resource)) out.push(objectCountEvaluator(gr.group, gr.resource));
    }
    return out;
  }

  /** Starts informers for the kinds the evaluators count and waits for them; unserved kinds stay unwatched. */
  private async ensureMonitors(evaluators: QuotaEvaluator[]): Promise<void> {
    const missing = evaluators.filter((e) => !this.monitors.has(grKey(e.group, e.resource)));
    if (missing.length === 0) return;
    const served = await this.discover(missing.some((e) => !this.served?.has(grKey(e.group, e.resource))));
    const waits: Array<Promise<boolean>> = [];
    for (const e of missing) {
      const r = served.get(grKey(e.group, e.resource));
      if (!r || !r.namespaced || !hasVerbs(r, 'list', 'watch')) continue;
      waits.push(this.monitor(r).waitForSync(SYNC_TIMEOUT_MS));
    }
    if (!(await Promise.all(waits)).every(Boolean)) throw new Error('Cannot compute quota usage: an informer has not synced');
  }

  private async discover(refresh: boolean): Promise<Map<string, ServedResource>> {
    if (this.served && !(refresh && this.now() - this.discoveredAt > DISCOVERY_TTL_MS)) return this.served;
    const result = await discoverResources(this.cs);
    for (const f of result.failures) this.logLine(`resourcequota: cannot discover ${f.groupVersion}: ${f.message}`);
    this.served = new Map(result.resources.map((r) => [grKey(r.group, r.resource), r]));
    this.discoveredAt = this.now();
    return this.served;
  }

  /** The objects of a kind in a namespace, by name; none for kinds the server does not serve. */
  private objects(e: QuotaEvaluator, namespace: string): readonly KObject[] | undefined {
    const inf = this.monitors.get(grKey(e.group, e.resource));
    if (!inf) return this.served?.has(grKey(e.group, e.resource)) ? undefined : [];
    if (!inf.hasSynced()) return undefined;
    return inf.store.byIndex(NAMESPACE_INDEX, namespace).sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  }

  async sync(key: string): Promise<{ requeueAfter?: number; requeue?: boolean } | void> {
    const q = this.quotas.store.get(key);
    if (!q) {
      this.lowering.delete(key);
      return;
    }
    const hard = q.spec?.hard ?? {};
    const names = resourceNames(hard);
    const evaluators = this.evaluatorsFor(names);
    await this.ensureMonitors(evaluators.filter((e) => e.matchingResources(names).length > 0));
    const now = this.now();
    const computed = calculateUsage(q, evaluators, (e, ns) => this.objects(e, ns), now);
    const used = mask({ ...parseResourceList(q.status?.used), ...computed }, names);
    const dirty = !q.status?.hard || !q.status.used
      || !listsEqual(parseResourceList(hard), parseResourceList(q.status.hard))
      || !listsEqual(used, parseResourceList(q.status.used));
    if (dirty) {
      const wait = this.settling(key, q, used);
      if (wait > 0) return { requeueAfter: wait };
      const ns = q.metadata.namespace ?? '';
      const next: ResourceQuota = {
        apiVersion: 'v1', kind: 'ResourceQuota',
        metadata: { ...q.metadata }, spec: q.spec, status: { hard: { ...hard }, used: formatResourceList(used) },
      };
      try {
        await this.cs.resource<ResourceQuota>(RESOURCEQUOTAS).namespace(ns).updateStatus(next);
      } catch (err) {
        if (isNotFound(err)) return;
        // Admission charges the quota between our reads: look again once the informer has caught up.
        if (isConflict(err)) return { requeue: true };
        throw err;
      }
    }
    const wait = this.nextGraceExpiry(q, evaluators, now);
    return wait === undefined ? undefined : { requeueAfter: wait };
  }

  /**
   * How long to hold back a write that lowers some usage: until the quota has kept its
   * resourceVersion (no new charges) for settleMs. 0: write now.
   */
  private settling(key: string, q: ResourceQuota, used: ResourceList): number {
    const before = parseResourceList(q.status?.used);
    const lowers = Object.keys(used).some((k) => k in before && compareQuantity(used[k], before[k]) < 0);
    const settle = this.rqOpts.settleMs ?? 1000;
    const rv = q.metadata.resourceVersion ?? '';
    if (!lowers || settle <= 0) {
      this.lowering.delete(key);
      return 0;
    }
    const now = this.now();
    const seen = this.lowering.get(key);
    if (!seen || seen.rv !== rv) {
      this.lowering.set(key, { rv, since: now });
      return settle;
    }
    const left = seen.since + settle - now;
    if (left > 0) return left;
    this.lowering.delete(key);
    return 0;
  }

  /** Milliseconds until a deleted pod of the namespace stops counting, when the quota tracks pods. */
  private nextGraceExpiry(q: ResourceQuota, evaluators: QuotaEvaluator[], now: number): number | undefined {
    const pods = evaluators.find((e) => e.resource === 'pods' && e.group === '');
    if (!pods || pods.matchingResources(resourceNames(q.spec?.hard)).length === 0) return undefined;
    let soonest: number | undefined;
    for (const p of this.objects(pods, q.metadata.namespace ?? '') ?? []) {
      const del = p.metadata.deletionTimestamp;
      const grace = p.metadata.deletionGracePeriodSeconds;
      if (!del || grace === undefined || grace === null) continue;
      const at = Date.parse(del) + grace * 1000 - now;
      if (at >= 0 && (soonest === undefined || at < soonest)) soonest = at;
    }
    return soonest === undefined ? undefined : soonest + 1000;
  }
}

/** A quota update that needs a recalculation: its spec changed, or its status does not cover the spec. */
function quotaNeedsSync(old: ResourceQuota, cur: ResourceQuota): boolean {
  if (!isDeepStrictEqual(old.spec, cur.spec)) return true;
  const status = cur.status;
  if (!status?.hard || !status.used) return true;
  if (!listsEqual(parseResourceList(cur.spec?.hard), parseResourceList(status.hard))) return true;
  return resourceNames(cur.spec?.hard).some((n) => !(n in (status.used ?? {})));
}
