/**
 * PodRoutes keeps this node's routes to the other nodes' pods: fed by the Node informer, it writes
 * `<podCIDR> via <InternalIP> proto 79` for every other node on this node's L2 segment (host-gw), and
 * for nodes reached through a gateway a route through the VXLAN overlay (vxlan.ts; flannel's
 * vxlan backend with DirectRouting), and deletes the routes of nodes that went away or changed.
 * Syncs are serialized and coalesced; a periodic resync repairs routes someone else removed. A node
 * with no route to its address at all gets a warning and no pod route.
 */
import type { EventHandler, HandlerRegistration } from '../../client/index.js';
import { IpRoutes } from './ip-route.js';
import { desiredRoutes, routeChanges, type NodeRouteView, type PodRoute } from './route-plan.js';
import { VXLAN_DEVICE, VxlanOverlay, vtepAddress } from './vxlan.js';

/** The part of an Informer PodRoutes uses. */
export interface NodeSource<T extends NodeRouteView> {
  store: { list(): T[] };
  addEventHandler(h: EventHandler<T>): HandlerRegistration;
}

export interface PodRoutesOptions<T extends NodeRouteView> {
  nodes: NodeSource<T>;
  nodeName: string;
  nodeIP: string;
  podCIDR: string;
  /** Program a named network namespace instead of this process's (tests). */
  netns?: string;
  /** Reach nodes behind a gateway through the VXLAN overlay (default true); false: warn and skip them. */
  overlay?: boolean;
  /** Default 30 s; 0: no periodic resync. */
  resyncMs?: number;
  log: (line: string) => void;
}

function routeFacts(n: NodeRouteView): string {
  return JSON.stringify([n.spec?.podCIDR, n.spec?.podCIDRs, n.spec?.providerID, n.status?.addresses, n.metadata.deletionTimestamp]);
}

export class PodRoutes<T extends NodeRouteView = NodeRouteView> {
  private readonly ip: IpRoutes;
  private readonly vxlan: VxlanOverlay;
  private registration?: HandlerRegistration;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private stopped = false;
  /** Warnings already logged, so a resync does not repeat them. */
  private readonly warned = new Set<string>();
  private current: PodRoute[] = [];

  constructor(private readonly opts: PodRoutesOptions<T>) {
    this.ip = new IpRoutes(opts.netns);
    this.vxlan = new VxlanOverlay(this.ip, { nodeIP: opts.nodeIP, podCIDR: opts.podCIDR });
  }

  /** The routes written by the last sync. */
  get routes(): readonly PodRoute[] {
    return this.current;
  }

  /** Registers with the informer and writes the routes once (resolves after that first sync). */
  async start(): Promise<void> {
    const kick = (): void => this.requestSync();
    // Heartbeats update every Node often; only the fields routes depend on start a sync.
    this.registration = this.opts.nodes.addEventHandler({ onAdd: kick, onUpdate: (a, b) => { if (routeFacts(a) !== routeFacts(b)) kick(); }, onDelete: kick });
    const every = this.opts.resyncMs ?? 30_000;
    if (every > 0) this.timer = setInterval(kick, every);
    await this.sync();
  }

  /** Resolves once every sync requested so far has run. */
  async flush(): Promise<void> {
    for (let i = 0; i < 3 && (this.pending || i === 0); i++) await this.running;
  }

  requestSync(): void {
    if (this.stopped || this.pending) return;
    this.pending = true;
    this.running = this.running.then(async () => {
      this.pending = false;
      if (!this.stopped) await this.syncOnce();
    });
  }

  sync(): Promise<void> {
    this.requestSync();
    return this.running;
  }

  private warnOnce(key: string, line: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.opts.log(line);
  }

  private async syncOnce(): Promise<void> {
    try {
      const want: PodRoute[] = [];
      const peers: Array<{ nodeIP: string; cidr: string }> = [];
      for (const r of desiredRoutes(this.opts.nodes.store.list(), this.opts)) {
        const reach = await this.ip.reach(r.via);
        const key = `${r.node} ${r.via} ${reach}`;
        if (reach === 'direct') {
          want.push(r);
        } else if (reach === 'routed' && this.opts.overlay !== false) {
          want.push({ cidr: r.cidr, via: vtepAddress(r.cidr), node: r.node, dev: VXLAN_DEVICE });
          peers.push({ nodeIP: r.via, cidr: r.cidr });
        } else if (reach === 'routed') {
          this.warnOnce(key, `cannot route pods of node ${r.node} (${r.cidr}): ${r.via} is not on this node's network and the VXLAN overlay is off`);
        } else {
          this.warnOnce(key, `cannot route pods of node ${r.node} (${r.cidr}): this node has no route to ${r.via}`);
        }
      }
      if (peers.length > 0) {
        await this.vxlan.ensure();
        await this.vxlan.syncPeers(peers);
      } else if (await this.vxlan.exists()) {
        await this.vxlan.remove();
      }
      const changes = routeChanges(want, await this.ip.list());
      for (const r of changes.remove) await this.ip.remove(r);
      const failed = new Set<string>();
      for (const r of changes.add) {
        await this.ip.replace(r).catch((err: Error) => { failed.add(r.cidr); this.opts.log(err.message); });
      }
      this.current = want.filter((r) => !failed.has(r.cidr));
      if (changes.add.length + changes.remove.length > 0) {
        this.opts.log(`pod routes: ${this.current.map((r) => `${r.cidr} via ${r.via}${r.dev ? ` dev ${r.dev}` : ''}`).join(', ') || 'none'}`);
      }
    } catch (err) {
      this.opts.log(`cannot sync the pod routes: ${(err as Error).message}`);
    }
  }

  /** Stops watching and removes every pod route and the overlay (other nodes' pods are unreachable from here after). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.registration?.remove();
    await this.running;
    try {
      for (const r of await this.ip.list()) await this.ip.remove(r);
      await this.vxlan.remove();
    } catch (err) {
      this.opts.log(`cannot remove the pod routes: ${(err as Error).message}`);
    }
    this.current = [];
  }
}
