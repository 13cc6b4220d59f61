/**
 * The namespace controller: empties a namespace being deleted, then finalizes it. For a namespace
 * with a deletionTimestamp and the "kubernetes" finalizer it discovers every namespaced resource the
 * server serves (list and delete verbs), deletes each object in the namespace (Background
 * propagation; Events last), keeps the deletion conditions on the namespace's status, and once
 * nothing is left PUTs namespaces/<name>/finalize without "kubernetes", so the server removes it.
 */
import type { KObject } from '../../api/index.js';
import { isConflict, isNotFound, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { discoverResources, hasVerbs, type ServedResource } from '../discovery/index.js';
import { Controller } from '../runtime/index.js';
import { updateConditions, type DeletionReport, type NamespaceCondition } from './conditions.js';

export const NAMESPACES: GroupVersionResource = { group: '', version: 'v1', resource: 'namespaces' };
export const FINALIZER_KUBERNETES = 'kubernetes';

export interface Namespace extends KObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: NamespaceCondition[] };
}

export interface NamespaceControllerOptions {
  /** How soon to look again while content remains (ms; default 1000). */
  recheckMs?: number;
  workers?: number;
  log?: (line: string) => void;
}

export class NamespaceController {
  readonly controller: Controller;
  private readonly namespaces: Informer<Namespace>;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, private readonly opts: NamespaceControllerOptions = {}) {
    this.namespaces = informers.forResource<Namespace>(NAMESPACES);
    this.controller = new Controller({ name: 'namespace', workers: opts.workers ?? 2, log: opts.log, reconcile: (key) => this.reconcile(key) })
      .watch(this.namespaces);
  }

  private async reconcile(name: string): Promise<{ requeueAfter: number } | void> {
    const ns = this.namespaces.store.get(name);
    if (!ns?.metadata.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const report = await this.deleteContent(name);
    await this.writeConditions(name, report);
    const left = [...report.remaining.values()].reduce((a, b) => a + b, 0);
    if (left > 0 || report.discoveryFailures.length || report.deleteFailures.length) return { requeueAfter: this.opts.recheckMs ?? 1000 };
    await this.finalize(name);
  }

  /** One pass: deletes what is in the namespace and counts what is still there. */
  private async deleteContent(namespace: string): Promise<DeletionReport> {
    const report: DeletionReport = { discoveryFailures: [], deleteFailures: [], remaining: new Map(), finalizers: new Map() };
    const { resources, failures } = await discoverResources(this.cs);
    for (const f of failures) report.discoveryFailures.push(`${f.groupVersion}: ${f.message}`);
    const targets = resources.filter((r) => r.namespaced && hasVerbs(r, 'list', 'delete'));
    const isEvents = (r: ServedResource): boolean => r.resource === 'events';
    for (const r of [...targets.filter((t) => !isEvents(t)), ...targets.filter(isEvents)]) {
      try {
        await this.deleteAllOf(r, namespace, report);
      } catch (err) {
        report.deleteFailures.push(`${r.resource}.${r.group}: ${(err as Error).message}`);
      }
    }
    return report;
  }

  private async deleteAllOf(r: ServedResource, namespace: string, report: DeletionReport): Promise<void> {
    const client = this.cs.resource(r, { namespaced: true, kind: r.kind }).namespace(namespace);
    const { items } = await client.list();
    let left = 0;
    for (const item of items) {
      let cur: KObject | undefined = item;
      if (!item.metadata.deletionTimestamp) {
        try {
          cur = await client.delete(item.metadata.name ?? '', { propagationPolicy: 'Background', preconditions: { uid: item.metadata.uid } });
        } catch (err) {
          if (isNotFound(err) || isConflict(err)) cur = undefined;
          else throw err;
        }
      }
      if (!cur) continue;
      left++;
      for (const f of cur.metadata.finalizers ?? []) report.finalizers.set(f, (report.finalizers.get(f) ?? 0) + 1);
    }
    if (left) report.remaining.set(`${r.resource}.${r.group}`, left);
  }

  private async writeConditions(name: string, report: DeletionReport): Promise<void> {
    const client = this.cs.resource<Namespace>(NAMESPACES);
    const ns = await client.get(name).catch((err: unknown) => { if (isNotFound(err)) return undefined; throw err; });
    if (!ns) return;
    const { conditions, changed } = updateConditions(ns.status?.conditions ?? [], report);
    if (!changed) return;
    await client.updateStatus({ ...ns, status: { ...ns.status, conditions } });
  }

  /** Removes "kubernetes" from spec.finalizers through the finalize subresource. */
  private async finalize(name: string): Promise<void> {
    const client = this.cs.resource<Namespace>(NAMESPACES);
    const ns = await client.get(name).catch((err: unknown) => { if (isNotFound(err)) return undefined; throw err; });
    if (!ns || !(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const body: Namespace = { ...ns, spec: { ...ns.spec, finalizers: (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES) } };
    const res = await this.cs.rest.request('PUT', `/api/v1/namespaces/${encodeURIComponent(name)}/finalize`, { body });
    if (res.status === 404) return;
    if (res.status < 200 || res.status > 299) throw new Error(`Cannot finalize namespace ${name}: the server answered ${res.status}: ${res.text}`);
  }
}
