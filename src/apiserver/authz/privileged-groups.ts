/**
 * Members of system:masters may do anything, whatever RBAC says — Kubernetes' privileged-group
 * authorizer, which runs before RBAC.
 */
import { allowAllRules, emptyRules, NO_OPINION, type Attributes, type AuthorizationResult, type Authorizer, type RulesResult, type Subject } from './authorizer.js';

export const SYSTEM_MASTERS = 'system:masters';

export class PrivilegedGroupsAuthorizer implements Authorizer {
  constructor(private readonly groups: readonly string[] = [SYSTEM_MASTERS]) {}

  private privileged(user: Subject): boolean {
    return user.groups.some((g) => this.groups.includes(g));
  }

  async authorize(attrs: Attributes): Promise<AuthorizationResult> {
    return this.privileged(attrs.user) ? { decision: 'Allow', reason: '' } : NO_OPINION;
  }

  async rulesFor(user: Subject): Promise<RulesResult> {
    return this.privileged(user) ? allowAllRules() : emptyRules();
  }
}
