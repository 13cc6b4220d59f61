/**
 * Resource quotas: the ResourceQuota controller, which keeps each quota's status (hard and used) in
 * step with its namespace, and the quota accounting it shares with the ResourceQuota admission
 * plugin — evaluators per kind (usage, scopes, constraints), exact quantity arithmetic with
 * Kubernetes' formatting, and pods' effective requests and limits (also used by LimitRanger).
 */
export { ResourceQuotaController, RESOURCEQUOTAS, type ResourceQuotaControllerOptions } from './resource-quota-controller.js';
export { calculateUsage, type ListObjects } from './calculate-usage.js';
export {
  countedResource, objectCountName, quotaMatches, resourceNames, type QuotaEvaluator, type QuotaOperation,
} from './evaluator.js';
export { coreEvaluators, evaluatorFor, isIgnoredResource } from './evaluator-registry.js';
export { computeUsage, podCountsForQuota, podEvaluator } from './pod-evaluator.js';
export { serviceEvaluator } from './service-evaluator.js';
export { claimClass, claimEvaluator } from './claim-evaluator.js';
export { objectCountEvaluator } from './object-count-evaluator.js';
export { podLimits, podRequests, type PodResourcesOptions } from './pod-resources.js';
export {
  addQuantities, canonical, comparableValues, compareQuantity, formatQuantity, milliValue, parseQuantity, quantityOf,
  subtractQuantities, unitValue, ZERO, type Quantity, type QuantityFormat,
} from './quantity.js';
export {
  addLists, exceededNames, formatResourceList, listsEqual, mask, negativeNames, parseResourceList, prettyPrint,
  removeZeros, subtractLists, subtractNonNegative, type ResourceList, type WireResourceList,
} from './resource-list.js';
export { claimMatchesScope, isBestEffort, isTerminatingPod, podMatchesScope, quotaScopeSelectors } from './scopes.js';
export type { ResourceQuota, ScopedResourceSelectorRequirement } from './types.js';
