/**
 * Selectors of the Services, ReplicationControllers, ReplicaSets and StatefulSets a pod belongs
 * to, from which PodTopologySpread's system default constraints take their selector
 * (helper.DefaultSelector): the label sets of the Services selecting the pod merged with its
 * controlling RC's selector, plus the requirements of its controlling ReplicaSet or StatefulSet.
 */
import { compileLabelSelector, type Labels, Selector, selectorFromSet } from './labels.js';
import type { PodInfo } from './pod-info.js';
import type { LabelSelector } from './types.js';
import type { KObject } from '../api/index.js';

export type WorkloadKind = 'ReplicationController' | 'ReplicaSet' | 'StatefulSet';

interface Controller { kind: WorkloadKind; matchLabels?: Labels; selector?: LabelSelector | null }

const GROUP_OF: Record<WorkloadKind, string> = { ReplicationController: '', ReplicaSet: 'apps', StatefulSet: 'apps' };

export class WorkloadSelectors {
  private readonly services = new Map<string, Map<string, Labels>>();
  private readonly controllers = new Map<string, Controller>();

  upsertService(svc: KObject): void {
    const ns = svc.metadata.namespace ?? 'default';
    const spec = svc.spec as { selector?: Labels | null } | undefined;
    let m = this.services.get(ns);
    if (!spec?.selector) { m?.delete(svc.metadata.name ?? ''); return; }
    if (!m) this.services.set(ns, (m = new Map()));
    m.set(svc.metadata.name ?? '', spec.selector);
  }

  removeService(namespace: string, name: string): void {
    this.services.get(namespace)?.delete(name);
  }

  upsertController(obj: KObject): void {
    const kind = obj.kind as WorkloadKind;
    if (!(kind in GROUP_OF)) return;
    const spec = obj.spec as { selector?: unknown } | undefined;
    const key = `${kind}/${obj.metadata.namespace ?? 'default'}/${obj.metadata.name ?? ''}`;
    this.controllers.set(key, kind === 'ReplicationController'
      ? { kind, matchLabels: (spec?.selector ?? {}) as Labels }
      : { kind, selector: (spec?.selector ?? null) as LabelSelector | null });
  }

  removeController(kind: WorkloadKind, namespace: string, name: string): void {
    this.controllers.delete(`${kind}/${namespace}/${name}`);
  }

  /** The pod's default spreading selector; empty when nothing selects or owns it. */
  defaultSelector(pod: PodInfo): Selector {
    let set: Record<string, string> = {};
    for (const sel of this.services.get(pod.namespace)?.values() ?? []) {
      if (selectorFromSet(sel).matches(pod.labels)) set = { ...set, ...sel };
    }
    let selector = selectorFromSet(set);
    const owner = pod.pod.metadata.ownerReferences?.find((o) => o.controller);
    if (!owner) return selector;
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
    const kind = owner.kind as WorkloadKind;
    if (!(kind in GROUP_OF) || GROUP_OF[kind] !== group) return selector;
    const c = this.controllers.get(`${kind}/${pod.namespace}/${owner.name}`);
    if (!c) return selector;
    if (c.kind === 'ReplicationController') return selectorFromSet({ ...set, ...c.matchLabels });
    const other = compileLabelSelector(c.selector);
    if (other.nothing) return selector;
    selector = selector.and(other.requirements);
    return selector.empty ? Selector.EVERYTHING : selector;
  }
}
