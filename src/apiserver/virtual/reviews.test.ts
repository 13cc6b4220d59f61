import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RBAC_NOT_ENFORCED_REASON, RBAC_NOT_ENFORCED_WARNING } from '../authz/index.js';
import { ADMIN, fixture, JANE, lsar, SAR, SSAR, SSR, SSRR, TOKEN_REVIEW } from './testing.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const podsCreate = { resourceAttributes: { verb: 'create', resource: 'pods', namespace: 'default' } };

describe('SelfSubjectReview', () => {
  it('reports the caller: username, uid, groups and extra', async () => {
    const f = fixture(() => NOW);
    const r = await f.call(SSR, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, { user: JANE });
    assert.equal(r?.code, 201);
    assert.deepEqual(r?.body, {
      kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: '2030-01-01T00:00:00Z' },
      status: { userInfo: { username: 'jane', uid: 'jane-uid', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a', 'b'] } } },
    });
    const admin = await f.post(SSR, {});
    assert.deepEqual(admin.status, { userInfo: { username: 'system:admin', groups: ['system:masters', 'system:authenticated'] } });
  });

  it('is also served as v1beta1, answering in that version', async () => {
    const f = fixture();
    const r = await f.post({ ...SSR, version: 'v1beta1' }, { apiVersion: 'authentication.k8s.io/v1beta1', kind: 'SelfSubjectReview' });
    assert.equal(r.apiVersion, 'authentication.k8s.io/v1beta1');
    assert.equal(await f.call({ ...SSR, version: 'v1alpha9' }, {}), undefined);
  });
});

describe('SelfSubjectAccessReview', () => {
  it('allows system:masters without a caveat', async () => {
    const f = fixture();
    const r = await f.call(SSAR, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: podsCreate });
    assert.deepEqual(r?.body.status, { allowed: true });
    assert.deepEqual(r?.warnings, []);
    assert.deepEqual(r?.body.spec, podsCreate);
  });

  it('allows other users, saying that RBAC is not enforced (reason and warning)', async () => {
    const f = fixture();
    const r = await f.call(SSAR, { spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } } }, { user: JANE });
    assert.deepEqual(r?.body.status, { allowed: true, reason: RBAC_NOT_ENFORCED_REASON });
    assert.deepEqual(r?.warnings, [RBAC_NOT_ENFORCED_WARNING]);
  });

  it('needs exactly one of resourceAttributes and nonResourceAttributes, and empty metadata', async () => {
    const f = fixture();
    const none = await f.fail(SSAR, { spec: {} });
    assert.equal(none.code, 422);
    assert.equal(none.message, 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
    const both = await f.fail(SSAR, { spec: { ...podsCreate, nonResourceAttributes: { path: '/', verb: 'get' } } });
    assert.equal(both.message, 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: cannot be specified in combination with resourceAttributes');
    const named = await f.fail(SSAR, { metadata: { name: 'x' }, spec: podsCreate });
    assert.equal(named.message, 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: metadata: Invalid value: must be empty');
    const r = await f.post(SSAR, { metadata: { creationTimestamp: null }, spec: podsCreate });
    assert.deepEqual(r.status, { allowed: true });
  });

  it('rejects values of the wrong type', async () => {
    const f = fixture();
    const e = await f.fail(SSAR, { spec: { resourceAttributes: { verb: 7 } } });
    assert.equal(e.code, 400);
    assert.equal(e.message, 'SelfSubjectAccessReview in version "v1" cannot be handled as a SelfSubjectAccessReview: spec.resourceAttributes.verb must be a string');
  });
});

describe('SubjectAccessReview and LocalSubjectAccessReview', () => {
  it('decide about the user in spec, not the caller', async () => {
    const f = fixture();
    const masters = await f.post(SAR, { spec: { ...podsCreate, user: 'x', groups: ['system:masters'] } }, JANE);
    assert.deepEqual(masters.status, { allowed: true });
    const jane = await f.post(SAR, { spec: { ...podsCreate, user: 'jane' } }, ADMIN);
    assert.deepEqual(jane.status, { allowed: true, reason: RBAC_NOT_ENFORCED_REASON });
    const anon = await f.call(SAR, { spec: { ...podsCreate, user: 'system:anonymous', groups: ['system:unauthenticated'] } });
    assert.deepEqual(anon?.body.status, { allowed: false });
    assert.deepEqual(anon?.warnings, []);
  });

  it('need a user or a group', async () => {
    const f = fixture();
    const e = await f.fail(SAR, { spec: podsCreate });
    assert.equal(e.message, 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified');
  });

  it('a LocalSubjectAccessReview takes its namespace from the URL and its attributes must match it', async () => {
    const f = fixture();
    const ok = await f.post(lsar('default'), { spec: { ...podsCreate, user: 'jane' } });
    assert.deepEqual(ok.metadata, { namespace: 'default' });
    assert.equal((ok.status as { allowed: boolean }).allowed, true);
    const other = await f.fail(lsar('kube-system'), { spec: { ...podsCreate, user: 'jane' } });
    assert.equal(other.message, 'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "default": must match metadata.namespace');
    const mismatch = await f.fail(lsar('kube-system'), { metadata: { namespace: 'default' }, spec: { ...podsCreate, user: 'jane' } });
    assert.equal(mismatch.code, 400);
    assert.equal(mismatch.message, 'the namespace of the provided object does not match the namespace sent on the request');
    const nonResource = await f.fail(lsar('default'), { spec: { nonResourceAttributes: { path: '/', verb: 'get' }, user: 'jane' } });
    assert.equal(nonResource.message, 'LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: disallowed on this kind of request');
  });
});

describe('SelfSubjectRulesReview', () => {
  it('lists everything for an admin and needs a namespace', async () => {
    const f = fixture();
    const r = await f.call(SSRR, { spec: { namespace: 'default' } });
    assert.deepEqual(r?.body.status, {
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
    assert.deepEqual(r?.warnings, []);
    const jane = await f.call(SSRR, { spec: { namespace: 'default' } }, { user: JANE });
    assert.deepEqual(jane?.warnings, [RBAC_NOT_ENFORCED_WARNING]);
    const e = await f.fail(SSRR, { spec: {} });
    assert.equal(e.code, 400);
    assert.equal(e.message, 'no namespace on request');
  });
});

describe('TokenReview', () => {
  it('authenticates a service-account token, adding system:authenticated', async () => {
    const f = fixture();
    const t = f.issuer.issue({ namespace: 'default', serviceAccount: { name: 'default', uid: 'sa-uid' }, audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600 });
    const r = await f.post(TOKEN_REVIEW, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: t.token } });
    assert.deepEqual(r.status, {
      authenticated: true,
      user: {
        username: 'system:serviceaccount:default:default', uid: 'sa-uid',
        groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${t.claims.jti}`] },
      },
      audiences: ['https://kubernetes.default.svc.cluster.local'],
    });
  });

  it('reports why a token does not authenticate', async () => {
    const f = fixture();
    const t = f.issuer.issue({ namespace: 'default', serviceAccount: { name: 'default', uid: 'sa-uid' }, audiences: ['vault'], expirationSeconds: 3600 });
    const wrongAud = await f.post(TOKEN_REVIEW, { spec: { token: t.token } });
    assert.deepEqual(wrongAud.status, { user: {}, error: 'token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]' });
    const rightAud = await f.post(TOKEN_REVIEW, { spec: { token: t.token, audiences: ['vault'] } });
    assert.deepEqual((rightAud.status as { audiences: string[] }).audiences, ['vault']);
    const garbage = await f.post(TOKEN_REVIEW, { spec: { token: 'nope' } });
    assert.deepEqual(garbage.status, { user: {}, error: 'invalid bearer token' });
    const empty = await f.fail(TOKEN_REVIEW, { spec: {} });
    assert.equal(empty.code, 400);
    assert.equal(empty.message, 'token is required for TokenReview in authentication');
  });
});
