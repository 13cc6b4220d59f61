/**
 * The ReplicaSet controller: pods to match replicas, adoption and release by selector, status.
 */
export { ReplicaSetController, REPLICASETS, PODS, BURST_REPLICAS, controllerRef, type ReplicaSet, type ReplicaSetControllerOptions } from './replicaset-controller.js';
export { selectorMatches, type LabelSelector, type LabelSelectorRequirement } from './selector.js';
export { rankForDeletion, isActive, isReady, isAvailable, type Pod } from './pods.js';
