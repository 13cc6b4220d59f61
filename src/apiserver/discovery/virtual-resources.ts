/**
 * Resources the server answers without a stored kind (no ResourceDef): review requests that are
 * computed from the caller's identity and RBAC, created and answered in one call, never persisted.
 * Discovery lists them so that clients (kubectl auth whoami, kubectl auth can-i) find them.
 */

export interface VirtualResource {
  group: string;
  version: string;
  kind: string;
  /** Lower-case plural used in URLs. */
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: readonly string[];
}

function review(group: string, kind: string, namespaced = false): VirtualResource {
  const singular = kind.toLowerCase();
  return { group, version: 'v1', kind, plural: `${singular}s`, singular, namespaced, verbs: ['create'] };
}

export const virtualResources: readonly VirtualResource[] = [
  review('authentication.k8s.io', 'SelfSubjectReview'),
  review('authentication.k8s.io', 'TokenReview'),
  review('authorization.k8s.io', 'LocalSubjectAccessReview', true),
  review('authorization.k8s.io', 'SelfSubjectAccessReview'),
  review('authorization.k8s.io', 'SelfSubjectRulesReview'),
  review('authorization.k8s.io', 'SubjectAccessReview'),
];
