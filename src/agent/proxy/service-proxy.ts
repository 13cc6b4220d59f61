/**
 * ServiceProxy: kube-proxy's iptables mode for this node. Informers over Services and EndpointSlices
 * ask for a sync on every change; syncs are coalesced (at most one per `minSyncIntervalMs`, one at
 * least every `syncPeriodMs`) and each rebuilds the whole rule set from the caches, then writes only
 * the chains that changed (nothing when none did), keeps the service routes, and deletes stale UDP
 * conntrack entries. A full rewrite happens at start, after a failure and every `fullSyncPeriodMs`.
 * Stopping leaves the rules in place (services keep working across an agent restart);
 * uninstall() removes them.
 */
import type { GroupVersionResource, HandlerRegistration, Informer, SharedInformerFactory } from '../../client/index.js';
import { ConntrackCleaner, staleUdpFilters } from './conntrack.js';
import { hostExec, type HostExec } from './host-exec.js';
import { ensureRouteLocalnet, removeServiceRoutes, syncServiceRoutes } from './host-routes.js';
import { IptablesApplier } from './iptables-applier.js';
import { parseCidr4 } from './ipv4.js';
import { buildRules } from './rule-builder.js';
import { buildModel } from './service-model.js';
import { SyncRunner } from './sync-runner.js';
import type { EndpointSlice, Service, ServicePortInfo } from './types.js';

export const SERVICES: GroupVersionResource = { group: '', version: 'v1', resource: 'services' };
export const ENDPOINT_SLICES: GroupVersionResource = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

export interface ServiceProxyOptions {
  informers: SharedInformerFactory;
  nodeName: string;
  nodeIPs: string[];
  clusterCIDR: string;
  serviceCIDR: string;
  log?: (line: string) => void;
  /** The pod bridge, which carries the node's own routes to ClusterIPs (default cni0). */
  bridge?: string;
  /** NodePorts on 127.0.0.1 as well (sets route_localnet; default true, as kube-proxy). */
  localhostNodePorts?: boolean;
  /** Program this network namespace instead of the host's (tests). */
  netns?: string;
  /** Least time between two syncs (default 100 ms). */
  minSyncIntervalMs?: number;
  /** A sync at least this often (default 30 s). */
  syncPeriodMs?: number;
  /** How often every chain is rewritten even if unchanged (default 1 hour, as kube-proxy). */
  fullSyncPeriodMs?: number;
  /** Services the proxy leaves alone (the kube-dns Service, whose address each node serves itself). */
  skip?: (svc: Service) => boolean;
}

/** What the last sync did. */
export interface SyncStats {
  at: Date;
  durationMs: number;
  full: boolean;
  /** False when the rules were already right and iptables-restore did not run. */
  restored: boolean;
  writtenChains: number;
  deletedChains: number;
  servicePorts: number;
  conntrackDeletes: number;
}

export class ServiceProxy {
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly exec: HostExec;
  private readonly applier: IptablesApplier;
  private readonly conntrack: ConntrackCleaner;
  private readonly log: (line: string) => void;
  private readonly runner: SyncRunner;
  private registrations: HandlerRegistration[] = [];
  private model: ServicePortInfo[] = [];
  private lastFull = -Infinity;
  private warned = new Set<string>();
  private started = false;
  private onStop?: () => void;
  /** The last sync's figures (undefined before the first). */
  lastSync?: SyncStats;

  constructor(private readonly opts: ServiceProxyOptions) {
    parseCidr4(opts.clusterCIDR);
    parseCidr4(opts.serviceCIDR);
    this.log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.services = opts.informers.forResource<Service>(SERVICES);
    this.slices = opts.informers.forResource<EndpointSlice>(ENDPOINT_SLICES);
    this.exec = hostExec(opts.netns);
    this.applier = new IptablesApplier(this.exec);
    this.conntrack = new ConntrackCleaner(this.exec, this.log);
    this.runner = new SyncRunner(() => this.sync().then(() => undefined), {
      minIntervalMs: opts.minSyncIntervalMs ?? 100, periodMs: opts.syncPeriodMs ?? 30_000, retryMs: 1000, log: this.log,
    });
  }

  /** Duration of the last sync in milliseconds (0 before the first). */
  get lastSyncDurationMs(): number {
    return this.lastSync?.durationMs ?? 0;
  }

  /**
   * Starts the informers if needed, waits for their first lists, syncs once (a failure is logged and
   * retried), then follows changes. Resolves after that first sync, or when stop() comes first.
   */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const changed = { onAdd: () => this.runner.request(), onUpdate: () => this.runner.request(), onDelete: () => this.runner.request() };
    this.registrations.push(this.services.addEventHandler(changed), this.slices.addEventHandler(changed));
    this.services.start();
    this.slices.start();
    const stopped = new Promise<boolean[]>((resolve) => { this.onStop = () => resolve([false]); });
    const synced = await Promise.race([Promise.all([this.services.waitForSync(), this.slices.waitForSync()]), stopped]);
    if (!this.started || !synced.every(Boolean)) return;
    await this.runner.runNow();
    if (this.started) this.runner.start();
  }

  /** Stops following changes; the rules stay. */
  async stop(): Promise<void> {
    this.started = false;
    this.onStop?.();
    for (const r of this.registrations.splice(0)) r.remove();
    await this.runner.stop();
  }

  /** Stops and removes every rule, route and chain of the proxy. */
  async uninstall(): Promise<void> {
    await this.stop();
    await uninstallServiceProxy({ serviceCIDR: this.opts.serviceCIDR, netns: this.opts.netns });
    this.model = [];
  }

  /** Syncs now (after any sync in progress) and returns what it did. */
  async syncNow(): Promise<SyncStats> {
    await this.runner.runNow();
    if (!this.lastSync) throw new Error('Cannot sync services: the first sync failed');
    return this.lastSync;
  }

  private warnOnce(what: string): void {
    if (this.warned.has(what)) return;
    this.warned.add(what);
    this.log(`service proxy: ${what}`);
  }

  private async sync(): Promise<SyncStats> {
    const t0 = performance.now();
    const o = this.opts;
    const full = t0 - this.lastFull >= (o.fullSyncPeriodMs ?? 3_600_000);
    const skip = this.opts.skip;
    const services = skip ? [...this.services.store.values()].filter((svc) => !skip(svc)) : this.services.store.values();
    const model = buildModel(services, this.slices.store.values());
    const localhostNodePorts = o.localhostNodePorts ?? true;
    const rules = buildRules(model, {
      nodeName: o.nodeName, nodeIPs: o.nodeIPs, clusterCIDR: o.clusterCIDR, serviceCIDR: o.serviceCIDR, localhostNodePorts,
    });
    if (full && localhostNodePorts) {
      const w = await ensureRouteLocalnet(this.exec);
      if (w) this.warnOnce(w);
    }
    let applied;
    try {
      applied = await this.applier.apply(rules, { full });
    } catch (err) {
      this.lastFull = -Infinity;
      throw err;
    }
    if (applied.full) this.lastFull = t0;
    const routes = await syncServiceRoutes(this.exec, o.serviceCIDR, new Set(model.map((p) => p.clusterIP)), o.bridge ?? 'cni0');
    if (routes.warning) this.warnOnce(routes.warning);
    const conntrackDeletes = await this.conntrack.clear(staleUdpFilters(this.model, model, o.nodeName));
    this.model = model;
    this.lastSync = {
      at: new Date(), durationMs: performance.now() - t0, full: applied.full, restored: applied.restored,
      writtenChains: applied.writtenChains, deletedChains: applied.deletedChains, servicePorts: model.length, conntrackDeletes,
    };
    return this.lastSync;
  }
}

/** Removes everything a ServiceProxy installs (for killall and reset, without informers). */
export async function uninstallServiceProxy(o: { serviceCIDR: string; netns?: string }): Promise<void> {
  const exec = hostExec(o.netns);
  await new IptablesApplier(exec).uninstall();
  await removeServiceRoutes(exec, o.serviceCIDR);
}

