/**
 * StatefulPodControl: the StatefulSet controller's writes to pods and claims, with the events
 * Kubernetes records on the set — "create Pod web-0 in StatefulSet web successful" (reason
 * SuccessfulCreate), "delete Pod …", "update Pod …", "create Claim data-web-0 Pod web-0 in
 * StatefulSet web success", and Failed* warnings ending "failed error: <cause>". A pod's claims are
 * created before the pod; after it, and whenever they drift, the claims' owner references are set
 * from the retention policy. Claims are read from the informer.
 */
import { isAlreadyExists, isConflict, isNotFound, type Clientset, type Informer, type ResourceClient } from '../../client/index.js';
import { PODS } from '../replicaset/index.js';
import type { EventRecorder } from '../runtime/index.js';
import { claimOwnerRefsFor, hasStaleOwnerRef, isClaimOwnerUpToDate, retentionPolicy } from './claim-retention.js';
import { claimName, claimsFor, identityMatches, ordinalOf, storageMatches, updateIdentity, updateStorage } from './identity.js';
import { PERSISTENTVOLUMECLAIMS, POD_KIND, type PersistentVolumeClaim, type StatefulPod, type StatefulSet } from './types.js';

const MAX_UPDATE_ATTEMPTS = 5;
const title = (verb: string): string => verb.charAt(0).toUpperCase() + verb.slice(1);

export class StatefulPodControl {
  constructor(private readonly cs: Clientset, private readonly claims: Informer<PersistentVolumeClaim>, private readonly recorder: EventRecorder) {}

  private pods(ns: string): ResourceClient<StatefulPod> {
    return this.cs.resource<StatefulPod>(PODS).namespace(ns);
  }

  private pvcs(ns: string): ResourceClient<PersistentVolumeClaim> {
    return this.cs.resource<PersistentVolumeClaim>(PERSISTENTVOLUMECLAIMS).namespace(ns);
  }

  private claim(ns: string, name: string): PersistentVolumeClaim | undefined {
    return this.claims.store.getByName(ns, name);
  }

  podEvent(verb: string, set: StatefulSet, pod: StatefulPod, err?: Error): void {
    const what = `${verb} Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''}`;
    if (!err) this.recorder.event(set, 'Normal', `Successful${title(verb)}`, `${what} successful`);
    else this.recorder.event(set, 'Warning', `Failed${title(verb)}`, `${what} failed error: ${err.message}`);
  }

  private claimEvent(verb: string, set: StatefulSet, pod: StatefulPod, claim: string, err?: Error): void {
    const set_ = set.metadata.name ?? '';
    const pod_ = pod.metadata.name ?? '';
    if (!err) this.recorder.event(set, 'Normal', `Successful${title(verb)}`, `${verb} Claim ${claim} Pod ${pod_} in StatefulSet ${set_} success`);
    else this.recorder.event(set, 'Warning', `Failed${title(verb)}`, `${verb} Claim ${claim} for Pod ${pod_} in StatefulSet ${set_} failed error: ${err.message}`);
  }

  /** Creates the pod's missing claims (a claim already there counts as created). */
  async createClaims(set: StatefulSet, pod: StatefulPod): Promise<void> {
    const ns = set.metadata.namespace ?? '';
    const errors: string[] = [];
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const name = claim.metadata.name ?? '';
      const existing = this.claim(ns, name);
      if (existing) {
        if (existing.metadata.deletionTimestamp) errors.push(`pvc ${name} is being deleted`);
        continue;
      }
      try {
        await this.pvcs(ns).create(claim);
        this.claimEvent('create', set, pod, name);
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        this.claimEvent('create', set, pod, name, err as Error);
        errors.push(`failed to create PVC ${name}: ${(err as Error).message}`);
      }
    }
    if (errors.length) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }

  /** Creates the claims, then the pod, then sets the claims' owners; AlreadyExists is thrown without an event. */
  async createPod(set: StatefulSet, pod: StatefulPod): Promise<void> {
    try {
      await this.createClaims(set, pod);
    } catch (err) {
      this.podEvent('create', set, pod, err as Error);
      throw err;
    }
    let created: StatefulPod;
    try {
      created = await this.pods(set.metadata.namespace ?? '').create(pod);
    } catch (err) {
      if (!isAlreadyExists(err)) this.podEvent('create', set, pod, err as Error);
      throw err;
    }
    try {
      await this.updateClaimsForRetention(set, created);
    } catch (err) {
      this.podEvent('update', set, pod, err as Error);
      throw err;
    }
    this.podEvent('create', set, pod);
  }

  /** Fixes identity, storage and claim owners of an existing pod; an update event only when the pod was written. */
  async updatePod(set: StatefulSet, pod: StatefulPod): Promise<void> {
    let cur = structuredClone(pod);
    for (let attempt = 0; ; attempt++) {
      let consistent = true;
      if (!identityMatches(set, cur)) { updateIdentity(set, cur); consistent = false; }
      try {
        if (!storageMatches(set, cur)) { updateStorage(set, cur); consistent = false; await this.createClaims(set, cur); }
        if (!this.claimsMatchRetention(set, cur)) { await this.updateClaimsForRetention(set, cur); consistent = false; }
      } catch (err) {
        this.podEvent('update', set, cur, err as Error);
        throw err;
      }
      if (consistent) return;
      try {
        await this.pods(set.metadata.namespace ?? '').update(cur);
        this.podEvent('update', set, cur);
        return;
      } catch (err) {
        if (!isConflict(err) || attempt + 1 >= MAX_UPDATE_ATTEMPTS) {
          this.podEvent('update', set, cur, err as Error);
          throw err;
        }
      }
      cur = await this.pods(set.metadata.namespace ?? '').get(pod.metadata.name ?? '');
    }
  }

  async deletePod(set: StatefulSet, pod: StatefulPod): Promise<void> {
    try {
      await this.pods(set.metadata.namespace ?? '').delete(pod.metadata.name ?? '');
      this.podEvent('delete', set, pod);
    } catch (err) {
      this.podEvent('delete', set, pod, err as Error);
      throw err;
    }
  }

  /** createMissingPersistentVolumeClaims: the claims of a pending pod, and their owners. */
  async createMissingClaims(set: StatefulSet, pod: StatefulPod): Promise<void> {
    await this.createClaims(set, pod);
    try {
      await this.updateClaimsForRetention(set, pod);
    } catch (err) {
      this.podEvent('update', set, pod, err as Error);
      throw err;
    }
  }

  /** ClaimsMatchRetentionPolicy: every existing claim of the pod has the owners the policy wants. */
  claimsMatchRetention(set: StatefulSet, pod: StatefulPod): boolean {
    const ns = set.metadata.namespace ?? '';
    const ordinal = ordinalOf(pod);
    return (set.spec?.volumeClaimTemplates ?? []).every((t) => {
      const claim = this.claim(ns, claimName(set, t, ordinal));
      return !claim || isClaimOwnerUpToDate(claim, set, pod);
    });
  }

  /** UpdatePodClaimForRetentionPolicy. */
  async updateClaimsForRetention(set: StatefulSet, pod: StatefulPod): Promise<void> {
    const ns = set.metadata.namespace ?? '';
    const ordinal = ordinalOf(pod);
    for (const t of set.spec?.volumeClaimTemplates ?? []) {
      const name = claimName(set, t, ordinal);
      const claim = this.claim(ns, name);
      if (!claim || isClaimOwnerUpToDate(claim, set, pod)) continue;
      const refs = claimOwnerRefsFor(claim, set, pod);
      if (!refs.length && !claim.metadata.ownerReferences?.length) continue;
      try {
        await this.pvcs(ns).patch(name, 'json', [
          { op: 'test', path: '/metadata/uid', value: claim.metadata.uid },
          refs.length ? { op: 'add', path: '/metadata/ownerReferences', value: refs } : { op: 'remove', path: '/metadata/ownerReferences' },
        ]);
      } catch (err) {
        if (isNotFound(err)) continue;
        throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${(err as Error).message}`);
      }
    }
  }

  /** PodClaimIsStale: with whenScaled Delete, a claim still owned by an earlier pod of this name blocks the new pod. */
  podClaimIsStale(set: StatefulSet, pod: StatefulPod): boolean {
    if (retentionPolicy(set).whenScaled === 'Retain') return false;
    const ns = set.metadata.namespace ?? '';
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const existing = this.claim(ns, claim.metadata.name ?? '');
      if (existing && hasStaleOwnerRef(existing, pod, POD_KIND)) return true;
    }
    return false;
  }
}
