import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ServiceAccountTokenAuthenticator, type LiveObject, type LookupResource } from './authenticator.js';
import { ServiceAccountTokenIssuer } from './issuer.js';
import { parseJwt, signJwt } from './jwt.js';
import { testSigningKey } from './testing.js';

const T0 = new Date('2030-01-01T00:00:00Z');
const ISS = 'https://kubernetes.default.svc.cluster.local';

/** A clock the test moves, and objects the lookup sees. */
function world() {
  let now = T0;
  const objects = new Map<string, LiveObject>([
    ['serviceaccounts/default/default', { uid: 'sa-uid' }],
    ['pods/default/web', { uid: 'pod-uid' }],
    ['secrets/default/s', { uid: 'secret-uid' }],
    ['nodes//n1', { uid: 'node-uid' }],
  ]);
  const key = testSigningKey('rsa');
  const clock = () => now;
  const issuer = new ServiceAccountTokenIssuer(key, { now: clock });
  const auth = new ServiceAccountTokenAuthenticator(key, (r: LookupResource, ns, name) => objects.get(`${r}/${ns ?? ''}/${name}`), { now: clock });
  const issue = (over: Partial<Parameters<ServiceAccountTokenIssuer['issue']>[0]> = {}) => issuer.issue({
    namespace: 'default', serviceAccount: { name: 'default', uid: 'sa-uid' }, audiences: [ISS], expirationSeconds: 3600, ...over,
  });
  return { objects, issue, auth, key, advance(seconds: number) { now = new Date(now.getTime() + seconds * 1000); } };
}

describe('service-account tokens', () => {
  it('carry the claims Kubernetes puts in a TokenRequest token', () => {
    const w = world();
    const t = w.issue({ bound: { pod: { name: 'web', uid: 'pod-uid' }, node: { name: 'n1', uid: '' } } });
    const jwt = parseJwt(t.token);
    assert.ok(jwt);
    assert.equal(jwt.header.alg, 'RS256');
    assert.equal(jwt.header.kid, w.key.keyId);
    const p = jwt.payload;
    const iat = T0.getTime() / 1000;
    assert.equal(p.iss, ISS);
    assert.equal(p.sub, 'system:serviceaccount:default:default');
    assert.deepEqual(p.aud, [ISS]);
    assert.equal(p.iat, iat);
    assert.equal(p.nbf, iat);
    assert.equal(p.exp, iat + 3600);
    assert.match(String(p.jti), /^[0-9a-f-]{36}$/);
    assert.deepEqual(p['kubernetes.io'], {
      namespace: 'default', serviceaccount: { name: 'default', uid: 'sa-uid' }, pod: { name: 'web', uid: 'pod-uid' }, node: { name: 'n1' },
    });
    assert.equal(t.expiresAt.getTime(), T0.getTime() + 3600_000);
  });

  it('authenticate as system:serviceaccount:NS:NAME with the service account uid and credential id', () => {
    const w = world();
    const t = w.issue();
    const r = w.auth.check(t.token);
    assert.equal(r.status, 'authenticated');
    assert.ok(r.status === 'authenticated');
    assert.deepEqual(r.user, {
      name: 'system:serviceaccount:default:default', uid: 'sa-uid',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:default'],
      extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${t.claims.jti}`] },
    });
    assert.deepEqual(r.audiences, [ISS]);
    assert.equal(w.auth.authenticate(t.token)?.name, 'system:serviceaccount:default:default');
  });

  it('pod-bound tokens name the pod and node in extra, and stop working when the pod is gone or replaced', () => {
    const w = world();
    const t = w.issue({ bound: { pod: { name: 'web', uid: 'pod-uid' }, node: { name: 'n1', uid: 'node-uid' } } });
    const r = w.auth.check(t.token);
    assert.ok(r.status === 'authenticated');
    assert.deepEqual(r.user.extra['authentication.kubernetes.io/pod-name'], ['web']);
    assert.deepEqual(r.user.extra['authentication.kubernetes.io/pod-uid'], ['pod-uid']);
    assert.deepEqual(r.user.extra['authentication.kubernetes.io/node-name'], ['n1']);
    assert.deepEqual(r.user.extra['authentication.kubernetes.io/node-uid'], ['node-uid']);
    w.objects.set('pods/default/web', { uid: 'other' });
    assert.deepEqual(w.auth.check(t.token), { status: 'rejected', error: 'pod UID (other) does not match service account pod ref claim (pod-uid)' });
    w.objects.delete('pods/default/web');
    assert.deepEqual(w.auth.check(t.token), { status: 'rejected', error: 'service account token has been invalidated' });
  });

  it('secret- and node-bound tokens check their object', () => {
    const w = world();
    const s = w.issue({ bound: { secret: { name: 's', uid: 'secret-uid' } } });
    const n = w.issue({ bound: { node: { name: 'n1', uid: 'node-uid' } } });
    assert.equal(w.auth.check(s.token).status, 'authenticated');
    assert.equal(w.auth.check(n.token).status, 'authenticated');
    w.objects.delete('secrets/default/s');
    w.objects.set('nodes//n1', { uid: 'new' });
    assert.deepEqual(w.auth.check(s.token), { status: 'rejected', error: 'service account token has been invalidated' });
    assert.deepEqual(w.auth.check(n.token), { status: 'rejected', error: 'node UID (new) does not match service account node ref claim (node-uid)' });
  });

  it('expire after exp (with a minute of leeway) and are not valid before nbf', () => {
    const w = world();
    const t = w.issue({ expirationSeconds: 600 });
    w.advance(600 + 59);
    assert.equal(w.auth.check(t.token).status, 'authenticated');
    w.advance(2);
    assert.deepEqual(w.auth.check(t.token), { status: 'rejected', error: 'service account token has expired' });
    assert.equal(w.auth.authenticate(t.token), undefined);
    const early = world();
    early.advance(3600);
    const future = early.issue();
    const late = world();
    assert.deepEqual(late.auth.check(future.token), { status: 'rejected', error: 'service account token is not valid yet' });
  });

  it('stop working when the service account is deleted or recreated', () => {
    const w = world();
    const t = w.issue();
    w.objects.set('serviceaccounts/default/default', { uid: 'sa-uid', deletionTimestamp: '2029-12-31T23:00:00Z' });
    assert.deepEqual(w.auth.check(t.token), { status: 'rejected', error: 'service account default/default has been deleted' });
    w.objects.set('serviceaccounts/default/default', { uid: 'new-uid' });
    assert.deepEqual(w.auth.check(t.token), { status: 'rejected', error: 'service account UID (new-uid) does not match claim (sa-uid)' });
    w.objects.delete('serviceaccounts/default/default');
    assert.deepEqual(w.auth.check(t.token), { status: 'rejected', error: 'serviceaccounts "default" not found' });
  });

  it('are checked against the audiences asked for (default: the API server\'s)', () => {
    const w = world();
    const t = w.issue({ audiences: ['vault'] });
    assert.deepEqual(w.auth.check(t.token), {
      status: 'rejected',
      error: 'token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]',
    });
    const r = w.auth.check(t.token, ['vault', 'other']);
    assert.ok(r.status === 'authenticated');
    assert.deepEqual(r.audiences, ['vault']);
  });

  it('leave tokens of other issuers and non-JWTs to other authenticators; reject forged signatures', () => {
    const w = world();
    assert.deepEqual(w.auth.check('static-token-abc'), { status: 'not-mine' });
    assert.deepEqual(w.auth.check('{"iss":"x"}'), { status: 'not-mine' });
    const foreign = signJwt({ iss: 'https://elsewhere', sub: 'x' }, w.key);
    assert.deepEqual(w.auth.check(foreign), { status: 'not-mine' });
    const good = w.issue();
    const forged = new ServiceAccountTokenIssuer(testSigningKey('rsa', 'attacker'), { now: () => T0 }).issue({
      namespace: 'default', serviceAccount: { name: 'default', uid: 'sa-uid' }, audiences: [ISS], expirationSeconds: 3600,
    });
    assert.equal(w.auth.check(good.token).status, 'authenticated');
    assert.deepEqual(w.auth.check(forged.token), { status: 'rejected', error: 'invalid bearer token, token signature could not be verified' });
    const noClaim = signJwt({ iss: ISS, sub: 'x', exp: 2e9 }, w.key);
    assert.equal(w.auth.check(noClaim).status, 'rejected');
  });

  it('work with an ES256 key', () => {
    const key = testSigningKey('ec');
    const issuer = new ServiceAccountTokenIssuer(key, { now: () => T0 });
    const auth = new ServiceAccountTokenAuthenticator(key, () => ({ uid: 'u' }), { now: () => T0 });
    const t = issuer.issue({ namespace: 'ns', serviceAccount: { name: 'sa', uid: 'u' }, audiences: [ISS], expirationSeconds: 600 });
    assert.equal(parseJwt(t.token)?.header.alg, 'ES256');
    assert.equal(auth.authenticate(t.token)?.name, 'system:serviceaccount:ns:sa');
  });
});
