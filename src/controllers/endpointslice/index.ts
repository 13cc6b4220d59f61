/**
 * The EndpointSlice controllers: EndpointSliceController keeps discovery.k8s.io/v1 EndpointSlices for
 * every Service with a selector (ready/serving/terminating conditions, nodes, zones, named ports, at
 * most 100 endpoints a slice, reused rather than replaced); EndpointSliceMirroringController mirrors
 * the Endpoints users write for Services without a selector into slices of their own.
 */
export { EndpointSliceController, type EndpointSliceControllerOptions } from './endpointslice-controller.js';
export { EndpointSliceMirroringController, shouldMirror, type EndpointSliceMirroringControllerOptions } from './mirroring-controller.js';
export { planSlices, newSlice, ownedBy, type DesiredGroup, type SlicePlan, type PlanOptions } from './slice-planner.js';
export { planMirror, newMirroredSlice } from './mirror-planner.js';
export { mirrorDesired, addressToEndpoint, mirrorGroupKey, type MirrorDesired, type MirrorGroup } from './mirror-desired.js';
export { podToEndpoint, endpointPorts } from './pod-endpoint.js';
export { sliceLabels } from './slice-labels.js';
export { EndpointSet, endpointKey, endpointsEqualBeyondKey, portMapKey } from './endpoint-set.js';
export { writeSlicePlan, type WritePlanOptions } from './slice-writer.js';
export * from './types.js';
