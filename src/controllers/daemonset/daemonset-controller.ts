/**
 * The DaemonSet controller: one daemon pod on every node that should run it (node name, node
 * selector and required affinity, taints against the template's and the daemon tolerations), each
 * pinned to its node by required node affinity for the scheduler to bind. It claims pods and
 * ControllerRevisions by selector, keeps the current revision (its hash labels the pods), replaces
 * old pods by RollingUpdate (maxUnavailable, or maxSurge) or only when deleted (OnDelete), deletes
 * failed pods with back-off, trims history to revisionHistoryLimit and writes the status
 * `kubectl get ds` and `kubectl rollout status` read. Expectations keep it from acting twice on a
 * stale cache.
 */
import {
  isConflict, isNotFound, keyOf, NAMESPACE_INDEX, type Clientset, type Informer, type ResourceClient, type SharedInformerFactory,
} from '../../client/index.js';
import {
  claimObjects, CONTROLLER_REVISION_HASH_LABEL, CONTROLLERREVISIONS, ControllerHistory, controllerOf, recheckOwner, type ControllerRevision,
} from '../history/index.js';
import { PODS, selectorMatches } from '../replicaset/index.js';
import { Controller, EventRecorder, Expectations, type ReconcileResult } from '../runtime/index.js';
import { targetNodeName } from './daemon-pods.js';
import { DaemonSetHistory } from './ds-history.js';
import { FailedPodBackoff } from './failed-pod-backoff.js';
import { nodeShouldRunDaemonPod } from './node-eligibility.js';
import { podsShouldBeOnNode } from './node-plan.js';
import { allowsSurge, isRollingUpdate, planRollingUpdate } from './rolling-update.js';
import { countStatus, nextStatus } from './status.js';
import { syncNodes } from './sync-nodes.js';
import { DAEMONSET_KIND, DAEMONSETS, NODES, type DaemonPod, type DaemonSet, type Node } from './types.js';

export interface DaemonSetControllerOptions {
  workers?: number;
  /** Pods created or deleted per DaemonSet and pass at most (Kubernetes: 250). */
  burstReplicas?: number;
  log?: (line: string) => void;
}

const TERMINAL = new Set(['Succeeded', 'Failed']);

export class DaemonSetController {
  readonly controller: Controller;
  readonly expectations = new Expectations();
  private readonly sets: Informer<DaemonSet>;
  private readonly pods: Informer<DaemonPod>;
  private readonly nodes: Informer<Node>;
  private readonly recorder: EventRecorder;
  private readonly history: DaemonSetHistory;
  private readonly backoff = new FailedPodBackoff();
  private readonly burst: number;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: DaemonSetControllerOptions = {}) {
    this.sets = informers.forResource<DaemonSet>(DAEMONSETS);
    this.pods = informers.forResource<DaemonPod>(PODS);
    this.nodes = informers.forResource<Node>(NODES);
    const revisions = informers.forResource<ControllerRevision>(CONTROLLERREVISIONS);
    this.history = new DaemonSetHistory(cs, new ControllerHistory(cs, revisions));
    this.recorder = new EventRecorder(cs, { component: 'daemonset-controller' }, { log: opts.log });
    this.burst = opts.burstReplicas ?? 250;
    this.pods.addEventHandler({
      onAdd: (p) => { const k = this.ownerKey(p); if (k) this.expectations.creationObserved(k); },
      onUpdate: (old, p) => {
        const k = this.ownerKey(p);
        if (k && p.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) this.expectations.deletionObserved(k, p.metadata.uid);
      },
      onDelete: (d) => {
        const p = (d as { obj?: DaemonPod }).obj ?? (d as DaemonPod);
        const k = this.ownerKey(p);
        if (k) this.expectations.deletionObserved(k, p.metadata.uid);
      },
    });
    this.nodes.addEventHandler({
      onAdd: () => this.enqueueAll(),
      onUpdate: (old, cur) => { if (nodeChanged(old, cur)) this.enqueueAll(); },
      onDelete: () => this.enqueueAll(),
    });
    this.controller = new Controller({ name: 'daemonset', workers: opts.workers ?? 2, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.sets)
      .watch(this.pods, (p) => this.keysFor(p))
      .watch(revisions, (r) => this.keysFor(r))
      .watch(this.nodes, () => undefined);
  }

  private enqueueAll(): void {
    for (const ds of this.sets.store.list()) this.controller.enqueue(keyOf(ds));
  }

  private ownerKey(o: DaemonPod | ControllerRevision): string | undefined {
    const ref = controllerOf(o);
    if (!ref || ref.kind !== 'DaemonSet' || !ref.apiVersion.startsWith('apps/')) return undefined;
    return `${o.metadata.namespace ?? ''}/${ref.name}`;
  }

  /** Its owner DaemonSet; or, for an orphan, every DaemonSet that could adopt it. */
  private keysFor(o: DaemonPod | ControllerRevision): string[] {
    const k = this.ownerKey(o);
    if (k) return [k];
    if (controllerOf(o) || o.metadata.deletionTimestamp) return [];
    return this.sets.store.byIndex(NAMESPACE_INDEX, o.metadata.namespace ?? '')
      .filter((ds) => selectorMatches(ds.spec?.selector, o.metadata.labels)).map(keyOf);
  }

  private podClient(ns: string): ResourceClient<DaemonPod> {
    return this.cs.resource<DaemonPod>(PODS).namespace(ns);
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const ds = this.sets.store.get(key);
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    const sel = ds.spec?.selector;
    if (sel && !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
      this.recorder.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.');
      return;
    }
    if (ds.metadata.deletionTimestamp) return;
    const nodes = this.nodes.store.list().sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const pods = await this.claimPods(ds);
    const { cur, old } = await this.history.construct(ds, pods);
    const hash = cur.metadata.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';
    if (!this.expectations.satisfied(key)) return this.updateStatus(ds, nodes, hash, false);
    const deps = { pods: this.podClient(ds.metadata.namespace ?? ''), expectations: this.expectations, recorder: this.recorder, burstReplicas: this.burst };
    const nodeToPods = groupByNode(pods, false);
    const requeue = await this.manage(key, ds, nodes, nodeToPods, hash, deps);
    if (this.expectations.satisfied(key) && isRollingUpdate(ds)) {
      const desired = new Map(nodeToPods);
      let count = 0;
      for (const node of nodes) {
        if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
        count++;
        if (!desired.has(node.metadata.name ?? '')) desired.set(node.metadata.name ?? '', []);
      }
      const step = planRollingUpdate(ds, desired, count, hash, Date.now());
      await syncNodes(deps, key, ds, step.podsToDelete, step.nodesToCreate, hash);
    }
    await this.history.cleanup(ds, old, pods);
    const r = await this.updateStatus(ds, nodes, hash, true);
    const after = [r?.requeueAfter, requeue].filter((n): n is number => n !== undefined && n > 0);
    return after.length ? { requeueAfter: Math.min(...after) } : undefined;
  }

  /** Pods this DaemonSet controls, after adoption and release. */
  private claimPods(ds: DaemonSet): Promise<DaemonPod[]> {
    const ns = ds.metadata.namespace ?? '';
    return claimObjects(this.pods.store.byIndex(NAMESPACE_INDEX, ns), {
      owner: ds, ownerKind: DAEMONSET_KIND, client: this.podClient(ns),
      matches: (p) => selectorMatches(ds.spec?.selector, p.metadata.labels),
      canAdopt: recheckOwner(() => this.cs.resource<DaemonSet>(DAEMONSETS).namespace(ns).get(ds.metadata.name ?? ''), ds.metadata.uid),
    });
  }

  /** The pods the cache shows as this DaemonSet's (no writes). */
  private ownedPods(ds: DaemonSet): DaemonPod[] {
    return this.pods.store.byIndex(NAMESPACE_INDEX, ds.metadata.namespace ?? '')
      .filter((p) => controllerOf(p)?.uid === ds.metadata.uid && selectorMatches(ds.spec?.selector, p.metadata.labels));
  }

  /** Creates and deletes pods node by node; returns a requeue delay when a failed pod waits out its back-off. */
  private async manage(key: string, ds: DaemonSet, nodes: readonly Node[], nodeToPods: Map<string, DaemonPod[]>, hash: string, deps: Parameters<typeof syncNodes>[0]): Promise<number | undefined> {
    const create: string[] = [];
    const del: DaemonPod[] = [];
    let requeue: number | undefined;
    const surge = allowsSurge(ds);
    const now = Date.now();
    for (const node of nodes) {
      const nodeName = node.metadata.name ?? '';
      const plan = podsShouldBeOnNode({ ds, nodeName, verdict: nodeShouldRunDaemonPod(node, ds), pods: nodeToPods.get(nodeName), hash, allowsSurge: surge, now, backoff: this.backoff });
      if (plan.create) create.push(nodeName);
      del.push(...plan.toDelete);
      for (const e of plan.events) this.recorder.event(ds, e.type, e.reason, e.message);
      if (plan.requeueAfterMs !== undefined) requeue = Math.min(requeue ?? plan.requeueAfterMs, plan.requeueAfterMs);
    }
    // Unscheduled pods aimed at nodes that no longer exist would never be cleaned up otherwise.
    const known = new Set(nodes.map((n) => n.metadata.name ?? ''));
    for (const [node, pods] of nodeToPods) if (!known.has(node)) del.push(...pods.filter((p) => !p.spec?.nodeName));
    await syncNodes(deps, key, ds, del, create, hash);
    return requeue;
  }

  private async updateStatus(ds: DaemonSet, nodes: readonly Node[], hash: string, observe: boolean): Promise<ReconcileResult | void> {
    const now = Date.now();
    const nodeToPods = groupByNode(this.ownedPods(ds), false);
    const counts = countStatus(ds, nodes, nodeToPods, hash, now);
    const status = nextStatus(ds, counts, observe);
    if (status) {
      const client = this.cs.resource<DaemonSet>(DAEMONSETS).namespace(ds.metadata.namespace ?? '');
      try {
        await client.updateStatus({ ...ds, status });
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err)) throw err;
        const fresh = await client.get(ds.metadata.name ?? '');
        await client.updateStatus({ ...fresh, status: { ...fresh.status, ...counts, observedGeneration: status.observedGeneration } });
      }
    }
    const minReady = ds.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && counts.numberReady !== counts.numberAvailable) return { requeueAfter: untilNextAvailable(nodeToPods, minReady, now) };
  }
}

/** Pods by the node they run on or are pinned to; deleted pods that finished are left out unless asked for. */
export function groupByNode(pods: readonly DaemonPod[], includeDeletedTerminal: boolean): Map<string, DaemonPod[]> {
  const out = new Map<string, DaemonPod[]>();
  for (const pod of pods) {
    if (!includeDeletedTerminal && TERMINAL.has(pod.status?.phase ?? '') && pod.metadata.deletionTimestamp) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = out.get(node);
    if (list) list.push(pod); else out.set(node, [pod]);
  }
  return out;
}

/** Milliseconds until the first ready pod passes minReadySeconds (at least 50, at most minReadySeconds). */
function untilNextAvailable(nodeToPods: ReadonlyMap<string, readonly DaemonPod[]>, minReady: number, now: number): number {
  let best = minReady * 1000;
  for (const pods of nodeToPods.values()) {
    for (const p of pods) {
      const c = p.status?.conditions?.find((x) => x.type === 'Ready');
      if (c?.status !== 'True' || !c.lastTransitionTime) continue;
      const wait = Date.parse(c.lastTransitionTime) + minReady * 1000 - now;
      if (wait > 0) best = Math.min(best, wait);
    }
  }
  return Math.max(best, 0) + 50;
}

/** A node change that can change where daemons run: labels, taints, schedulability. */
function nodeChanged(old: Node, cur: Node): boolean {
  return JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {})
    || JSON.stringify(old.spec?.taints ?? []) !== JSON.stringify(cur.spec?.taints ?? [])
    || (old.spec?.unschedulable ?? false) !== (cur.spec?.unschedulable ?? false);
}
