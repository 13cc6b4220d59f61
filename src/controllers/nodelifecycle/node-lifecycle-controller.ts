/**
 * The node lifecycle controller (Kubernetes' node-lifecycle-controller). Every monitor period it
 * checks each node's heartbeat — its Ready condition's lastHeartbeatTime and its Lease in
 * kube-node-lease — against the grace period, marking a silent node's conditions Unknown
 * ("Kubelet stopped posting node status."), recording NodeNotReady and marking its pods not Ready.
 * A node whose Ready condition is False or Unknown is queued, per zone and rate-limited, for the
 * NoExecute taint node.kubernetes.io/not-ready or /unreachable (which the taint eviction controller
 * acts on); a Ready node loses them. On every node change the NoSchedule taints are made to follow
 * its conditions and spec.unschedulable. When every zone is fully disrupted it stops tainting
 * ("master disruption mode"), as Kubernetes does. Events come from "node-controller".
 */
import { isNotFound, type Clientset, type Informer, type SharedInformerFactory } from '../../client/index.js';
import { Controller, EventRecorder, type ReconcileResult } from '../runtime/index.js';
import { assessNodeHealth, type NodeHealth } from './node-health.js';
import { NoExecuteTainter } from './no-execute-tainter.js';
import { swapNodeTaints } from './node-taints-writer.js';
import { markPodsNotReady } from './pods-not-ready.js';
import { desiredNoScheduleTaints, managedNoScheduleTaints, taintDiff } from './taints.js';
import {
  LEASES, NODE_LEASE_NAMESPACE, NODES, POD_NODE_NAME_INDEX, podNodeNameIndex, PODS, type Lease, type Node, type NodeCondition, type Pod,
} from './types.js';
import { excludedFromDisruption, zoneKey, Zones } from './zones.js';

export interface NodeLifecycleOptions {
  /** The controller's clock (ms since the epoch); default Date.now. */
  now?: () => number;
  /** How often node health is checked (node-monitor-period, default 5 s). */
  monitorPeriodMs?: number;
  /** How long a node may be silent before it is Unknown (node-monitor-grace-period, default 40 s). */
  gracePeriodMs?: number;
  /** The same for a node that never posted a Ready condition (default 60 s). */
  startupGracePeriodMs?: number;
  /** How often the tainting queues are worked (default 100 ms). */
  taintPassPeriodMs?: number;
  /** Nodes tainted per second per healthy zone (node-eviction-rate, default 0.1). */
  evictionQPS?: number;
  /** The same in large partially disrupted zones (secondary-node-eviction-rate, default 0.01). */
  secondaryEvictionQPS?: number;
  /** Zones with more nodes than this are large (default 50). */
  largeClusterThreshold?: number;
  /** Share of not-Ready nodes (of at least 3) that makes a zone partially disrupted (default 0.55). */
  unhealthyZoneThreshold?: number;
  workers?: number;
  log?: (line: string) => void;
}

const STATUS_UPDATE_TRIES = 5;
const PARALLEL_NODES = 8;
const LABELS_TO_MIRROR: ReadonlyArray<[string, string]> = [['kubernetes.io/os', 'beta.kubernetes.io/os'], ['kubernetes.io/arch', 'beta.kubernetes.io/arch']];

export class NodeLifecycleController extends Controller {
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<Lease>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;
  private readonly health = new Map<string, NodeHealth>();
  private readonly known = new Map<string, Node>();
  private readonly retryPods = new Set<string>();
  private readonly zones: Zones;
  private readonly tainter: NoExecuteTainter;
  private readonly now: () => number;
  private readonly logLine: (line: string) => void;
  private podHandler?: { remove(): void };
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private looping = false;
  private stopping = false;
  private passes: Promise<void> = Promise.resolve();

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, private readonly o: NodeLifecycleOptions = {}) {
    const holder: { self?: NodeLifecycleController } = {};
    super({ name: 'node-lifecycle', workers: o.workers ?? 4, log: o.log, reconcile: (key) => holder.self?.sync(key) });
    holder.self = this;
    this.now = o.now ?? Date.now;
    this.logLine = o.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.nodes = informers.forResource<Node>(NODES);
    this.leases = informers.forResource<Lease>(LEASES, { namespace: NODE_LEASE_NAMESPACE });
    this.pods = informers.forResource<Pod>(PODS, { indexers: { [POD_NODE_NAME_INDEX]: podNodeNameIndex } });
    this.recorder = new EventRecorder(cs, { component: 'node-controller' }, { log: o.log });
    this.zones = new Zones({
      evictionQPS: o.evictionQPS ?? 0.1, secondaryEvictionQPS: o.secondaryEvictionQPS ?? 0.01,
      largeClusterThreshold: o.largeClusterThreshold ?? 50, unhealthyZoneThreshold: o.unhealthyZoneThreshold ?? 0.55,
    }, this.now, this.logLine);
    this.tainter = new NoExecuteTainter(cs, this.nodes, this.zones, this.now, this.logLine);
    this.watch(this.nodes);
    // Watched only so that the workers wait for their caches.
    this.watch(this.leases, () => undefined);
    this.watch(this.pods, () => undefined);
  }

  override async start(): Promise<boolean> {
    this.stopping = false;
    const started = super.start();
    this.podHandler ??= this.pods.addEventHandler({
      onAdd: (p) => { if (p.spec?.nodeName) this.enqueue(`${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`); },
      onUpdate: (old, p) => {
        if (p.spec?.nodeName && p.spec.nodeName !== old.spec?.nodeName) this.enqueue(`${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`);
      },
    });
    const ok = await started;
    if (!ok || this.stopping || this.looping) return ok;
    this.looping = true;
    this.every(this.o.monitorPeriodMs ?? 5000, () => this.monitorNodeHealth());
    this.every(this.o.taintPassPeriodMs ?? 100, () => this.serially(() => this.tainter.pass()));
    return true;
  }

  override async stop(): Promise<void> {
    this.stopping = true;
    this.looping = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.podHandler?.remove();
    this.podHandler = undefined;
    await Promise.all([...this.inFlight]);
    await super.stop();
    await this.recorder.flush();
    // A later start (a new term as leader) begins afresh, as a new kube-controller-manager would.
    this.health.clear();
    this.known.clear();
    this.retryPods.clear();
  }

  /** Runs fn now and then `ms` after each run ends, until stopped. */
  private every(ms: number, fn: () => Promise<void>): void {
    const run = (): void => {
      if (this.stopping) return;
      const p: Promise<void> = fn().catch((err: Error) => this.logLine(`node-lifecycle: ${err.message}`)).finally(() => {
        this.inFlight.delete(p);
        if (this.stopping) return;
        const t = setTimeout(() => { this.timers.delete(t); run(); }, ms);
        this.timers.add(t);
      });
      this.inFlight.add(p);
    };
    run();
  }

  /** Node keys: the NoSchedule taints and labels pass. Pod keys ("ns/name"): a pod newly bound to a node. */
  private async sync(key: string): Promise<ReconcileResult | void> {
    if (key.includes('/')) return this.processPod(key);
    const node = this.nodes.store.get(key);
    if (!node) return;
    const { add, remove } = taintDiff(desiredNoScheduleTaints(node), managedNoScheduleTaints(node));
    if (add.length || remove.length) await swapNodeTaints(this.cs, node, add, remove, this.now());
    const labels: Record<string, string> = {};
    for (const [primary, secondary] of LABELS_TO_MIRROR) {
      const v = node.metadata.labels?.[primary];
      if (v !== undefined && node.metadata.labels?.[secondary] !== v) labels[secondary] = v;
    }
    if (Object.keys(labels).length) {
      await this.cs.resource<Node>(NODES).patch(key, 'merge', { metadata: { labels } }).catch((err: unknown) => { if (!isNotFound(err)) throw err; });
    }
  }

  private async processPod(key: string): Promise<ReconcileResult | void> {
    const pod = this.pods.store.get(key);
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName) return;
    const health = this.health.get(nodeName);
    if (!health) return;
    if (!this.nodes.store.get(nodeName)) return { requeue: true };
    if (!health.ready || health.ready.status === 'True') return;
    try {
      await markPodsNotReady(this.cs, this.recorder, [pod], nodeName, this.now());
    } catch {
      return { requeue: true };
    }
  }

  /** One pass over every node (Kubernetes' monitorNodeHealth). */
  monitorNodeHealth(): Promise<void> {
    return this.serially(() => this.monitorPass());
  }

  /** Monitor and tainting passes never overlap: a pass's zone decisions hold before the queues are worked. */
  private serially(fn: () => Promise<void>): Promise<void> {
    const pass = this.passes.then(fn);
    this.passes = pass.catch(() => undefined);
    return pass;
  }

  private async monitorPass(): Promise<void> {
    const nodes = [...this.nodes.store.values()];
    const seen = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      this.zones.tainter(zoneKey(node));
      if (this.known.has(name)) continue;
      this.nodeEvent(node, 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
      this.known.set(name, node);
      await this.tainter.markReachable(node).catch((err: Error) => this.logLine(`node-lifecycle: node ${name}: ${err.message}`));
    }
    for (const [name, node] of [...this.known]) {
      if (seen.has(name)) continue;
      this.nodeEvent(node, 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.delete(name);
      this.retryPods.delete(name);
    }
    const readyByZone = new Map<string, Array<NodeCondition | undefined>>();
    const queue = [...nodes];
    const worker = async (): Promise<void> => {
      for (let n = queue.shift(); n && !this.stopping; n = queue.shift()) {
        const ready = await this.checkNode(n).catch((err: Error) => {
          this.logLine(`node-lifecycle: node ${n?.metadata.name ?? ''}: ${err.message}`);
          return null;
        });
        if (ready === null || excludedFromDisruption(n)) continue;
        const zone = zoneKey(n);
        readyByZone.set(zone, [...(readyByZone.get(zone) ?? []), ready]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_NODES, queue.length) }, worker));
    if (this.stopping) return;
    const action = this.zones.update(readyByZone);
    if (action === 'enterFullDisruption') {
      // Read the nodes afresh: a taint written a moment ago may not be in the cache yet.
      const fresh = (await this.cs.resource<Node>(NODES).list()).items;
      for (const n of fresh) await this.tainter.markReachable(n).catch((err: Error) => this.logLine(`node-lifecycle: ${err.message}`));
    } else if (action === 'exitFullDisruption') {
      const now = this.now();
      for (const [name, h] of this.health) this.health.set(name, { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
    }
  }

  /** Updates one node's health; returns its Ready condition after this pass, or null when it could not be updated. */
  private async checkNode(cached: Node): Promise<NodeCondition | undefined | null> {
    const name = cached.metadata.name ?? '';
    let node = cached;
    let result;
    for (let i = 0; ; i++) {
      result = assessNodeHealth({
        node, saved: this.health.get(name), lease: this.leases.store.get(`${NODE_LEASE_NAMESPACE}/${name}`), now: this.now(),
        gracePeriodMs: this.o.gracePeriodMs ?? 40_000, startupGracePeriodMs: this.o.startupGracePeriodMs ?? 60_000,
      });
      this.health.set(name, result.health);
      if (!result.update) break;
      try {
        node = await this.cs.resource<Node>(NODES).updateStatus(result.update.node);
        this.health.set(name, result.update.health);
        break;
      } catch (err) {
        if (isNotFound(err) || i + 1 >= STATUS_UPDATE_TRIES) throw err;
      }
      node = await this.cs.resource<Node>(NODES).get(name);
    }
    const { observedReady, currentReady } = result;
    if (!currentReady) return undefined;
    await this.tainter.observe(node, observedReady).catch((err: Error) => this.logLine(`node-lifecycle: node ${name} taints: ${err.message}; will retry`));
    const retry = this.retryPods.has(name);
    const becameNotReady = currentReady.status !== 'True' && observedReady.status === 'True';
    if (becameNotReady) this.nodeEvent(node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
    if (becameNotReady || (retry && observedReady.status !== 'True')) {
      try {
        await markPodsNotReady(this.cs, this.recorder, this.pods.store.byIndex(POD_NODE_NAME_INDEX, name), name, this.now());
      } catch (err) {
        this.retryPods.add(name);
        this.logLine(`node-lifecycle: ${(err as Error).message}; will retry`);
        return currentReady;
      }
    }
    this.retryPods.delete(name);
    return currentReady;
  }

  private nodeEvent(node: Node, reason: string, message: string): void {
    this.recorder.event({ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }, 'Normal', reason, message);
  }
}

