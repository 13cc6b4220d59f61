/**
 * Which evaluator accounts for a kind: pods, services and claims have their own; config maps,
 * secrets, resource quotas and replication controllers are counted under their legacy names too;
 * any other kind is a plain object count. Virtual resources and events are never counted.
 */
import { claimEvaluator } from './claim-evaluator.js';
import type { QuotaEvaluator } from './evaluator.js';
import { objectCountEvaluator } from './object-count-evaluator.js';
import { podEvaluator } from './pod-evaluator.js';
import { serviceEvaluator } from './service-evaluator.js';

/** Kinds counted under their legacy names as well. */
const LEGACY_ALIASES = ['configmaps', 'resourcequotas', 'replicationcontrollers', 'secrets'];

/** The evaluators for the core kinds, as Kubernetes registers them. */
export const coreEvaluators: readonly QuotaEvaluator[] = [
  podEvaluator, serviceEvaluator, claimEvaluator,
  ...LEGACY_ALIASES.map((r) => objectCountEvaluator('', r, r)),
];

/** Resources quota never counts: virtual ones and events. */
const IGNORED = new Set([
  '/bindings', '/componentstatuses', '/events', 'events.k8s.io/events',
  'authentication.k8s.io/tokenreviews', 'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews', 'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews', 'authorization.k8s.io/selfsubjectrulesreviews',
]);

export function isIgnoredResource(group: string, resource: string): boolean {
  return IGNORED.has(`${group}/${resource}`);
}

/** The evaluator for a kind: a core one, or a plain object count. */
export function evaluatorFor(group: string, resource: string): QuotaEvaluator {
  return coreEvaluators.find((e) => e.group === group && e.resource === resource) ?? objectCountEvaluator(group, resource);
}
