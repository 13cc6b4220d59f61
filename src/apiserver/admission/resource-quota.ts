/**
 * ResourceQuota admission (validating, last in the chain, as in Kubernetes): a create — or an
 * update of a service or claim that uses more — in a namespace with quotas is checked against every
 * quota that counts it (resource-quota-check.ts) and refused with 403 in Kubernetes' words when it
 * does not fit. When it fits, the quotas' status.used is raised at once, before the object is
 * stored: the write names the quota's resourceVersion, so a concurrent charge makes it conflict and
 * the check is redone on the fresh quota (up to three times). Writes in one namespace are checked
 * one at a time. Dry runs are checked but charge nothing; a charged write that then fails (already
 * exists, conflict) gives its charge back, so the usage stays right until the controller's next
 * recalculation.
 */
import {
  evaluatorFor, isIgnoredResource, listsEqual, parseResourceList, subtractLists, subtractQuantities, ZERO,
  formatResourceList, type QuotaEvaluator, type ResourceList, type ResourceQuota,
} from '../../controllers/resourcequota/index.js';
import type { AdmissionPlugin, Attributes } from './admission.js';
import type { QuotaAccess } from './resource-quota-access.js';
import { admissionForbidden } from './resource-quota-forbidden.js';
import { checkRequest, QuotaRefusal } from './resource-quota-check.js';

export interface ResourceQuotaAdmissionOptions {
  /** The clock (ms since the epoch), for deleted pods' grace periods. */
  now?: () => number;
  /** How long a storage read of a namespace's quotas is reused while the cache has none (default 30 s). */
  liveLookupTtlMs?: number;
  /** Where failures to give back a charge are reported. */
  log?: (line: string) => void;
}

/** A charge made for one write: what was added to one quota's usage. */
interface Charge { namespace: string; name: string; added: ResourceList }

const RETRIES = 3;
const MAX_REMEMBERED = 10_000;

export class ResourceQuotaAdmission implements AdmissionPlugin {
  readonly name = 'ResourceQuota';
  private readonly locks = new Map<string, Promise<void>>();
  /** The latest status this plugin wrote per quota, newer than the cache until the cache catches up. */
  private readonly written = new Map<string, ResourceQuota>();
  private readonly liveLookups = new Map<string, { expiry: number; items: ResourceQuota[] }>();
  private readonly charges = new Map<Attributes, Charge[]>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly access: QuotaAccess, private readonly opts: ResourceQuotaAdmissionOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  async validate(a: Attributes): Promise<void> {
    if (a.subresource || !a.namespace || !a.def.namespaced) return;
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
    if (isIgnoredResource(a.def.group, a.def.plural)) return;
    const evaluator = evaluatorFor(a.def.group, a.def.plural);
    if (!evaluator.handles(a.operation)) return;
    const ns = a.namespace;
    // Most namespaces have no quota: no need to wait for the namespace's turn then.
    if ((await this.quotasOf(ns)).length === 0) return;
    await this.serialized(ns, async () => {
      const quotas = await this.quotasOf(ns);
      if (quotas.length === 0) return;
      const charges: Charge[] = [];
      await this.checkQuotas(quotas, a, evaluator, RETRIES, charges);
      if (charges.length) this.charges.set(a, charges);
    });
  }

  committed(a: Attributes): void {
    this.charges.delete(a);
  }

  abort(a: Attributes): void {
    const charges = this.charges.get(a);
    if (!charges) return;
    this.charges.delete(a);
    for (const c of charges) {
      this.serialized(c.namespace, () => this.giveBack(c)).catch((err: Error) => {
        this.log(`ResourceQuota: cannot give back usage to ${c.namespace}/${c.name}: ${err.message}`);
      });
    }
  }

  private async checkQuotas(quotas: readonly ResourceQuota[], a: Attributes, evaluator: QuotaEvaluator, retries: number, charges: Charge[]): Promise<void> {
    let next: readonly ResourceQuota[];
    try {
      next = checkRequest(quotas, { operation: a.operation as 'CREATE' | 'UPDATE', obj: a.obj, old: a.old }, evaluator, this.now());
    } catch (err) {
      if (err instanceof QuotaRefusal) throw admissionForbidden(a, err.message);
      throw err;
    }
    if (a.dryRun) return;
    const failed: string[] = [];
    let lastErr: unknown;
    for (let i = 0; i < quotas.length; i++) {
      const before = parseResourceList(quotas[i].status?.used);
      const after = parseResourceList(next[i].status?.used);
      if (listsEqual(before, after)) continue;
      try {
        this.remember(await this.access.updateStatus(next[i]));
        charges.push({ namespace: quotas[i].metadata.namespace ?? '', name: quotas[i].metadata.name ?? '', added: subtractLists(after, before) });
      } catch (err) {
        failed.push(quotas[i].metadata.name ?? '');
        lastErr = err;
      }
    }
    if (failed.length === 0) return;
    if (retries <= 0) throw lastErr;
    const ns = a.namespace ?? '';
    const fresh = (await Promise.all(failed.map((n) => this.access.fresh(ns, n)))).filter((q): q is ResourceQuota => q !== undefined);
    await this.checkQuotas(fresh, a, evaluator, retries - 1, charges);
  }

  /** Takes back one charge from the quota's current usage (never below zero). */
  private async giveBack(c: Charge): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const q = await this.access.fresh(c.namespace, c.name);
      if (!q) return;
      const used = parseResourceList(q.status?.used);
      const next = { ...used };
      for (const [k, v] of Object.entries(c.added)) {
        if (!(k in used)) continue;
        const d = subtractQuantities(used[k], v);
        next[k] = d.nano > 0n ? d : ZERO;
      }
      if (listsEqual(used, next)) return;
      try {
        this.remember(await this.access.updateStatus({ ...q, status: { ...q.status, used: formatResourceList(next) } }));
        return;
      } catch (err) {
        if ((err as { reason?: string }).reason !== 'Conflict') throw err;
      }
    }
  }

  /** The namespace's quotas: the cache's, else a recent storage read; each the newest version seen. */
  private async quotasOf(ns: string): Promise<ResourceQuota[]> {
    let items = this.access.cached(ns);
    if (items.length === 0) {
      const now = this.now();
      const hit = this.liveLookups.get(ns);
      if (hit && hit.expiry >= now) {
        items = hit.items;
      } else {
        items = await this.access.live(ns);
        this.liveLookups.delete(ns);
        this.liveLookups.set(ns, { expiry: now + (this.opts.liveLookupTtlMs ?? 30_000), items });
        trim(this.liveLookups);
      }
    }
    return items.map((q) => this.newest(q)).sort((x, y) => (x.metadata.name ?? '').localeCompare(y.metadata.name ?? ''));
  }

  private newest(q: ResourceQuota): ResourceQuota {
    const key = `${q.metadata.namespace ?? ''}/${q.metadata.name ?? ''}`;
    const mine = this.written.get(key);
    if (!mine) return q;
    if (Number(q.metadata.resourceVersion ?? 0) >= Number(mine.metadata.resourceVersion ?? 0)) {
      this.written.delete(key);
      return q;
    }
    return mine;
  }

  private remember(q: ResourceQuota): void {
    const key = `${q.metadata.namespace ?? ''}/${q.metadata.name ?? ''}`;
    this.written.delete(key);
    this.written.set(key, q);
    trim(this.written);
  }

  /** Runs fn after every earlier call for the namespace has finished. */
  private async serialized<T>(ns: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(ns) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => { release = resolve; });
    const tail = prev.then(() => mine);
    this.locks.set(ns, tail);
    await prev;
    try {
      return await fn();
    } finally {
      release();
      if (this.locks.get(ns) === tail) this.locks.delete(ns);
    }
  }
}

/** Drops the oldest entries of a map beyond MAX_REMEMBERED. */
function trim<V>(m: Map<string, V>): void {
  while (m.size > MAX_REMEMBERED) {
    const first = m.keys().next().value;
    if (first === undefined) return;
    m.delete(first);
  }
}
