/**
 * The stand-in for RBAC until navarch enforces it: every authenticated user is allowed everything,
 * and every answer says so — the reason of an access review and a warning the client prints.
 * Unauthenticated users get no opinion (so: denied). Replace it with the RBAC authorizer in
 * `defaultAuthorizer()`.
 */
import {
  allowAllRules, ANONYMOUS_USER, AUTHENTICATED_GROUP, emptyRules, NO_OPINION, UNAUTHENTICATED_GROUP,
  type Attributes, type AuthorizationResult, type Authorizer, type RulesResult, type Subject,
} from './authorizer.js';

export const RBAC_NOT_ENFORCED_REASON = 'navarch: RBAC is not enforced yet';
export const RBAC_NOT_ENFORCED_WARNING = 'navarch: RBAC is not enforced yet: every authenticated user is allowed every action';

/** A review's subject counts as authenticated unless it is the anonymous user or group. */
function authenticated(user: Subject): boolean {
  if (user.groups.includes(AUTHENTICATED_GROUP)) return true;
  if (user.name === ANONYMOUS_USER || user.groups.includes(UNAUTHENTICATED_GROUP)) return false;
  return user.name !== '' || user.groups.length > 0;
}

export class RbacNotEnforcedAuthorizer implements Authorizer {
  async authorize(attrs: Attributes): Promise<AuthorizationResult> {
    if (!authenticated(attrs.user)) return NO_OPINION;
    return { decision: 'Allow', reason: RBAC_NOT_ENFORCED_REASON, warning: RBAC_NOT_ENFORCED_WARNING };
  }

  async rulesFor(user: Subject): Promise<RulesResult> {
    if (!authenticated(user)) return emptyRules();
    return { ...allowAllRules(), warning: RBAC_NOT_ENFORCED_WARNING };
  }
}
