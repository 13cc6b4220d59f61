/**
 * The Deployment controller: rolls a Deployment's pods from one ReplicaSet to the next. The new
 * ReplicaSet is named "<deployment>-<pod-template-hash>" and carries the hash in its selector and
 * labels; revisions are kept in deployment.kubernetes.io/revision on both; RollingUpdate respects
 * maxSurge and maxUnavailable, Recreate scales the old sets to zero before the new one starts;
 * old sets beyond revisionHistoryLimit are deleted; the status and the Progressing/Available
 * conditions are those `kubectl rollout status` and `kubectl get deploy` read.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import {
  isAlreadyExists, isNotFound, keyOf, NAMESPACE_INDEX, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import { Controller, EventRecorder } from '../runtime/index.js';
import { controllerRef, REPLICASETS, selectorMatches, type ReplicaSet } from '../replicaset/index.js';
import { computeStatus, setCondition } from './conditions.js';
import { computeHash } from './hash.js';
import { oldScaleDown } from './rolling.js';
import {
  DESIRED_REPLICAS, HASH_LABEL, MAX_REPLICAS, maxSurge, REVISION, revisionOf, sameTemplate, specReplicas, sum, type Deployment,
} from './util.js';

export const DEPLOYMENTS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'deployments' };

export interface DeploymentControllerOptions { workers?: number; log?: (line: string) => void }

export class DeploymentController {
  readonly controller: Controller;
  private readonly deployments: Informer<Deployment>;
  private readonly sets: Informer<ReplicaSet>;
  private readonly recorder: EventRecorder;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: DeploymentControllerOptions = {}) {
    this.deployments = informers.forResource<Deployment>(DEPLOYMENTS);
    this.sets = informers.forResource<ReplicaSet>(REPLICASETS);
    this.recorder = new EventRecorder(cs, { component: 'deployment-controller' }, { log: opts.log });
    this.controller = new Controller({ name: 'deployment', workers: opts.workers ?? 4, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.deployments)
      .watch(this.sets, (rs) => {
        const ref = controllerRef(rs);
        if (ref?.kind === 'Deployment') return `${rs.metadata.namespace ?? ''}/${ref.name}`;
        if (ref) return undefined;
        return this.deployments.store.byIndex(NAMESPACE_INDEX, rs.metadata.namespace ?? '')
          .filter((d) => selectorMatches(d.spec?.selector, rs.metadata.labels)).map(keyOf);
      });
  }

  private rsClient(ns: string) {
    return this.cs.resource<ReplicaSet>(REPLICASETS).namespace(ns);
  }

  private async sync(key: string): Promise<{ requeueAfter: number } | void> {
    const d = this.deployments.store.get(key);
    if (!d || d.metadata.deletionTimestamp) return;
    const ns = d.metadata.namespace ?? '';
    const all = await this.claim(d);
    let newRS = all.find((rs) => sameTemplate(rs.spec?.template, d.spec?.template));
    const olds = all.filter((rs) => rs !== newRS);
    if (!d.spec?.paused) {
      const oldActive = olds.filter((rs) => specReplicas(rs) > 0 || (rs.status?.replicas ?? 0) > 0);
      const recreate = d.spec?.strategy?.type === 'Recreate';
      if (recreate && oldActive.length) {
        for (const rs of oldActive) if (specReplicas(rs) > 0) await this.scale(d, rs, 0);
      } else {
        if (!newRS) newRS = await this.createNew(d, olds);
        if (!newRS) return { requeueAfter: 100 };
        newRS = await this.syncRevision(d, newRS, olds);
        if (recreate) {
          if (specReplicas(newRS) !== (d.spec?.replicas ?? 1)) newRS = await this.scale(d, newRS, d.spec?.replicas ?? 1);
        } else {
          newRS = await this.rollNew(d, newRS, all);
          await this.rollOld(d, newRS, olds);
        }
      }
      await this.cleanup(d, olds);
    }
    const status = computeStatus(d, newRS, [...olds, ...(newRS ? [newRS] : [])], new Date());
    if (JSON.stringify(status) !== JSON.stringify(d.status ?? {})) {
      await this.cs.resource<Deployment>(DEPLOYMENTS).namespace(ns).updateStatus({ ...d, status }).catch((err: unknown) => { if (!isNotFound(err)) throw err; });
    }
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    if (progressing && progressing.reason !== 'NewReplicaSetAvailable' && progressing.status === 'True') return { requeueAfter: 1000 };
  }

  /** ReplicaSets the Deployment controls, after adopting orphans its selector matches. */
  private async claim(d: Deployment): Promise<ReplicaSet[]> {
    const uid = d.metadata.uid ?? '';
    const out: ReplicaSet[] = [];
    for (const rs of this.sets.store.byIndex(NAMESPACE_INDEX, d.metadata.namespace ?? '')) {
      const ref = controllerRef(rs);
      if (ref?.uid === uid) { out.push(rs); continue; }
      if (ref || rs.metadata.deletionTimestamp || !selectorMatches(d.spec?.selector, rs.metadata.labels)) continue;
      try {
        out.push(await this.rsClient(rs.metadata.namespace ?? '').patch(rs.metadata.name ?? '', 'json', [
          { op: 'test', path: '/metadata/uid', value: rs.metadata.uid },
          { op: 'add', path: '/metadata/ownerReferences', value: [...(rs.metadata.ownerReferences ?? []), ownerRef(d)] },
        ]));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return out;
  }

  private async createNew(d: Deployment, olds: ReplicaSet[]): Promise<ReplicaSet | undefined> {
    const ns = d.metadata.namespace ?? '';
    const hash = computeHash(d.spec?.template, d.status?.collisionCount);
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [HASH_LABEL]: hash };
    const revision = Math.max(0, ...olds.map(revisionOf)) + 1;
    const replicas = d.spec?.strategy?.type === 'Recreate' ? d.spec?.replicas ?? 1 : this.newReplicas(d, 0, sum(olds, specReplicas));
    const name = `${d.metadata.name ?? ''}-${hash}`;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name, namespace: ns, labels: { ...template.metadata.labels }, ownerReferences: [ownerRef(d)],
        annotations: { [DESIRED_REPLICAS]: String(d.spec?.replicas ?? 1), [MAX_REPLICAS]: String((d.spec?.replicas ?? 1) + maxSurge(d)), [REVISION]: String(revision) },
      },
      spec: { replicas, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    let created: ReplicaSet;
    try {
      created = await this.rsClient(ns).create(rs);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      const existing = await this.rsClient(ns).get(name);
      if (controllerRef(existing)?.uid === d.metadata.uid && sameTemplate(existing.spec?.template, d.spec?.template)) return existing;
      // A hash collision: count it, so the next name differs.
      await this.cs.resource<Deployment>(DEPLOYMENTS).namespace(ns).updateStatus({ ...d, status: { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 } });
      return undefined;
    }
    if (replicas > 0) this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
    const conditions = setCondition(d.status?.conditions ?? [], { type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"` }, new Date());
    d.status = { ...d.status, conditions };
    return created;
  }

  /** The new set's revision is the newest; the Deployment carries it too. */
  private async syncRevision(d: Deployment, rs: ReplicaSet, olds: ReplicaSet[]): Promise<ReplicaSet> {
    const ns = d.metadata.namespace ?? '';
    const maxOld = Math.max(0, ...olds.map(revisionOf));
    let cur = rs;
    if (revisionOf(rs) <= maxOld) {
      cur = await this.rsClient(ns).patch(rs.metadata.name ?? '', 'merge', { metadata: { annotations: { [REVISION]: String(maxOld + 1) } } });
    }
    const rev = String(revisionOf(cur));
    if (d.metadata.annotations?.[REVISION] !== rev) {
      // Through the status subresource, as Kubernetes' controller does: no generation bump.
      await this.cs.resource<Deployment>(DEPLOYMENTS).namespace(ns).patch(d.metadata.name ?? '', 'merge', { metadata: { annotations: { [REVISION]: rev } } }, { subresource: 'status' });
    }
    if (!(d.status?.conditions ?? []).some((c) => c.type === 'Progressing')) {
      d.status = { ...d.status, conditions: setCondition(d.status?.conditions ?? [], { type: 'Progressing', status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${cur.metadata.name ?? ''}"` }, new Date()) };
    }
    return cur;
  }

  /** How many replicas the new set may have, given maxSurge. */
  private newReplicas(d: Deployment, current: number, others: number): number {
    const want = d.spec?.replicas ?? 1;
    const maxTotal = want + maxSurge(d);
    const total = current + others;
    if (total >= maxTotal) return current;
    return current + Math.max(0, Math.min(maxTotal - total, want - current));
  }

  private async rollNew(d: Deployment, rs: ReplicaSet, all: ReplicaSet[]): Promise<ReplicaSet> {
    const want = d.spec?.replicas ?? 1;
    const cur = specReplicas(rs);
    if (cur === want) return rs;
    if (cur > want) return this.scale(d, rs, want);
    const others = sum(all.filter((x) => x.metadata.uid !== rs.metadata.uid), specReplicas);
    const next = this.newReplicas(d, cur, others);
    return next === cur ? rs : this.scale(d, rs, next);
  }

  /** Scales old sets down as far as maxUnavailable allows (see rolling.ts). */
  private async rollOld(d: Deployment, newRS: ReplicaSet, olds: ReplicaSet[]): Promise<void> {
    const after = oldScaleDown(d, newRS, olds);
    for (const rs of olds) {
      const target = after.get(rs.metadata.uid ?? '') ?? 0;
      if (target !== specReplicas(rs)) await this.scale(d, rs, target);
    }
  }

  private async scale(d: Deployment, rs: ReplicaSet, to: number): Promise<ReplicaSet> {
    const from = specReplicas(rs);
    const updated = await this.rsClient(rs.metadata.namespace ?? '').patch(rs.metadata.name ?? '', 'merge', {
      metadata: { annotations: { [DESIRED_REPLICAS]: String(d.spec?.replicas ?? 1), [MAX_REPLICAS]: String((d.spec?.replicas ?? 1) + maxSurge(d)) } },
      spec: { replicas: to },
    });
    this.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name ?? ''} from ${from} to ${to}`);
    return updated;
  }

  /** Deletes the oldest empty old sets beyond revisionHistoryLimit (default 10). */
  private async cleanup(d: Deployment, olds: ReplicaSet[]): Promise<void> {
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    const empty = olds.filter((rs) => specReplicas(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp
      && (rs.status?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0)).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of empty.slice(0, Math.max(0, olds.length - limit))) {
      await this.rsClient(rs.metadata.namespace ?? '').delete(rs.metadata.name ?? '', { preconditions: { uid: rs.metadata.uid } })
        .catch((err: unknown) => { if (!isNotFound(err)) throw err; });
    }
  }
}

function ownerRef(d: KObject): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}
