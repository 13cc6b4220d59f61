import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultAuthorizer, NO_OPINION, PrivilegedGroupsAuthorizer, RBAC_NOT_ENFORCED_REASON, RBAC_NOT_ENFORCED_WARNING,
  RbacNotEnforcedAuthorizer, UnionAuthorizer, type Attributes, type Authorizer, type Subject,
} from './index.js';

const admin: Subject = { name: 'system:admin', groups: ['system:masters', 'system:authenticated'] };
const sa: Subject = { name: 'system:serviceaccount:default:default', groups: ['system:serviceaccounts', 'system:authenticated'] };
const anonymous: Subject = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

function createPods(user: Subject): Attributes {
  return { kind: 'resource', user, verb: 'create', namespace: 'default', apiGroup: '', apiVersion: '*', resource: 'pods', subresource: '', name: '' };
}

function fixed(decision: 'Allow' | 'Deny' | 'NoOpinion', reason: string): Authorizer {
  return {
    async authorize() { return { decision, reason }; },
    async rulesFor() { return { resourceRules: [{ verbs: ['get'], resources: [reason] }], nonResourceRules: [], incomplete: decision === 'Deny', evaluationError: decision === 'Deny' ? reason : undefined }; },
  };
}

describe('authorizers', () => {
  it('system:masters may do anything, without a caveat', async () => {
    const a = defaultAuthorizer();
    assert.deepEqual(await a.authorize(createPods(admin)), { decision: 'Allow', reason: '' });
    const rules = await a.rulesFor(admin, 'default');
    assert.deepEqual(rules, {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
  });

  it('every other authenticated user is allowed, and told that RBAC is not enforced', async () => {
    const a = defaultAuthorizer();
    assert.deepEqual(await a.authorize(createPods(sa)), { decision: 'Allow', reason: RBAC_NOT_ENFORCED_REASON, warning: RBAC_NOT_ENFORCED_WARNING });
    assert.equal(RBAC_NOT_ENFORCED_REASON, 'navarch: RBAC is not enforced yet');
    const rules = await a.rulesFor(sa, 'default');
    assert.equal(rules.warning, RBAC_NOT_ENFORCED_WARNING);
    assert.equal(rules.resourceRules.length, 1);
    const nonResource: Attributes = { kind: 'nonResource', user: { name: 'jane', groups: [] }, verb: 'get', path: '/healthz' };
    assert.equal((await a.authorize(nonResource)).decision, 'Allow');
  });

  it('the anonymous user gets no opinion, so is not allowed', async () => {
    const a = defaultAuthorizer();
    assert.deepEqual(await a.authorize(createPods(anonymous)), { decision: 'NoOpinion', reason: '' });
    assert.deepEqual(await a.authorize(createPods({ name: '', groups: [] })), { decision: 'NoOpinion', reason: '' });
    assert.deepEqual(await a.rulesFor(anonymous, 'default'), { resourceRules: [], nonResourceRules: [], incomplete: false });
  });

  it('privileged groups are configurable', async () => {
    const a = new PrivilegedGroupsAuthorizer(['ops']);
    assert.equal((await a.authorize(createPods({ name: 'x', groups: ['ops'] }))).decision, 'Allow');
    assert.equal((await a.authorize(createPods(admin))).decision, 'NoOpinion');
    assert.equal((await new RbacNotEnforcedAuthorizer().authorize(createPods(admin))).decision, 'Allow');
  });

  it('a union lets the first decision stand and joins reasons of those without an opinion', async () => {
    assert.equal((await new UnionAuthorizer([fixed('NoOpinion', 'a'), fixed('Deny', 'b'), fixed('Allow', 'c')]).authorize(createPods(sa))).reason, 'b');
    assert.deepEqual(await new UnionAuthorizer([fixed('NoOpinion', 'a'), fixed('NoOpinion', 'b')]).authorize(createPods(sa)), { ...NO_OPINION, reason: 'a\nb' });
    const rules = await new UnionAuthorizer([fixed('Allow', 'x'), fixed('Deny', 'y'), fixed('Allow', 'x')]).rulesFor(sa, 'default');
    assert.deepEqual(rules.resourceRules, [{ verbs: ['get'], resources: ['x'] }, { verbs: ['get'], resources: ['y'] }]);
    assert.equal(rules.incomplete, true);
    assert.equal(rules.evaluationError, 'y');
  });
});
