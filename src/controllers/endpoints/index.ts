/**
 * The Endpoints controller, and what it shares with the EndpointSlice controllers: which pods a
 * service selects and which of them belong in its endpoints (ready, not ready, terminating), named
 * target ports resolved per pod, hostnames for subdomains, the last-change trigger time, semantic
 * comparison of API values, and a tracker of writes the informer cache has not shown yet.
 */
export { EndpointsController, isManagedEndpoints, endpointsLabels, type EndpointsControllerOptions } from './endpoints-controller.js';
export { desiredSubsets, podAddress } from './desired-subsets.js';
export { repackSubsets, compareAddresses } from './repack-subsets.js';
export { truncateSubsets, countAddresses } from './capacity.js';
export { findPort } from './find-port.js';
export {
  isPodReady, isPodTerminal, isPodTerminating, podIPs, podIPsOfFamily, isIPv6, shouldPodBeInEndpoints, shouldSetHostname,
} from './pod-conditions.js';
export {
  serviceSelector, selectorMatches, selectedPods, servicesSelecting, isServiceIPSet, serviceIPFamily, serviceIPFamilies,
} from './service-selection.js';
export { TriggerTimeTracker, formatTriggerTime, podTriggerTime } from './trigger-time-tracker.js';
export { semanticEqual, canonicalJSON } from './semantic-equal.js';
export { compareIPs } from './ip-order.js';
export { WriteTracker } from './write-tracker.js';
export * from './types.js';
