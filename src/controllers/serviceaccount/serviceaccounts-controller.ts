/**
 * The service accounts controller: every active namespace has a ServiceAccount named "default";
 * made when the namespace appears and again whenever it is deleted. Namespaces being deleted are left
 * alone.
 */
import type { KObject } from '../../api/index.js';
import { isAlreadyExists, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller } from '../runtime/index.js';

export const SERVICEACCOUNTS: GroupVersionResource = { group: '', version: 'v1', resource: 'serviceaccounts' };
const NAMESPACES: GroupVersionResource = { group: '', version: 'v1', resource: 'namespaces' };

export interface ServiceAccountsControllerOptions {
  /** The accounts every namespace gets (default ["default"]). */
  names?: string[];
  log?: (line: string) => void;
}

interface Namespace extends KObject { status?: { phase?: string } }

export class ServiceAccountsController {
  readonly controller: Controller;
  private readonly namespaces: Informer<Namespace>;
  private readonly accounts: Informer<KObject>;
  private readonly names: string[];

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: ServiceAccountsControllerOptions = {}) {
    this.names = opts.names ?? ['default'];
    this.namespaces = informers.forResource<Namespace>(NAMESPACES);
    this.accounts = informers.forResource(SERVICEACCOUNTS);
    this.controller = new Controller({ name: 'serviceaccount', workers: 2, log: opts.log, reconcile: (ns) => this.reconcile(ns) })
      .watch(this.namespaces, (ns) => ns.metadata.name)
      .watch(this.accounts, (sa) => (this.names.includes(sa.metadata.name ?? '') ? sa.metadata.namespace : undefined));
  }

  private async reconcile(namespace: string): Promise<void> {
    const ns = this.namespaces.store.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    for (const name of this.names) {
      if (this.accounts.store.getByName(namespace, name)) continue;
      try {
        await this.cs.resource(SERVICEACCOUNTS).namespace(namespace).create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
      } catch (err) {
        // Already there (our cache lags) or the namespace is going away: nothing to do.
        if (isAlreadyExists(err) || isTerminating(err)) continue;
        throw err;
      }
    }
  }
}

/** The server refuses creation in a namespace being deleted (403 with this cause). */
export function isTerminating(err: unknown): boolean {
  const e = err as { code?: number; details?: { causes?: Array<{ reason?: string }> }; message?: string };
  return e.code === 403 && ((e.details?.causes ?? []).some((c) => c.reason === 'NamespaceTerminating') || /is being terminated/.test(e.message ?? ''));
}
