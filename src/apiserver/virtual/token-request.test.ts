import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJwt } from '../serviceaccount-tokens/index.js';
import type { Json } from './fields.js';
import { fixture, tokenPath } from './testing.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const API = 'https://kubernetes.default.svc.cluster.local';
const TR = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest' };

function statusOf(r: Json): { token: string; expirationTimestamp: string } {
  return r.status as { token: string; expirationTimestamp: string };
}

describe('serviceaccounts/token (TokenRequest)', () => {
  it('issues a one-hour token for the API server by default', async () => {
    const f = fixture(() => NOW);
    const r = await f.call(tokenPath('default', 'default'), { ...TR, spec: {} });
    assert.equal(r?.code, 201);
    const body = r?.body ?? {};
    assert.equal(body.kind, 'TokenRequest');
    assert.equal(body.apiVersion, 'authentication.k8s.io/v1');
    assert.deepEqual(body.metadata, { name: 'default', namespace: 'default', creationTimestamp: '2030-01-01T00:00:00Z' });
    assert.deepEqual(body.spec, { audiences: [API], expirationSeconds: 3600 });
    const st = statusOf(body);
    assert.equal(st.expirationTimestamp, '2030-01-01T01:00:00Z');
    const claims = parseJwt(st.token)?.payload;
    assert.equal(claims?.sub, 'system:serviceaccount:default:default');
    assert.deepEqual(claims?.['kubernetes.io'], { namespace: 'default', serviceaccount: { name: 'default', uid: 'sa-uid' } });
    const auth = f.authenticator.check(st.token);
    assert.ok(auth.status === 'authenticated');
    assert.equal(auth.user.name, 'system:serviceaccount:default:default');
  });

  it('honours audiences and expirationSeconds, and validates the duration', async () => {
    const f = fixture(() => NOW);
    const r = await f.post(tokenPath('default', 'builder'), { ...TR, spec: { audiences: ['vault'], expirationSeconds: 7200 } });
    assert.deepEqual(r.spec, { audiences: ['vault'], expirationSeconds: 7200 });
    assert.equal(statusOf(r).expirationTimestamp, '2030-01-01T02:00:00Z');
    assert.deepEqual(parseJwt(statusOf(r).token)?.payload.aud, ['vault']);
    const short = await f.fail(tokenPath('default', 'default'), { ...TR, spec: { expirationSeconds: 300 } });
    assert.equal(short.code, 422);
    assert.equal(short.message, 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
    const long = await f.fail(tokenPath('default', 'default'), { ...TR, spec: { expirationSeconds: 2 ** 32 + 1 } });
    assert.match(long.message, /may not specify a duration larger than 2\^32 seconds$/);
  });

  it('needs the service account to exist', async () => {
    const f = fixture();
    const e = await f.fail(tokenPath('default', 'nosuch'), { ...TR });
    assert.equal(e.code, 404);
    assert.equal(e.message, 'serviceaccounts "nosuch" not found');
  });

  it('a name or namespace in the body must match the URL', async () => {
    const f = fixture();
    const e = await f.fail(tokenPath('default', 'default'), { ...TR, metadata: { name: 'other' } });
    assert.equal(e.code, 422);
    assert.equal(e.message, 'TokenRequest.authentication.k8s.io "default" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified');
    const ns = await f.fail(tokenPath('default', 'default'), { ...TR, metadata: { namespace: 'other' } });
    assert.equal(ns.code, 400);
  });

  it('binds a token to a pod of that service account, naming its node', async () => {
    const f = fixture(() => NOW);
    const ref = { kind: 'Pod', apiVersion: 'v1', name: 'web', uid: 'pod-uid' };
    const r = await f.post(tokenPath('default', 'default'), { ...TR, spec: { boundObjectRef: ref } });
    assert.deepEqual((r.spec as Json).boundObjectRef, ref);
    assert.deepEqual(parseJwt(statusOf(r).token)?.payload['kubernetes.io'], {
      namespace: 'default', serviceaccount: { name: 'default', uid: 'sa-uid' },
      pod: { name: 'web', uid: 'pod-uid' }, node: { name: 'n1', uid: 'node-uid' },
    });
    const orphan = await f.post(tokenPath('default', 'default'), { ...TR, spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'orphan' } } });
    assert.deepEqual((parseJwt(statusOf(orphan).token)?.payload['kubernetes.io'] as Json).node, { name: 'gone' });
    const wrongSa = await f.fail(tokenPath('default', 'builder'), { ...TR, spec: { boundObjectRef: ref } });
    assert.equal(wrongSa.code, 400);
    assert.equal(wrongSa.message, 'cannot bind token for serviceaccount "builder" to pod running with different serviceaccount name.');
  });

  it('binds to secrets and nodes; refuses other kinds, missing objects and stale uids', async () => {
    const f = fixture();
    const s = await f.post(tokenPath('default', 'default'), { ...TR, spec: { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's' } } });
    assert.deepEqual((parseJwt(statusOf(s).token)?.payload['kubernetes.io'] as Json).secret, { name: 's', uid: 'secret-uid' });
    const n = await f.post(tokenPath('default', 'default'), { ...TR, spec: { boundObjectRef: { kind: 'Node', apiVersion: 'v1', name: 'n1' } } });
    assert.deepEqual((parseJwt(statusOf(n).token)?.payload['kubernetes.io'] as Json).node, { name: 'n1', uid: 'node-uid' });
    const kind = await f.fail(tokenPath('default', 'default'), { ...TR, spec: { boundObjectRef: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'd' } } });
    assert.equal(kind.message, 'cannot bind token to object of type apps/v1, Kind=Deployment');
    const missing = await f.fail(tokenPath('default', 'default'), { ...TR, spec: { boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'nope' } } });
    assert.equal(missing.message, 'pods "nope" not found');
    const stale = await f.fail(tokenPath('default', 'default'), { ...TR, spec: { boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 's', uid: 'old' } } });
    assert.equal(stale.code, 409);
    assert.equal(stale.message, 'Operation cannot be fulfilled on Secret "s": the UID in the bound object reference (old) does not match the UID in record. The object might have been deleted and then recreated');
  });
});
