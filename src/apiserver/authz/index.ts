/**
 * Authorization: the `Authorizer` interface (Kubernetes' attributes and Allow/Deny/NoOpinion
 * decisions, plus the rules a user has) and the chain the server uses. Today the chain is
 * system:masters, then a stand-in that allows every authenticated user and says that RBAC is not
 * enforced yet; an RBAC authorizer takes the stand-in's place in `defaultAuthorizer()`.
 */
import type { Authorizer } from './authorizer.js';
import { RbacNotEnforcedAuthorizer } from './not-enforced.js';
import { PrivilegedGroupsAuthorizer } from './privileged-groups.js';
import { UnionAuthorizer } from './union.js';

export {
  allowAllRules, emptyRules, NO_OPINION, ANONYMOUS_USER, AUTHENTICATED_GROUP, UNAUTHENTICATED_GROUP,
  type Attributes, type AuthorizationResult, type Authorizer, type Decision, type NonResourceRequest,
  type NonResourceRule, type ResourceRequest, type ResourceRule, type RulesResult, type Subject,
} from './authorizer.js';
export { PrivilegedGroupsAuthorizer, SYSTEM_MASTERS } from './privileged-groups.js';
export { RbacNotEnforcedAuthorizer, RBAC_NOT_ENFORCED_REASON, RBAC_NOT_ENFORCED_WARNING } from './not-enforced.js';
export { UnionAuthorizer } from './union.js';

/** The server's authorizer chain. */
export function defaultAuthorizer(): Authorizer {
  return new UnionAuthorizer([new PrivilegedGroupsAuthorizer(), new RbacNotEnforcedAuthorizer()]);
}
