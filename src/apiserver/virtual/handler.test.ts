import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJwt } from '../serviceaccount-tokens/index.js';
import type { Json } from './fields.js';
import { matchVirtual } from './handler.js';
import { bytes, CAN_I_HEALTHZ, CAN_I_LIST, CAN_I_LIST_DEPLOYMENTS, CREATE_TOKEN, CREATE_TOKEN_BOUND, WHOAMI } from './protobuf/fixtures.js';
import { fixture, JANE, lsar, SAR, SSAR, SSR, SSRR, tokenPath } from './testing.js';

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

describe('virtual resource routing', () => {
  it('claims the review resources and serviceaccounts/token, nothing else', () => {
    assert.equal(matchVirtual(SSR)?.kind, 'SelfSubjectReview');
    assert.equal(matchVirtual(lsar('x'))?.kind, 'LocalSubjectAccessReview');
    assert.equal(matchVirtual(tokenPath('default', 'sa'))?.kind, 'TokenRequest');
    assert.equal(matchVirtual({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default', name: 'sa' }), undefined);
    assert.equal(matchVirtual({ group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default' }), undefined);
    assert.equal(matchVirtual({ group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'p', subresource: 'token' }), undefined);
    assert.equal(matchVirtual({ group: 'apps', version: 'v1', resource: 'deployments' }), undefined);
    assert.equal(matchVirtual({ ...SSAR, version: 'v1beta1' }), undefined);
  });

  it('returns undefined for paths that are not virtual, without reading the body', async () => {
    const f = fixture();
    let reads = 0;
    const onRead = (): void => { reads++; };
    const r = await f.call({ group: '', version: 'v1', resource: 'pods', namespace: 'default' }, {}, { onRead });
    assert.equal(r, undefined);
    assert.equal(reads, 0);
    await f.call(SSR, {}, { onRead });
    assert.equal(reads, 1);
  });

  it('answers only POST: other methods are 405', async () => {
    const f = fixture();
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const e = await f.fail(SSR, {}, { method });
      assert.equal(e.code, 405, method);
      assert.equal(e.reason, 'MethodNotAllowed');
      assert.equal(e.message, 'the server does not allow this method on the requested resource');
    }
    assert.equal((await f.fail(tokenPath('default', 'default'), {}, { method: 'GET' })).code, 405);
  });

  it('is 404 for names under a review, a namespace on a cluster-scoped review, or none on a namespaced one', async () => {
    const f = fixture();
    for (const info of [{ ...SSAR, name: 'x' }, { ...SSAR, namespace: 'default' }, { ...lsar('x'), namespace: undefined }, { ...tokenPath('default', 'default'), rest: ['more'] }]) {
      const e = await f.fail(info, {});
      assert.equal(e.code, 404, JSON.stringify(info));
      assert.equal(e.message, 'the server could not find the requested resource');
    }
  });

  it('checks the kind and apiVersion in the body, and accepts YAML', async () => {
    const f = fixture();
    const kind = await f.fail(SSAR, { kind: 'SubjectAccessReview', spec: {} });
    assert.equal(kind.code, 400);
    assert.equal(kind.message, 'the kind in the body (SubjectAccessReview) does not match the kind of the resource (SelfSubjectAccessReview)');
    const version = await f.fail(SSR, { apiVersion: 'authentication.k8s.io/v1beta1', kind: 'SelfSubjectReview' });
    assert.equal(version.message, 'the API version in the data (authentication.k8s.io/v1beta1) does not match the expected API version (authentication.k8s.io/v1)');
    const json = await f.fail(SSR, '{"kind":');
    assert.equal(json.code, 400);
    const yaml = await f.call(SAR, 'spec:\n  user: jane\n  resourceAttributes: {verb: get, resource: pods}\n', { contentType: 'application/yaml' });
    assert.equal((yaml?.body.status as Json).allowed, true);
  });

  it('serves what kubectl sends in protobuf: whoami, can-i, can-i --list, create token', async () => {
    const f = fixture();
    const who = await f.call(SSR, bytes(WHOAMI), { contentType: PROTOBUF, user: JANE });
    assert.equal(((who?.body.status as Json).userInfo as Json).username, 'jane');
    for (const hex of [CAN_I_HEALTHZ, CAN_I_LIST_DEPLOYMENTS]) {
      const r = await f.call(SSAR, bytes(hex), { contentType: PROTOBUF });
      assert.deepEqual(r?.body.status, { allowed: true });
    }
    const deployments = await f.call(SSAR, bytes(CAN_I_LIST_DEPLOYMENTS), { contentType: PROTOBUF });
    assert.deepEqual((deployments?.body.spec as Json).resourceAttributes, { namespace: 'prod', verb: 'list', group: 'apps', resource: 'deployments' });
    const list = await f.call(SSRR, bytes(CAN_I_LIST), { contentType: PROTOBUF });
    assert.equal((list?.body.status as Json).incomplete, false);
    const token = await f.call(tokenPath('default', 'default'), bytes(CREATE_TOKEN), { contentType: PROTOBUF });
    assert.deepEqual(token?.body.spec, { audiences: ['aud1', 'aud2'], expirationSeconds: 7200 });
    assert.deepEqual(parseJwt((token?.body.status as { token: string }).token)?.payload.aud, ['aud1', 'aud2']);
    const bound = await f.fail(tokenPath('default', 'default'), bytes(CREATE_TOKEN_BOUND), { contentType: PROTOBUF });
    assert.equal(bound.code, 409);
  });

  it('a protobuf body of another kind, or a broken one, is a 400', async () => {
    const f = fixture();
    const other = await f.fail(SSAR, bytes(WHOAMI), { contentType: PROTOBUF });
    assert.equal(other.code, 400);
    assert.equal(other.message, 'the kind in the body (SelfSubjectReview) does not match the kind of the resource (SelfSubjectAccessReview)');
    const whole = bytes(CREATE_TOKEN);
    const broken = await f.fail(tokenPath('default', 'default'), whole.subarray(0, whole.length - 9), { contentType: PROTOBUF });
    assert.equal(broken.code, 400);
    assert.match(broken.message, /^TokenRequest in version "v1" cannot be handled as a TokenRequest: truncated/);
    const notK8s = await f.fail(SSR, Buffer.from('hello'), { contentType: PROTOBUF });
    assert.equal(notK8s.code, 400);
  });
});
