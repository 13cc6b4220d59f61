/**
 * Feeds the scheduler's Snapshot and queue from shared informers: assigned pods into the
 * snapshot, pending pods of this scheduler into the queue, and nodes, namespaces, volumes, storage
 * classes, disruption budgets, services and workloads into the snapshot. Cluster events that may
 * help parked pods (node added or changed, assigned pod deleted or finished, PV/PVC changes) move
 * them back to the active queue. Pods are seen through their priority resolved from
 * PriorityClasses, since no admission plugin sets spec.priority yet.
 */
import type { KObject } from '../api/index.js';
import { deletedObject, type DeletedFinalStateUnknown, type EventHandler, type Informer, type SharedInformerFactory } from '../client/index.js';
import { podKey } from './pod-info.js';
import type { SchedulingQueue } from './queue.js';
import type { Snapshot } from './snapshot.js';
import type { NodeView, PodView } from './types.js';
import type { WorkloadKind } from './workload-selectors.js';

const gvr = (group: string, version: string, resource: string) => ({ group, version, resource });
export const PODS = gvr('', 'v1', 'pods');
export const NODES = gvr('', 'v1', 'nodes');

interface PriorityClass extends KObject { value?: number; globalDefault?: boolean; preemptionPolicy?: string }

/** PriorityClasses by name, and the global default (Kubernetes' Priority admission, done late). */
export class PriorityResolver {
  private readonly classes = new Map<string, PriorityClass>();
  upsert(pc: PriorityClass): void { this.classes.set(pc.metadata.name ?? '', pc); }
  remove(name: string): void { this.classes.delete(name); }

  /** The pod with spec.priority (and preemptionPolicy) filled in when the API left them out. */
  view(pod: PodView): PodView {
    const spec = pod.spec;
    if (!spec || typeof spec.priority === 'number') return pod;
    let pc: PriorityClass | undefined;
    if (spec.priorityClassName) pc = this.classes.get(spec.priorityClassName);
    else for (const c of this.classes.values()) if (c.globalDefault && (!pc || (c.value ?? 0) > (pc.value ?? 0))) pc = c;
    if (!pc) return pod;
    return { ...pod, spec: { ...spec, priority: pc.value ?? 0, preemptionPolicy: spec.preemptionPolicy ?? pc.preemptionPolicy ?? 'PreemptLowerPriority' } };
  }
}

export interface FeedOptions {
  schedulerName: string;
  /** Keys of pods assumed (placed in the snapshot) whose binding has not been observed yet. */
  assumed: Map<string, string>;
  log: (line: string) => void;
}

function nodeChanged(a: NodeView, b: NodeView): boolean {
  const s = (x: unknown) => JSON.stringify(x ?? null);
  return s(a.metadata.labels) !== s(b.metadata.labels) || s(a.spec?.taints) !== s(b.spec?.taints)
    || !!a.spec?.unschedulable !== !!b.spec?.unschedulable || s(a.status?.allocatable) !== s(b.status?.allocatable)
    || s(a.status?.conditions?.map((c) => [c.type, c.status])) !== s(b.status?.conditions?.map((c) => [c.type, c.status]));
}

/** Is this pending pod one this scheduler should place? */
export function responsibleFor(pod: PodView, schedulerName: string): boolean {
  return !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === schedulerName
    && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** Registers the scheduler's informers on the factory; returns them (pods first) for sync checks. */
export function feedSnapshot(f: SharedInformerFactory, snap: Snapshot, queue: SchedulingQueue, prio: PriorityResolver, o: FeedOptions): Informer[] {
  const informers: Informer[] = [];
  const on = <T extends KObject>(resource: { group: string; version: string; resource: string }, h: EventHandler<T>): void => {
    let inf: Informer<T>;
    try {
      inf = f.forResource<T>(resource);
    } catch {
      o.log(`${resource.resource} is not served; not watched`);
      return;
    }
    inf.addEventHandler(h);
    informers.push(inf as unknown as Informer);
  };
  const move = (): void => queue.moveAllToActiveOrBackoff();

  const podEvent = (pod: PodView): void => {
    const key = podKey(pod);
    const view = prio.view(pod);
    if (pod.spec?.nodeName) {
      o.assumed.delete(key);
      queue.delete(key);
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      const had = snap.pod(key) !== undefined;
      snap.upsertPod(view);
      if (terminal && had) move();
      return;
    }
    if (o.assumed.has(key)) return; // our binding is on its way
    if (view.status?.nominatedNodeName) snap.nominate(view, view.status.nominatedNodeName);
    else snap.clearNomination(key);
    if (responsibleFor(pod, o.schedulerName)) queue.addOrUpdate(pod);
    else queue.delete(key);
  };
  on<PodView>(PODS, {
    onAdd: (p) => podEvent(p),
    onUpdate: (_old, p) => podEvent(p),
    onDelete: (d: PodView | DeletedFinalStateUnknown<PodView>) => {
      const pod = deletedObject(d);
      const key = podKey(pod);
      queue.delete(key);
      o.assumed.delete(key);
      const had = snap.pod(key) !== undefined;
      snap.removePod(key);
      if (had || pod.spec?.nodeName) move();
    },
  });
  on<NodeView>(NODES, {
    onAdd: (n) => { snap.upsertNode(n); move(); },
    onUpdate: (old, n) => { snap.upsertNode(n); if (nodeChanged(old, n)) move(); },
    onDelete: (d) => snap.removeNode(deletedObject(d).metadata.name ?? ''),
  });
  on<KObject>(gvr('', 'v1', 'namespaces'), {
    onAdd: (n) => snap.upsertNamespace(n),
    onUpdate: (_o, n) => snap.upsertNamespace(n),
    onDelete: (d) => snap.removeNamespace(deletedObject(d).metadata.name ?? ''),
  });
  on<KObject>(gvr('', 'v1', 'persistentvolumes'), {
    onAdd: (v) => { snap.upsertPV(v); move(); },
    onUpdate: (_o, v) => { snap.upsertPV(v); move(); },
    onDelete: (d) => snap.removePV(deletedObject(d).metadata.name ?? ''),
  });
  on<KObject>(gvr('', 'v1', 'persistentvolumeclaims'), {
    onAdd: (v) => { snap.upsertPVC(v); move(); },
    onUpdate: (_o, v) => { snap.upsertPVC(v); move(); },
    onDelete: (d) => { const m = deletedObject(d).metadata; snap.removePVC(m.namespace ?? 'default', m.name ?? ''); },
  });
  on<KObject>(gvr('storage.k8s.io', 'v1', 'storageclasses'), {
    onAdd: (v) => { snap.upsertStorageClass(v); move(); },
    onUpdate: (_o, v) => snap.upsertStorageClass(v),
    onDelete: (d) => snap.removeStorageClass(deletedObject(d).metadata.name ?? ''),
  });
  on<KObject>(gvr('policy', 'v1', 'poddisruptionbudgets'), {
    onAdd: (v) => snap.upsertPDB(v),
    onUpdate: (_o, v) => snap.upsertPDB(v),
    onDelete: (d) => { const m = deletedObject(d).metadata; snap.removePDB(m.namespace ?? 'default', m.name ?? ''); },
  });
  on<KObject>(gvr('', 'v1', 'services'), {
    onAdd: (v) => snap.workloads.upsertService(v),
    onUpdate: (_o, v) => snap.workloads.upsertService(v),
    onDelete: (d) => { const m = deletedObject(d).metadata; snap.workloads.removeService(m.namespace ?? 'default', m.name ?? ''); },
  });
  const workload = (kind: WorkloadKind, group: string, resource: string): void => on<KObject>(gvr(group, 'v1', resource), {
    onAdd: (v) => snap.workloads.upsertController({ ...v, kind }),
    onUpdate: (_o, v) => snap.workloads.upsertController({ ...v, kind }),
    onDelete: (d) => { const m = deletedObject(d).metadata; snap.workloads.removeController(kind, m.namespace ?? 'default', m.name ?? ''); },
  });
  workload('ReplicationController', '', 'replicationcontrollers');
  workload('ReplicaSet', 'apps', 'replicasets');
  workload('StatefulSet', 'apps', 'statefulsets');
  // Assigned pods seen before their PriorityClass get their priority once it arrives.
  const podInformer = informers[0] as unknown as Informer<PodView>;
  const classChanged = (pc: PriorityClass): void => {
    prio.upsert(pc);
    for (const p of podInformer.store.values()) {
      if (p.spec?.nodeName && typeof p.spec.priority !== 'number' && (p.spec.priorityClassName === pc.metadata.name || (!p.spec.priorityClassName && pc.globalDefault))) {
        if (snap.pod(podKey(p))) snap.upsertPod(prio.view(p));
      }
    }
  };
  on<PriorityClass>(gvr('scheduling.k8s.io', 'v1', 'priorityclasses'), {
    onAdd: (v) => classChanged(v),
    onUpdate: (_o, v) => classChanged(v),
    onDelete: (d) => prio.remove(deletedObject(d).metadata.name ?? ''),
  });
  return informers;
}
