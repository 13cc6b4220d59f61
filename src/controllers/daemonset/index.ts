/**
 * The DaemonSet controller: a pod on every eligible node (node selector, required affinity, taints
 * against tolerations), pinned by node affinity for the scheduler, with ControllerRevisions,
 * RollingUpdate (maxUnavailable / maxSurge) or OnDelete, and the status kubectl reads.
 */
export { DaemonSetController, type DaemonSetControllerOptions } from './daemonset-controller.js';
export { DAEMONSETS, TEMPLATE_GENERATION_LABEL, type DaemonSet } from './types.js';
export { daemonTolerations } from './daemon-pods.js';
export { nodeShouldRunDaemonPod, type NodeVerdict } from './node-eligibility.js';
