/**
 * The replica controller: pods to match replicas, adoption and release by selector, status. Run over
 * ReplicaSets (ReplicaSetController) and, through a ReplicaKind, over ReplicationControllers.
 */
export { ReplicaController, PODS, BURST_REPLICAS, type ReplicaControllerOptions } from './replica-controller.js';
export { type ReplicaKind, type ReplicatedObject, type ReplicaCondition } from './replica-kind.js';
export { ReplicaSetController, REPLICASETS, REPLICASET_KIND, type ReplicaSet, type ReplicaSetControllerOptions } from './replicaset-controller.js';
export { controllerRef } from './controller-ref.js';
export { selectorMatches, type LabelSelector, type LabelSelectorRequirement } from './selector.js';
export { rankForDeletion, isActive, isReady, isAvailable, type Pod } from './pods.js';
