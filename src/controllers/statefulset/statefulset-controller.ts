/**
 * The StatefulSet controller: pods "<set>-<ordinal>" with stable identity and storage (claims from
 * volumeClaimTemplates, kept or deleted by the retention policy), created and removed in order
 * (OrderedReady) or all at once (Parallel), updated by RollingUpdate with a partition (and
 * maxUnavailable) or OnDelete, with ControllerRevisions for `kubectl rollout history/undo` and the
 * status `kubectl rollout status` reads. It adopts orphan revisions and claims pods whose labels
 * match its selector and whose names are its own.
 */
import {
  isConflict, isNotFound, keyOf, NAMESPACE_INDEX, type Clientset, type Informer, type ResourceClient, type SharedInformerFactory,
} from '../../client/index.js';
import {
  claimObjects, CONTROLLERREVISIONS, ControllerHistory, controllerOf, recheckOwner, sortRevisions, type ControllerRevision,
} from '../history/index.js';
import { PODS, selectorMatches } from '../replicaset/index.js';
import { Controller, EventRecorder, type ReconcileResult } from '../runtime/index.js';
import { isMemberOf, replicasOf } from './identity.js';
import { StatefulPodControl } from './pod-control.js';
import { completeRollingUpdate, statusChanged } from './replica-status.js';
import { revisionsToTruncate, statefulSetRevisions } from './revisions.js';
import {
  PERSISTENTVOLUMECLAIMS, STATEFULSET_KIND, STATEFULSETS, type PersistentVolumeClaim, type StatefulPod, type StatefulSet, type StatefulSetStatus,
} from './types.js';
import { updateStatefulSet } from './update-set.js';

export interface StatefulSetControllerOptions { workers?: number; log?: (line: string) => void }

export class StatefulSetController {
  readonly controller: Controller;
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<StatefulPod>;
  private readonly history: ControllerHistory;
  private readonly control: StatefulPodControl;

  constructor(private readonly cs: Clientset, informers: SharedInformerFactory, opts: StatefulSetControllerOptions = {}) {
    this.sets = informers.forResource<StatefulSet>(STATEFULSETS);
    this.pods = informers.forResource<StatefulPod>(PODS);
    const claims = informers.forResource<PersistentVolumeClaim>(PERSISTENTVOLUMECLAIMS);
    const revisions = informers.forResource<ControllerRevision>(CONTROLLERREVISIONS);
    this.history = new ControllerHistory(cs, revisions);
    const recorder = new EventRecorder(cs, { component: 'statefulset-controller' }, { log: opts.log });
    this.control = new StatefulPodControl(cs, claims, recorder);
    this.controller = new Controller({ name: 'statefulset', workers: opts.workers ?? 4, log: opts.log, reconcile: (key) => this.sync(key) })
      .watch(this.sets)
      .watch(this.pods, (p) => this.keysForPod(p))
      .watch(claims, () => undefined)
      .watch(revisions, () => undefined);
  }

  /** The owning set; or, for an orphan, every set whose selector matches it. */
  private keysForPod(p: StatefulPod): string[] {
    const ref = controllerOf(p);
    if (ref) return ref.kind === 'StatefulSet' && ref.apiVersion.startsWith('apps/') ? [`${p.metadata.namespace ?? ''}/${ref.name}`] : [];
    if (p.metadata.deletionTimestamp) return [];
    return this.sets.store.byIndex(NAMESPACE_INDEX, p.metadata.namespace ?? '')
      .filter((s) => selectorMatches(s.spec?.selector, p.metadata.labels)).map(keyOf);
  }

  private setClient(ns: string): ResourceClient<StatefulSet> {
    return this.cs.resource<StatefulSet>(STATEFULSETS).namespace(ns);
  }

  private async sync(key: string): Promise<ReconcileResult | void> {
    const set = this.sets.store.get(key);
    if (!set) return;
    const ns = set.metadata.namespace ?? '';
    const matches = (labels: Record<string, string> | undefined): boolean => selectorMatches(set.spec?.selector, labels);
    const canAdopt = recheckOwner(() => this.setClient(ns).get(set.metadata.name ?? ''), set.metadata.uid);
    const listed = this.history.list(set, matches);
    const orphans = listed.filter((r) => !controllerOf(r));
    if (orphans.length) {
      await claimObjects(orphans, { owner: set, ownerKind: STATEFULSET_KIND, matches: () => true, canAdopt, client: this.history.client(ns) });
    }
    const pods = await claimObjects(this.pods.store.byIndex(NAMESPACE_INDEX, ns), {
      owner: set, ownerKind: STATEFULSET_KIND, client: this.cs.resource<StatefulPod>(PODS).namespace(ns), canAdopt,
      matches: (p) => matches(p.metadata.labels) && isMemberOf(set, p),
    });

    const revisions = sortRevisions(listed);
    const { current, update, collisionCount } = await statefulSetRevisions(this.history, set, revisions);
    const outcome = await updateStatefulSet(this.control, set, current, update, collisionCount, pods);
    completeRollingUpdate(set, outcome.status);
    if (statusChanged(set, outcome.status)) await this.writeStatus(set, outcome.status);
    for (const rev of revisionsToTruncate(set, pods, revisions, [current, update])) await this.history.delete(rev);
    if (outcome.error) throw outcome.error;
    const minReady = set.spec?.minReadySeconds ?? 0;
    const waits = [outcome.requeueAfter, minReady > 0 && (outcome.status.availableReplicas ?? 0) !== replicasOf(set) ? minReady * 1000 : undefined]
      .filter((n): n is number => n !== undefined && n > 0);
    return waits.length ? { requeueAfter: Math.min(...waits) } : undefined;
  }

  /** UpdateStatefulSetStatus: the whole status, retried against a fresh read on conflict. */
  private async writeStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    const client = this.setClient(set.metadata.namespace ?? '');
    let cur = set;
    for (let attempt = 0; ; attempt++) {
      try {
        await client.updateStatus({ ...cur, status: { ...cur.status, ...status } });
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err) || attempt >= 4) throw err;
      }
      cur = await client.get(set.metadata.name ?? '');
    }
  }
}
