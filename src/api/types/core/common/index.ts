/**
 * Core v1 types shared by several core kinds (pods, persistent volumes and claims, services, events):
 * object references, the claim spec, node selectors, tolerations and the volume sources that pod
 * volumes and PersistentVolumes have in common.
 */
export * from './references.js';
export * from './pvc-spec.js';
export * from './node-selector.js';
export * from './toleration.js';
export * from './key-to-path.js';
export * from './volume-sources.js';
export * from './validate-node-selector.js';
export * from './validate-toleration.js';
export * from './validate-pvc-spec.js';
