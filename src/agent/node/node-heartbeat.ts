/**
 * Registers this host's Node and keeps it alive as the kubelet does: creates the Node (or adopts
 * the one an earlier run left, keeping its pod CIDR and refreshing its status), renews its Lease in
 * kube-node-lease every 10 s, and rewrites the status (conditions, capacity, images) every minute
 * or when the images change. A Node deleted behind its back is registered again.
 */
import { LEASES, isAlreadyExists, isConflict, isNotFound, type Clientset, type ResourceClient } from '../../client/index.js';
import {
  buildLease, microNow, nodeConditions, now, NODE_LEASE_NAMESPACE, type LeaseObject, type NodeObject,
} from '../simulated-nodes/index.js';
import { buildRealNode, freePodCIDR, nodeStatus, type NodeImage, type NodeSpecInput } from './node-object.js';

const NODES = { group: '', version: 'v1', resource: 'nodes' };
const LEASE_SECONDS = 40;

export interface NodeHeartbeatOptions {
  clientset: Clientset;
  input: Omit<NodeSpecInput, 'podCIDR'>;
  clusterCIDR: string;
  images: () => NodeImage[];
  log: (line: string) => void;
  leaseRenewMs?: number;
  statusUpdateMs?: number;
}

export class NodeHeartbeat {
  private readonly nodes: ResourceClient<NodeObject>;
  private readonly leases: ResourceClient<LeaseObject>;
  private node?: NodeObject;
  private lease?: LeaseObject;
  private readonly timers: NodeJS.Timeout[] = [];
  private lastImages = '';
  private stopped = false;

  constructor(private readonly opts: NodeHeartbeatOptions) {
    this.nodes = opts.clientset.resource<NodeObject>(NODES);
    this.leases = opts.clientset.resource<LeaseObject>(LEASES).namespace(NODE_LEASE_NAMESPACE);
  }

  get name(): string {
    return this.opts.input.name;
  }

  get current(): NodeObject | undefined {
    return this.node;
  }

  get podCIDR(): string {
    return this.node?.spec?.podCIDR ?? '';
  }

  /** Registers the node and takes its lease. */
  async register(): Promise<NodeObject> {
    this.node = await this.createOrAdopt();
    await this.renewLease();
    return this.node;
  }

  start(): void {
    const every = (ms: number, fn: () => Promise<void>): void => {
      const t = setInterval(() => {
        if (!this.stopped) fn().catch((err: unknown) => this.opts.log(`node ${this.name}: ${(err as Error).message}`));
      }, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.opts.leaseRenewMs ?? 10_000, () => this.renewLease());
    every(this.opts.statusUpdateMs ?? 60_000, () => this.updateStatus());
    every(5_000, async () => {
      if (JSON.stringify(this.opts.images()) !== this.lastImages) await this.updateStatus();
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
  }

  private input(podCIDR: string): NodeSpecInput {
    return { ...this.opts.input, podCIDR };
  }

  private images(): NodeImage[] {
    const images = this.opts.images();
    this.lastImages = JSON.stringify(images);
    return images;
  }

  private async createOrAdopt(): Promise<NodeObject> {
    let existing: NodeObject | undefined;
    try {
      existing = await this.nodes.get(this.name);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (existing === undefined) {
      const used = (await this.nodes.list()).items.map((n) => n.spec?.podCIDR ?? '');
      const node = buildRealNode(this.input(freePodCIDR(this.opts.clusterCIDR, used)), nodeConditions(now()), this.images());
      try {
        const created = await this.nodes.create(node);
        this.opts.log(`node ${this.name} registered (pod CIDR ${created.spec?.podCIDR})`);
        return created;
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        existing = await this.nodes.get(this.name);
      }
    }
    if (!existing.spec?.podCIDR) {
      const used = (await this.nodes.list()).items.map((n) => n.spec?.podCIDR ?? '');
      const cidr = freePodCIDR(this.opts.clusterCIDR, used);
      existing = await this.nodes.patch(this.name, 'merge', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
    }
    const { labels, annotations } = buildRealNode(this.input(existing.spec?.podCIDR ?? ''), [], []).metadata;
    existing = await this.nodes.patch(this.name, 'merge', { metadata: { labels, annotations } });
    this.node = existing;
    await this.updateStatus();
    return this.node!;
  }

  private async updateStatus(): Promise<void> {
    const node = this.node;
    if (!node) return;
    const status = nodeStatus(this.input(node.spec?.podCIDR ?? ''), nodeConditions(now(), node.status?.conditions), this.images());
    try {
      this.node = await this.nodes.patch(this.name, 'merge', { status }, { subresource: 'status' });
    } catch (err) {
      if (!isNotFound(err)) throw err;
      this.opts.log(`node ${this.name} was deleted: registering it again`);
      this.lease = undefined;
      this.node = await this.createOrAdopt();
    }
  }

  private async renewLease(): Promise<void> {
    const node = this.node;
    if (!node) return;
    if (this.lease) {
      try {
        this.lease = await this.leases.update({
          ...this.lease, spec: { ...this.lease.spec, holderIdentity: this.name, leaseDurationSeconds: LEASE_SECONDS, renewTime: microNow() },
        });
        return;
      } catch (err) {
        if (!isConflict(err) && !isNotFound(err)) throw err;
        this.lease = undefined;
      }
    }
    const fresh = buildLease(node, LEASE_SECONDS);
    try {
      this.lease = await this.leases.create(fresh);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const current = await this.leases.get(this.name);
      this.lease = await this.leases.update({ ...current, spec: { ...current.spec, ...fresh.spec } });
    }
  }
}
