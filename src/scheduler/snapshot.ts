/**
 * The scheduler's in-memory view of the cluster: nodes with their pods and aggregates, a label
 * index of assigned pods, image spread, namespaces' labels, volumes, disruption budgets and the
 * workload selectors default spreading needs. Every change is incremental — O(1) per pod or node
 * plus its labels — so a scheduling decision never re-walks all pods. Informer handlers call the
 * upsert/remove methods; the scheduling cycle only reads (it runs synchronously between events).
 *
 * Pods are tracked once assigned (spec.nodeName set) and while not terminal (Succeeded/Failed
 * pods hold no resources, as kube-scheduler's informer leaves them out).
 */
import type { Labels, Selector } from './labels.js';
import { NodeInfo } from './node-info.js';
import { PodLabelIndex } from './pod-index.js';
import { podKey, PodInfo } from './pod-info.js';
import { WorkloadSelectors } from './workload-selectors.js';
import type {
  NamespaceView, NodeView, PersistentVolumeClaimView, PersistentVolumeView, PodDisruptionBudgetView, PodView, StorageClassView,
} from './types.js';

export class Snapshot {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly list: NodeInfo[] = [];
  private readonly podsByKey = new Map<string, PodInfo>();
  readonly podIndex = new PodLabelIndex();
  /** Assigned pods with podAffinity/podAntiAffinity, and those with required anti-affinity. */
  readonly podsWithAffinity = new Set<PodInfo>();
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();
  private readonly imageNodes = new Map<string, number>();
  private readonly nodeLabels = new Map<string, Map<string, number>>();
  private readonly namespaceLabels = new Map<string, Labels>();
  readonly pvs = new Map<string, PersistentVolumeView>();
  readonly pvcs = new Map<string, PersistentVolumeClaimView>();
  readonly storageClasses = new Map<string, StorageClassView>();
  readonly pdbs = new Map<string, PodDisruptionBudgetView>();
  readonly workloads = new WorkloadSelectors();
  /** Pods nominated to a node by preemption but not yet bound: node name → pod key → pod. */
  private readonly nominated = new Map<string, Map<string, PodInfo>>();
  private readonly nominationOf = new Map<string, string>();

  // ---- nodes ----

  /** Nodes that exist, in a stable order (the round-robin walks it). */
  get nodes(): readonly NodeInfo[] { return this.list; }
  get numNodes(): number { return this.list.length; }
  nodeInfo(name: string): NodeInfo | undefined {
    const n = this.infos.get(name);
    return n && n.node ? n : undefined;
  }

  /** The (existing) node an assigned pod of this snapshot is on. */
  nodeOf(p: PodInfo): NodeInfo | undefined {
    const n = p.assigned;
    return n && n.node ? n : undefined;
  }

  /** Values of a node label key with how many nodes carry each. */
  nodeLabelValues(key: string): ReadonlyMap<string, number> | undefined {
    return this.nodeLabels.get(key);
  }

  private countNodeLabels(info: NodeInfo, sign: 1 | -1): void {
    for (const k in info.labels) {
      let values = this.nodeLabels.get(k);
      if (!values) this.nodeLabels.set(k, (values = new Map()));
      const v = info.labels[k];
      const n = (values.get(v) ?? 0) + sign;
      if (n > 0) values.set(v, n); else values.delete(v);
      if (values.size === 0) this.nodeLabels.delete(k);
    }
  }

  upsertNode(node: NodeView): void {
    const name = node.metadata.name ?? '';
    let info = this.infos.get(name);
    if (!info) this.infos.set(name, (info = new NodeInfo(name)));
    if (info.node) { this.countImages(info, -1); this.countNodeLabels(info, -1); }
    info.setNode(node);
    this.countImages(info, 1);
    this.countNodeLabels(info, 1);
    if (info.index < 0) {
      info.index = this.list.length;
      this.list.push(info);
    }
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info || !info.node) return;
    this.countImages(info, -1);
    this.countNodeLabels(info, -1);
    this.unlist(info);
    info.node = undefined;
    if (info.pods.size === 0) this.infos.delete(name);
  }

  private unlist(info: NodeInfo): void {
    const last = this.list.pop()!;
    if (last !== info) {
      this.list[info.index] = last;
      last.index = info.index;
    }
    info.index = -1;
  }

  private countImages(info: NodeInfo, sign: 1 | -1): void {
    for (const name of info.images.keys()) {
      const n = (this.imageNodes.get(name) ?? 0) + sign;
      if (n > 0) this.imageNodes.set(name, n); else this.imageNodes.delete(name);
    }
  }

  /** How many nodes have this image (ImageStateSummary.NumNodes). */
  imageNodeCount(name: string): number { return this.imageNodes.get(name) ?? 0; }

  // ---- pods ----

  get numPods(): number { return this.podsByKey.size; }
  pod(key: string): PodInfo | undefined { return this.podsByKey.get(key); }

  /** Adds or replaces a pod. Unassigned or terminal pods are dropped from the snapshot. */
  upsertPod(pod: PodView): void {
    const key = podKey(pod);
    this.removePodByKey(key);
    const phase = pod.status?.phase;
    if (!pod.spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return;
    const p = new PodInfo(pod);
    let info = this.infos.get(p.nodeName);
    if (!info) this.infos.set(p.nodeName, (info = new NodeInfo(p.nodeName)));
    info.addPod(p);
    p.assigned = info;
    this.podsByKey.set(key, p);
    this.podIndex.add(p);
    if (p.hasAffinity) this.podsWithAffinity.add(p);
    if (p.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.add(p);
    this.clearNomination(key);
  }

  /** Records the scheduler's own decision before the binding lands ("assume"). */
  assumePod(pod: PodView, nodeName: string): void {
    this.upsertPod({ ...pod, spec: { ...pod.spec, nodeName } });
  }

  removePod(pod: PodView | string): void {
    const key = typeof pod === 'string' ? pod : podKey(pod);
    this.removePodByKey(key);
    this.clearNomination(key);
  }

  private removePodByKey(key: string): void {
    const p = this.podsByKey.get(key);
    if (!p) return;
    this.podsByKey.delete(key);
    this.podIndex.remove(p);
    this.podsWithAffinity.delete(p);
    this.podsWithRequiredAntiAffinity.delete(p);
    const info = this.infos.get(p.nodeName);
    if (!info) return;
    info.removePod(key);
    if (!info.node && info.pods.size === 0) this.infos.delete(p.nodeName);
  }

  // ---- nominations (preemption's reservations) ----

  nominate(pod: PodView, nodeName: string): void {
    const key = podKey(pod);
    this.clearNomination(key);
    let m = this.nominated.get(nodeName);
    if (!m) this.nominated.set(nodeName, (m = new Map()));
    m.set(key, new PodInfo(pod));
    this.nominationOf.set(key, nodeName);
  }

  clearNomination(key: string): void {
    const node = this.nominationOf.get(key);
    if (node === undefined) return;
    this.nominationOf.delete(key);
    const m = this.nominated.get(node);
    m?.delete(key);
    if (m && m.size === 0) this.nominated.delete(node);
  }

  nominatedPods(nodeName: string): Iterable<PodInfo> {
    return this.nominated.get(nodeName)?.values() ?? [];
  }

  get hasNominations(): boolean { return this.nominated.size > 0; }

  // ---- namespaces ----

  upsertNamespace(ns: NamespaceView): void {
    this.namespaceLabels.set(ns.metadata.name ?? '', ns.metadata.labels ?? {});
  }
  removeNamespace(name: string): void { this.namespaceLabels.delete(name); }
  namespaceLabelsOf(name: string): Labels | undefined { return this.namespaceLabels.get(name); }

  // ---- storage, budgets ----

  upsertPV(pv: PersistentVolumeView): void { this.pvs.set(pv.metadata.name ?? '', pv); }
  removePV(name: string): void { this.pvs.delete(name); }
  upsertPVC(pvc: PersistentVolumeClaimView): void { this.pvcs.set(nsKey(pvc), pvc); }
  removePVC(namespace: string, name: string): void { this.pvcs.delete(`${namespace}/${name}`); }
  upsertStorageClass(sc: StorageClassView): void { this.storageClasses.set(sc.metadata.name ?? '', sc); }
  removeStorageClass(name: string): void { this.storageClasses.delete(name); }
  upsertPDB(pdb: PodDisruptionBudgetView): void { this.pdbs.set(nsKey(pdb), pdb); }
  removePDB(namespace: string, name: string): void { this.pdbs.delete(`${namespace}/${name}`); }

  /** The selector default topology spreading uses for a pod (helper.DefaultSelector). */
  defaultSelector(pod: PodInfo): Selector {
    return this.workloads.defaultSelector(pod);
  }
}

function nsKey(o: { metadata: { namespace?: string; name?: string } }): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name ?? ''}`;
}
