/**
 * Asks authorizers in order: the first that allows or denies decides; when none has an opinion the
 * request is not allowed. Rules are the union of every authorizer's rules (duplicates removed); an
 * authorizer's warning is kept only when it added rules of its own.
 */
import { NO_OPINION, type Attributes, type AuthorizationResult, type Authorizer, type RulesResult, type Subject } from './authorizer.js';

export class UnionAuthorizer implements Authorizer {
  constructor(private readonly authorizers: readonly Authorizer[]) {}

  async authorize(attrs: Attributes): Promise<AuthorizationResult> {
    const errors: string[] = [];
    const reasons: string[] = [];
    for (const a of this.authorizers) {
      const r = await a.authorize(attrs);
      if (r.decision !== 'NoOpinion') return r;
      if (r.evaluationError) errors.push(r.evaluationError);
      if (r.reason) reasons.push(r.reason);
    }
    const out: AuthorizationResult = { ...NO_OPINION, reason: reasons.join('\n') };
    if (errors.length) out.evaluationError = errors.join('; ');
    return out;
  }

  async rulesFor(user: Subject, namespace: string): Promise<RulesResult> {
    const out: RulesResult = { resourceRules: [], nonResourceRules: [], incomplete: false };
    const seen = new Set<string>();
    const errors: string[] = [];
    const warnings: string[] = [];
    for (const a of this.authorizers) {
      const r = await a.rulesFor(user, namespace);
      let added = false;
      for (const rule of r.resourceRules) {
        const key = `r${JSON.stringify(rule)}`;
        if (!seen.has(key)) { seen.add(key); out.resourceRules.push(rule); added = true; }
      }
      for (const rule of r.nonResourceRules) {
        const key = `n${JSON.stringify(rule)}`;
        if (!seen.has(key)) { seen.add(key); out.nonResourceRules.push(rule); added = true; }
      }
      if (r.incomplete) out.incomplete = true;
      if (r.evaluationError) errors.push(r.evaluationError);
      // A warning goes with the rules it qualifies: none when they were all granted already.
      if (added && r.warning && !warnings.includes(r.warning)) warnings.push(r.warning);
    }
    if (errors.length) out.evaluationError = errors.join('; ');
    if (warnings.length) out.warning = warnings.join('; ');
    return out;
  }
}
