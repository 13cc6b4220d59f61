/**
 * The replica controller Kubernetes runs twice: keeps `spec.replicas` active pods for each object of
 * its kind (ReplicaSets; ReplicationControllers through their ReplicaKind). It adopts orphan pods its
 * selector matches and releases owned pods that stop matching; creates pods from the template
 * (generateName "<name>-", a controller reference that blocks owner deletion) in slow-start batches
 * and deletes the pods Kubernetes' ranking puts first; expectations keep it from acting twice on a
 * stale cache. Status counts replicas, fully labeled, ready and available pods (minReadySeconds),
 * with the ReplicaFailure condition when creating or deleting fails. Events: SuccessfulCreate,
 * SuccessfulDelete, FailedCreate, FailedDelete.
 */
import type { OwnerReference } from '../../api/index.js';
import {
  isNotFound, keyOf, NAMESPACE_INDEX, type Clientset, type GroupVersionResource, type Informer, type SharedInformerFactory,
} from '../../client/index.js';
import { Controller, EventRecorder, Expectations, referenceTo, rfc3339, type ObjectReference } from '../runtime/index.js';
import { isTerminating } from '../serviceaccount/index.js';
import { controllerRef } from './controller-ref.js';
import { isActive, isAvailable, isReady, rankForDeletion, untilAvailable, type Pod } from './pods.js';
import { groupOf, type ReplicaCondition as Condition, type ReplicaKind, type ReplicatedObject } from './replica-kind.js';
import { selectorMatches } from './selector.js';

export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };
/** At most this many pods are created or deleted in one pass, as Kubernetes' burstReplicas. */
export const BURST_REPLICAS = 500;

export interface ReplicaControllerOptions { workers?: number; log?: (line: string) => void }

export class ReplicaController<T extends ReplicatedObject> {
  readonly controller: Controller;
  readonly expectations = new Expectations();
  private readonly sets: Informer<T>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, private readonly kind: ReplicaKind<T>, opts: ReplicaControllerOptions = {}) {
    this.sets = informers.forResource<T>(kind.resource);
    this.pods = informers.forResource<Pod>(PODS);
    this.recorder = new EventRecorder(cs, { component: kind.component }, { log: opts.log });
    this.pods.addEventHandler({
      onAdd: (p) => { const k = this.ownerKey(p); if (k) this.expectations.creationObserved(k); },
      onUpdate: (old, p) => {
        const k = this.ownerKey(p);
        if (k && p.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) this.expectations.deletionObserved(k, p.metadata.uid);
      },
      onDelete: (d) => {
        const p = (d as { obj?: Pod }).obj ?? (d as Pod);
        const k = this.ownerKey(p);
        if (k) this.expectations.deletionObserved(k, p.metadata.uid);
      },
    });
    this.controller = new Controller({ name: kind.name, workers: opts.workers ?? 4, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.sets)
      .watch(this.pods, (p) => this.keysForPod(p));
  }

  /** The key of the pod's controller reference, if it is of this controller's kind. */
  private ownerKey(p: Pod): string | undefined {
    const ref = controllerRef(p);
    if (!ref || ref.kind !== this.kind.kind || groupOf(ref.apiVersion) !== this.kind.resource.group) return undefined;
    return `${p.metadata.namespace ?? ''}/${ref.name}`;
  }

  /** Its owner; or, for an orphan, every object of the kind that could adopt it. */
  private keysForPod(p: Pod): string[] {
    const k = this.ownerKey(p);
    if (k) return [k];
    if (controllerRef(p) || p.metadata.deletionTimestamp) return [];
    return this.sets.store.byIndex(NAMESPACE_INDEX, p.metadata.namespace ?? '')
      .filter((rs) => selectorMatches(this.kind.selector(rs), p.metadata.labels)).map(keyOf);
  }

  private async sync(key: string): Promise<{ requeueAfter: number } | void> {
    const rs = this.sets.store.get(key);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const pods = await this.claimPods(rs);
    const active = pods.filter(isActive);
    let failure: Condition | undefined;
    if (this.expectations.satisfied(key) && !rs.metadata.deletionTimestamp) {
      failure = await this.manageReplicas(key, rs, active);
    }
    return this.updateStatus(rs, active, failure);
  }

  /** The pods this object controls, after adopting matching orphans and releasing owned pods that no longer match. */
  private async claimPods(rs: T): Promise<Pod[]> {
    const ns = rs.metadata.namespace ?? '';
    const uid = rs.metadata.uid ?? '';
    const client = this.cs.resource<Pod>(PODS).namespace(ns);
    const selector = this.kind.selector(rs);
    const out: Pod[] = [];
    for (const p of this.pods.store.byIndex(NAMESPACE_INDEX, ns)) {
      const ref = controllerRef(p);
      const matches = selectorMatches(selector, p.metadata.labels);
      if (ref && ref.uid === uid) {
        if (matches) { out.push(p); continue; }
        if (rs.metadata.deletionTimestamp) continue;
        const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        await client.patch(p.metadata.name ?? '', 'json', [
          { op: 'test', path: '/metadata/uid', value: p.metadata.uid },
          refs.length ? { op: 'replace', path: '/metadata/ownerReferences', value: refs } : { op: 'remove', path: '/metadata/ownerReferences' },
        ]).catch((err: unknown) => { if (!isNotFound(err)) throw err; });
        continue;
      }
      if (ref || !matches || p.metadata.deletionTimestamp || rs.metadata.deletionTimestamp) continue;
      // Adopt, after checking with the server that this object is still the one we cached.
      const fresh = await this.cs.resource<T>(this.kind.resource).namespace(ns).get(rs.metadata.name ?? '').catch(() => undefined);
      if (!fresh || fresh.metadata.uid !== uid || fresh.metadata.deletionTimestamp) return out;
      const refs = [...(p.metadata.ownerReferences ?? []), this.ownerRef(rs)];
      try {
        out.push(await client.patch(p.metadata.name ?? '', 'json', [
          { op: 'test', path: '/metadata/uid', value: p.metadata.uid },
          { op: 'add', path: '/metadata/ownerReferences', value: refs },
        ]));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return out;
  }

  /** Creates or deletes pods toward spec.replicas; returns a ReplicaFailure condition when that failed. */
  private async manageReplicas(key: string, rs: T, active: Pod[]): Promise<Condition | undefined> {
    const want = rs.spec?.replicas ?? 1;
    const diff = active.length - want;
    const ns = rs.metadata.namespace ?? '';
    const client = this.cs.resource<Pod>(PODS).namespace(ns);
    if (diff < 0) {
      let toCreate = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expectCreations(key, toCreate);
      let batch = 1;
      while (toCreate > 0) {
        const n = Math.min(batch, toCreate);
        const results = await Promise.allSettled(Array.from({ length: n }, () => client.create(this.newPod(rs))));
        toCreate -= n;
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        for (const r of results) if (r.status === 'fulfilled') this.recorder.event(this.ref(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name ?? ''}`);
        if (failed.length) {
          // The pods not created will never be observed; skip the rest of this pass.
          for (let i = 0; i < failed.length + toCreate; i++) this.expectations.creationObserved(key);
          const err = failed[0].reason as Error;
          if (isTerminating(err)) return undefined;
          this.recorder.event(this.ref(rs), 'Warning', 'FailedCreate', `Error creating: ${err.message}`);
          return { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: err.message };
        }
        batch *= 2;
      }
      return undefined;
    }
    if (diff > 0) {
      const victims = rankForDeletion(active).slice(0, Math.min(diff, BURST_REPLICAS));
      this.expectations.expectDeletionsOf(key, victims.map((p) => p.metadata.uid ?? ''));
      let failure: Condition | undefined;
      await Promise.all(victims.map(async (p) => {
        try {
          await client.delete(p.metadata.name ?? '', { preconditions: { uid: p.metadata.uid } });
          this.recorder.event(this.ref(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name ?? ''}`);
        } catch (err) {
          this.expectations.deletionObserved(key, p.metadata.uid);
          if (isNotFound(err)) return;
          this.recorder.event(this.ref(rs), 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
          failure = { type: 'ReplicaFailure', status: 'True', reason: 'FailedDelete', message: (err as Error).message };
        }
      }));
      return failure;
    }
    return undefined;
  }

  private newPod(rs: T): Pod {
    const t = rs.spec?.template ?? {};
    const meta = t.metadata ?? {};
    return {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata.name ?? ''}-`, namespace: rs.metadata.namespace,
        labels: { ...meta.labels }, annotations: meta.annotations ? { ...meta.annotations } : undefined,
        finalizers: meta.finalizers ? [...meta.finalizers] : undefined, ownerReferences: [this.ownerRef(rs)],
      },
      spec: structuredClone(t.spec ?? {}) as Pod['spec'],
    };
  }

  private async updateStatus(rs: T, active: Pod[], failure: Condition | undefined): Promise<{ requeueAfter: number } | void> {
    const now = Date.now();
    const minReady = rs.spec?.minReadySeconds ?? 0;
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const fullyLabeled = active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v));
    let conditions = (rs.status?.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    const old = rs.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    if (failure) {
      conditions = [...conditions, old && old.status === failure.status ? { ...failure, lastTransitionTime: old.lastTransitionTime } : { ...failure, lastTransitionTime: rfc3339() }];
    } else if (old && (rs.spec?.replicas ?? 1) !== active.length) {
      conditions = [...conditions, old];
    }
    const status: NonNullable<ReplicatedObject['status']> = {
      replicas: active.length,
      fullyLabeledReplicas: fullyLabeled.length,
      readyReplicas: active.filter(isReady).length,
      availableReplicas: active.filter((p) => isAvailable(p, minReady, now)).length,
      observedGeneration: rs.metadata.generation,
    };
    if (conditions.length) status.conditions = conditions;
    const cur = { ...rs.status };
    if (!cur.conditions?.length) delete cur.conditions;
    if (JSON.stringify(normalize(cur)) !== JSON.stringify(normalize(status))) {
      try {
        await this.cs.resource<T>(this.kind.resource).namespace(rs.metadata.namespace ?? '').updateStatus({ ...rs, status });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const waits = active.map((p) => untilAvailable(p, minReady, now)).filter((w): w is number => w !== undefined);
    if (waits.length) return { requeueAfter: Math.min(...waits) + 50 };
  }

  private ownerRef(rs: T): OwnerReference {
    return { apiVersion: this.kind.apiVersion, kind: this.kind.kind, name: rs.metadata.name ?? '', uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
  }

  /** The object's reference for Events, with its kind even when the cache dropped it. */
  private ref(rs: T): ObjectReference {
    return referenceTo({ ...rs, apiVersion: this.kind.apiVersion, kind: this.kind.kind });
  }
}

function normalize(s: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration', 'conditions']) out[k] = s[k] ?? (k === 'conditions' ? undefined : 0);
  return out;
}
