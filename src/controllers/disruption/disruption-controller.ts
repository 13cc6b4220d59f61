/**
 * The disruption controller (Kubernetes' DisruptionController): keeps each PodDisruptionBudget's
 * status — currentHealthy, desiredHealthy, expectedPods, disruptionsAllowed, observedGeneration,
 * the DisruptionAllowed condition and the DisruptedPods the eviction API records — from the pods
 * its selector matches and, for percentages and maxUnavailable, the scale of their controllers.
 * When the status cannot be computed it fails safe: disruptionsAllowed 0 and the condition
 * DisruptionAllowed=False (SyncFailed). It also resets a DisruptionTarget condition that stayed
 * True two minutes on a pod that never began terminating. Events come from "controllermanager".
 */
import {
  deletedObject, isConflict, isNotFound, NAMESPACE_INDEX, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import { selectorMatches, type LabelSelector } from '../replicaset/index.js';
import { Controller, EventRecorder, rfc3339, type ReconcileResult } from '../runtime/index.js';
import {
  countHealthy, disruptedPodMap, nextStatus, scaledValue, setCondition, type PdbStatus, type PodDisruptionBudget, type PodLike,
} from './pdb-status.js';
import { WorkloadScales } from './workload-scale.js';

export const PODDISRUPTIONBUDGETS: GroupVersionResource = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };
const STALE_POD = 'pod:';

export interface DisruptionControllerOptions {
  /** The controller's clock (ms since the epoch); default Date.now. */
  now?: () => number;
  /** How long a DisruptionTarget condition may stay on a pod that is not terminating (default 2 min). */
  stalePodDisruptionTimeoutMs?: number;
  workers?: number;
  log?: (line: string) => void;
}

/** Go's %v of a *metav1.LabelSelector, as Kubernetes prints it in events. */
export function goLabelSelector(s: LabelSelector | null | undefined): string {
  if (!s) return 'nil';
  const labels = Object.keys(s.matchLabels ?? {}).sort().map((k) => `${k}: ${s.matchLabels?.[k] ?? ''},`).join('');
  const exprs = (s.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export class DisruptionController extends Controller {
  private readonly pdbs: Informer<PodDisruptionBudget>;
  private readonly pods: Informer<PodLike>;
  private readonly scales: WorkloadScales;
  private readonly recorder: EventRecorder;
  private readonly now: () => number;
  private readonly logLine: (line: string) => void;
  private podHandler?: { remove(): void };

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, private readonly o: DisruptionControllerOptions = {}) {
    const holder: { self?: DisruptionController } = {};
    super({ name: 'disruption', workers: o.workers ?? 2, log: o.log, reconcile: (key) => holder.self?.sync(key) });
    holder.self = this;
    this.now = o.now ?? Date.now;
    this.logLine = o.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.pdbs = informers.forResource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS);
    this.pods = informers.forResource<PodLike>(PODS);
    this.scales = new WorkloadScales(cs, informers);
    this.recorder = new EventRecorder(cs, { component: 'controllermanager' }, { log: o.log });
    this.watch(this.pdbs);
    // Read through their caches only (as Kubernetes' listers): watched so the workers wait for them.
    this.watch(this.pods, () => undefined);
    for (const inf of this.scales.informers) this.watch(inf, () => undefined);
  }

  override async start(): Promise<boolean> {
    const started = super.start();
    this.podHandler ??= this.pods.addEventHandler({
      onAdd: (p) => this.podChanged(p, true),
      onUpdate: (_, p) => this.podChanged(p, true),
      onDelete: (d) => this.podChanged(deletedObject(d), false),
    });
    return started;
  }

  override async stop(): Promise<void> {
    this.podHandler?.remove();
    this.podHandler = undefined;
    await super.stop();
    await this.recorder.flush();
  }

  private podChanged(p: PodLike, live: boolean): void {
    const ns = p.metadata.namespace ?? '';
    const pdbs = this.pdbs.store.byIndex(NAMESPACE_INDEX, ns)
      .filter((b) => selectorMatches(b.spec?.selector ?? undefined, p.metadata.labels))
      .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    if (live && pdbs.length > 1) {
      this.recorder.event(p, 'Warning', 'MultiplePodDisruptionBudgets',
        `Pod ${JSON.stringify(ns)}/${JSON.stringify(p.metadata.name ?? '')} matches multiple PodDisruptionBudgets.  Chose ${JSON.stringify(pdbs[0].metadata.name ?? '')} arbitrarily.`);
    }
    for (const b of pdbs) this.enqueue(`${ns}/${b.metadata.name ?? ''}`);
    if (!live) return;
    const wait = this.staleDisruptionWait(p);
    if (wait !== undefined) this.enqueueAfter(`${STALE_POD}${ns}/${p.metadata.name ?? ''}`, wait);
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    if (key.startsWith(STALE_POD)) return this.syncStalePod(key.slice(STALE_POD.length));
    const pdb = this.pdbs.store.get(key);
    if (!pdb) return;
    try {
      return await this.trySync(pdb);
    } catch (err) {
      if (isConflict(err)) throw err;
      this.logLine(`disruption: cannot sync PodDisruptionBudget ${key}: ${(err as Error).message}`);
      await this.failSafe(pdb, err as Error);
    }
  }

  private async trySync(pdb: PodDisruptionBudget): Promise<ReconcileResult | void> {
    const ns = pdb.metadata.namespace ?? '';
    const pods = this.pods.store.byIndex(NAMESPACE_INDEX, ns).filter((p) => selectorMatches(pdb.spec?.selector ?? undefined, p.metadata.labels));
    if (!pods.length) this.recorder.event(pdb, 'Normal', 'NoPods', 'No matching pods found');
    let counts: { expected: number; desired: number; unmanaged: string[] };
    try {
      counts = await this.expectedPodCount(pdb, pods);
    } catch (err) {
      this.recorder.event(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${(err as Error).message}`);
      throw err;
    }
    if (counts.unmanaged.length) {
      this.recorder.event(pdb, 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${goLabelSelector(pdb.spec?.selector)}) were found `
        + 'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. '
        + 'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.');
    }
    const now = this.now();
    const { map, recheckAt, notDeleted } = disruptedPodMap(pods, pdb, now);
    for (const p of notDeleted) this.recorder.event(p, 'Warning', 'NotDeleted', `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`);
    const status = nextStatus(pdb, {
      currentHealthy: countHealthy(pods, map, now), desiredHealthy: counts.desired, expectedPods: counts.expected, disruptedPods: map,
    }, rfc3339(new Date(now)));
    if (status) await this.writeStatus(pdb, status);
    if (recheckAt !== undefined) return { requeueAfter: Math.max(1, recheckAt - now) };
  }

  private async expectedPodCount(pdb: PodDisruptionBudget, pods: PodLike[]): Promise<{ expected: number; desired: number; unmanaged: string[] }> {
    const { maxUnavailable, minAvailable } = pdb.spec ?? {};
    if (maxUnavailable !== undefined && maxUnavailable !== null) {
      const { expected, unmanaged } = await this.scales.expectedScale(pods);
      return { expected, desired: Math.max(0, expected - scaledValue(maxUnavailable, expected, true)), unmanaged };
    }
    if (minAvailable !== undefined && minAvailable !== null) {
      if (typeof minAvailable === 'number') return { expected: pods.length, desired: minAvailable, unmanaged: [] };
      const { expected, unmanaged } = await this.scales.expectedScale(pods);
      return { expected, desired: scaledValue(minAvailable, expected, true), unmanaged };
    }
    return { expected: 0, desired: 0, unmanaged: [] };
  }

  private async failSafe(pdb: PodDisruptionBudget, err: Error): Promise<void> {
    const st = pdb.status ?? {};
    const status: PdbStatus = {
      ...st, disruptionsAllowed: 0, currentHealthy: st.currentHealthy ?? 0, desiredHealthy: st.desiredHealthy ?? 0, expectedPods: st.expectedPods ?? 0,
      conditions: setCondition(st.conditions, {
        type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: err.message, observedGeneration: st.observedGeneration,
      }, rfc3339(new Date(this.now()))),
    };
    await this.writeStatus(pdb, status);
  }

  private async writeStatus(pdb: PodDisruptionBudget, status: PdbStatus): Promise<void> {
    try {
      await this.cs.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS).namespace(pdb.metadata.namespace ?? '').updateStatus({ ...pdb, status });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Milliseconds until a stale DisruptionTarget condition should be reset, or undefined when it has none. */
  private staleDisruptionWait(p: PodLike): number | undefined {
    if (p.metadata.deletionTimestamp) return undefined;
    const c = p.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
    const phase = p.status?.phase;
    if (!c || c.status !== 'True' || c.reason === 'TerminationByKubelet' || phase === 'Succeeded' || phase === 'Failed') return undefined;
    const since = Date.parse(c.lastTransitionTime ?? '');
    const elapsed = Number.isNaN(since) ? 0 : this.now() - since;
    return Math.max(0, (this.o.stalePodDisruptionTimeoutMs ?? 120_000) - elapsed);
  }

  private async syncStalePod(key: string): Promise<ReconcileResult | void> {
    const pod = this.pods.store.get(key);
    if (!pod) return;
    const wait = this.staleDisruptionWait(pod);
    if (wait === undefined) return;
    if (wait > 0) return { requeueAfter: wait };
    const next = structuredClone(pod);
    const conditions = next.status?.conditions ?? [];
    const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
    conditions[i] = { type: 'DisruptionTarget', status: 'False', lastTransitionTime: rfc3339(new Date(this.now())) };
    try {
      await this.cs.resource<PodLike>(PODS).namespace(pod.metadata.namespace ?? '').updateStatus(next);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
