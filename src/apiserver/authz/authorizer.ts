/**
 * What an authorizer decides on, and what it answers: Kubernetes' authorizer.Attributes (a
 * resource request — verb, group, resource, namespace, name … — or a non-resource request — verb
 * and path — made by a user) and its three-way decision. Every authorizer (RBAC, node, the
 * placeholders in this folder) implements `Authorizer`; the review resources and, later, the
 * request pipeline ask it.
 */

/** The user a decision is about: the requester, or the subject of a SubjectAccessReview. */
export interface Subject {
  name: string;
  uid?: string;
  groups: readonly string[];
  extra?: Readonly<Record<string, readonly string[]>>;
}

export interface ResourceRequest {
  kind: 'resource';
  user: Subject;
  verb: string;
  namespace: string;
  apiGroup: string;
  /** "*" when the question names no version. */
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  /** Raw selectors a list/watch/deletecollection is limited to, when the question names them. */
  fieldSelector?: string;
  labelSelector?: string;
}

export interface NonResourceRequest {
  kind: 'nonResource';
  user: Subject;
  verb: string;
  path: string;
}

export type Attributes = ResourceRequest | NonResourceRequest;

export type Decision = 'Allow' | 'Deny' | 'NoOpinion';

export interface AuthorizationResult {
  decision: Decision;
  reason: string;
  evaluationError?: string;
  /** Something the caller should be told about how this answer was reached (sent as a Warning). */
  warning?: string;
}

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

/** What a user may do in a namespace, as SelfSubjectRulesReview reports it. */
export interface RulesResult {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
  warning?: string;
}

export interface Authorizer {
  authorize(attrs: Attributes): Promise<AuthorizationResult>;
  rulesFor(user: Subject, namespace: string): Promise<RulesResult>;
}

export const NO_OPINION: AuthorizationResult = Object.freeze({ decision: 'NoOpinion', reason: '' });

export function emptyRules(): RulesResult {
  return { resourceRules: [], nonResourceRules: [], incomplete: false };
}

/** Rules that allow everything: `*.*` with every verb, and every non-resource URL. */
export function allowAllRules(): RulesResult {
  return {
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  };
}

export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
