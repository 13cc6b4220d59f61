/**
 * Keeps simulated nodes registered and alive, as the kubelet does with node leases on: registers
 * each Node (adopting one left by an earlier run), renews its Lease in kube-node-lease every
 * leaseRenewSeconds, and writes the node's conditions with a fresh lastHeartbeatTime every
 * statusUpdateSeconds. Writes go a bounded number at a time, so thousands of nodes cost a steady
 * trickle of requests rather than a burst of promises.
 */
import { LEASES, isAlreadyExists, isConflict, isNotFound, type Clientset, type ResourceClient } from '../../client/index.js';
import type { SimulationConfig } from './config.js';
import { buildLease, microNow, nodeConditions, now, NODE_LEASE_NAMESPACE } from './node-object.js';
import type { LeaseObject, NodeObject } from './types.js';

const NODES = { group: '', version: 'v1', resource: 'nodes' };

/** Runs fn over items, `limit` at a time. */
export async function forEachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export class NodeKeeper {
  private readonly nodes: ResourceClient<NodeObject>;
  private readonly leases: ResourceClient<LeaseObject>;
  /** The node as last written, and its lease as last written, by node name. */
  private readonly registered = new Map<string, NodeObject>();
  private readonly leaseCache = new Map<string, LeaseObject>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    clientset: Clientset,
    private readonly config: SimulationConfig,
    private readonly log: (line: string) => void,
  ) {
    this.nodes = clientset.resource<NodeObject>(NODES);
    this.leases = clientset.resource<LeaseObject>(LEASES).namespace(NODE_LEASE_NAMESPACE);
  }

  get names(): string[] {
    return [...this.registered.keys()];
  }

  node(name: string): NodeObject | undefined {
    return this.registered.get(name);
  }

  /** Registers the nodes and takes their leases; resolves once every node is registered. */
  async register(wanted: NodeObject[]): Promise<void> {
    await forEachLimit(wanted, this.config.workers, async (n) => {
      const node = await this.createOrAdopt(n);
      this.registered.set(node.metadata.name ?? '', node);
      await this.renewLease(node);
    });
  }

  /** Starts the lease and status loops. */
  start(): void {
    this.loop(this.config.leaseRenewSeconds * 1000, () => this.renewAll());
    this.loop(this.config.statusUpdateSeconds * 1000, () => this.heartbeatAll());
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private loop(periodMs: number, tick: () => Promise<void>): void {
    if (periodMs <= 0) return;
    const run = (): void => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        tick().catch((err: unknown) => this.log(`simulated nodes: ${String(err)}`)).finally(() => { if (!this.stopped) run(); });
      }, periodMs);
      t.unref?.();
      this.timers.add(t);
    };
    run();
  }

  private async createOrAdopt(n: NodeObject): Promise<NodeObject> {
    try {
      return await this.nodes.create(n);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    // Left by an earlier run (or another agent that lost its lease): adopt it and report it ready.
    const existing = await this.nodes.get(n.metadata.name ?? '');
    return this.writeConditions(existing);
  }

  private async writeConditions(node: NodeObject): Promise<NodeObject> {
    const conditions = nodeConditions(now(), node.status?.conditions);
    return this.nodes.patch(node.metadata.name ?? '', 'merge', { status: { conditions } }, { subresource: 'status' });
  }

  private async renewAll(): Promise<void> {
    await forEachLimit([...this.registered.values()], this.config.workers, async (node) => {
      if (this.stopped) return;
      try {
        await this.renewLease(node);
      } catch (err) {
        this.log(`simulated nodes: cannot renew the lease of ${node.metadata.name}: ${String(err)}`);
      }
    });
  }

  private async renewLease(node: NodeObject): Promise<void> {
    const name = node.metadata.name ?? '';
    const cached = this.leaseCache.get(name);
    if (cached) {
      try {
        const next = { ...cached, spec: { ...cached.spec, holderIdentity: name, leaseDurationSeconds: this.config.leaseDurationSeconds, renewTime: microNow() } };
        this.leaseCache.set(name, await this.leases.update(next));
        return;
      } catch (err) {
        if (!isConflict(err) && !isNotFound(err)) throw err;
        this.leaseCache.delete(name);
      }
    }
    const fresh = buildLease(node, this.config.leaseDurationSeconds);
    try {
      this.leaseCache.set(name, await this.leases.create(fresh));
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const current = await this.leases.get(name);
      this.leaseCache.set(name, await this.leases.update({ ...current, spec: { ...current.spec, ...fresh.spec } }));
    }
  }

  private async heartbeatAll(): Promise<void> {
    await forEachLimit([...this.registered.values()], this.config.workers, async (node) => {
      if (this.stopped) return;
      const name = node.metadata.name ?? '';
      try {
        this.registered.set(name, await this.writeConditions(node));
      } catch (err) {
        if (isNotFound(err)) {
          // Deleted behind our back: register it again, as a kubelet does.
          const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, ...meta } = node.metadata;
          const again = await this.createOrAdopt({ ...node, metadata: meta });
          this.registered.set(name, again);
          this.leaseCache.delete(name);
          return;
        }
        this.log(`simulated nodes: cannot update the status of ${name}: ${String(err)}`);
      }
    });
  }
}
