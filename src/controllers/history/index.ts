/**
 * ControllerRevision history shared by the DaemonSet and StatefulSet controllers: the hashes
 * Kubernetes names revisions and labels pods with, revisions that restore a pod template by a
 * strategic merge patch (what `kubectl rollout undo` applies), listing/creating/renumbering/
 * truncating them, and claiming (adopting and releasing) objects by controller reference.
 */
export { goJson, podTemplateHash, revisionDataHash } from './hash.js';
export {
  CONTROLLERREVISIONS, CONTROLLER_REVISION_HASH_LABEL, REVISION_HASH_LABEL, controllerRevisionName, newControllerRef,
  newControllerRevision, templatePatch, revisionBytes, templateOfRevision, equalRevision, sortRevisions, nextRevision,
  maxRevision, controllerOf, revisionsBeyondLimit, type ControllerRevision, type OwnerKind, type PodTemplate,
} from './revision.js';
export { ControllerHistory, type CollisionCount } from './controller-history.js';
export { claimObjects, recheckOwner, type ClaimOptions } from './claim.js';
