/**
 * The StatefulSet controller: ordinal pods with stable names, hostnames and claims, ordered or
 * parallel creation and deletion, RollingUpdate with partition (and maxUnavailable) or OnDelete,
 * claim retention by owner references, ControllerRevisions, and the status kubectl reads.
 */
export { StatefulSetController, type StatefulSetControllerOptions } from './statefulset-controller.js';
export { STATEFULSETS, POD_NAME_LABEL, POD_INDEX_LABEL, type StatefulSet, type StatefulSetStatus } from './types.js';
