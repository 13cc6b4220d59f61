/**
 * persistentVolumeClaimRetentionPolicy through owner references, as Kubernetes sets them on a
 * stateful pod's claims so the garbage collector deletes them at the right moment:
 *   Retain/Retain (whenScaled/whenDeleted): no reference to the set or the pod;
 *   Retain/Delete: the set controls the claim (deleted with the set);
 *   Delete/Retain: the pod controls the claim once the pod is scaled away (deleted with the pod);
 *   Delete/Delete: the set while the pod is in range, the pod once it is scaled away.
 * A claim referring to an older set or pod of the same name (stale uid) is not touched; nor is one
 * another controller owns, beyond removing our own references from it.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import { newControllerRef, type OwnerKind } from '../history/index.js';
import { inOrdinalRange } from './identity.js';
import { POD_KIND, STATEFULSET_KIND, type PersistentVolumeClaim, type StatefulPod, type StatefulSet } from './types.js';

export interface RetentionPolicy { whenScaled: string; whenDeleted: string }

export function retentionPolicy(set: StatefulSet): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenScaled: p?.whenScaled ?? 'Retain', whenDeleted: p?.whenDeleted ?? 'Retain' };
}

const matchesRef = (ref: OwnerReference, obj: KObject, kind: OwnerKind): boolean =>
  ref.apiVersion === kind.apiVersion && ref.kind === kind.kind && ref.name === obj.metadata.name;

const hasOwnerRef = (target: KObject, owner: KObject): boolean =>
  (target.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid);

/** A reference to an object of this name and kind, but another uid: left by a deleted predecessor. */
export function hasStaleOwnerRef(target: KObject, obj: KObject, kind: OwnerKind): boolean {
  const ref = (target.metadata.ownerReferences ?? []).find((r) => matchesRef(r, obj, kind));
  return !!ref && ref.uid !== obj.metadata.uid;
}

function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: StatefulPod): boolean {
  const p = retentionPolicy(set);
  if (p.whenScaled === 'Retain' && p.whenDeleted === 'Retain') return false;
  for (const ref of claim.metadata.ownerReferences ?? []) {
    if (matchesRef(ref, set, STATEFULSET_KIND)) { if (ref.uid !== set.metadata.uid) return true; continue; }
    if (matchesRef(ref, pod, POD_KIND)) { if (ref.uid !== pod.metadata.uid) return true; continue; }
    if (ref.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: StatefulPod): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller);
}

/** isClaimOwnerUpToDate: the claim's references already say what the policy wants. */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: StatefulPod): boolean {
  if (hasStaleOwnerRef(claim, set, STATEFULSET_KIND) || hasStaleOwnerRef(claim, pod, POD_KIND)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const p = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  const onSet = hasOwnerRef(claim, set);
  const onPod = hasOwnerRef(claim, pod);
  if (p.whenScaled === 'Delete' && p.whenDeleted === 'Delete') return scaledDown !== onSet && scaledDown === onPod;
  if (p.whenScaled === 'Delete') return !onSet && scaledDown === onPod;
  if (p.whenDeleted === 'Delete') return onSet && !onPod;
  return !onSet && !onPod;
}

/** updateClaimOwnerRefForSetAndPod: our references removed, then the ones the policy wants added. */
export function claimOwnerRefsFor(claim: PersistentVolumeClaim, set: StatefulSet, pod: StatefulPod): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  let refs = (claim.metadata.ownerReferences ?? []).filter((r) => !matchesRef(r, set, STATEFULSET_KIND) && !matchesRef(r, pod, POD_KIND));
  if (unexpected) return refs;
  const add = (owner: KObject, kind: OwnerKind): void => {
    if (!refs.some((r) => r.uid === owner.metadata.uid)) refs = [...refs, newControllerRef(owner, kind)];
  };
  const p = retentionPolicy(set);
  const scaledDown = !inOrdinalRange(pod, set);
  if (p.whenScaled === 'Delete' && scaledDown) add(pod, POD_KIND);
  if (p.whenDeleted === 'Delete' && (p.whenScaled !== 'Delete' || !scaledDown)) add(set, STATEFULSET_KIND);
  return refs;
}
