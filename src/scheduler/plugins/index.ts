/** Every default plugin, its name and its filter reasons. */
export * from './node-name/node-name.js';
export * from './node-unschedulable/node-unschedulable.js';
export * from './taint-toleration/taint-toleration.js';
export { toleratesTaint, tolerationsTolerate } from './taint-toleration/tolerations.js';
export * from './node-affinity/node-affinity.js';
export * from './node-ports/node-ports.js';
export * from './node-resources-fit/fit.js';
export { DEFAULT_SCORING_RESOURCES, type ResourceSpec } from './node-resources-fit/least-allocated.js';
export * from './node-resources-balanced-allocation/balanced-allocation.js';
export * from './image-locality/image-locality.js';
export * from './inter-pod-affinity/inter-pod-affinity.js';
export * from './pod-topology-spread/pod-topology-spread.js';
export * from './volume-binding/volume-binding.js';
export * from './default-preemption/default-preemption.js';
