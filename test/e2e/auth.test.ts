/**
 * Identity and service-account tokens through the real kubectl: `auth whoami`, `auth can-i` (and
 * --list), `create token`, bearer tokens, TokenReview. Needs the virtual resources wired into the
 * server (src/apiserver/virtual).
 */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { realpathSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startCluster, type Cluster } from './harness.js';

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const RBAC_WARNING = 'Warning: navarch: RBAC is not enforced yet: every authenticated user is allowed every action';

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

function kubectl127(): string {
  const real = realpathSync(execFileSync('which', ['kubectl'], { encoding: 'utf8' }).trim());
  return join(dirname(real), 'kubectl.1.27');
}

describe('authentication and authorization reviews through kubectl', () => {
  let c: Cluster;
  let token = '';
  let saUid = '';

  before(async () => {
    c = await startCluster('sqlite');
    // The service-account controller does not exist yet: create "default" ourselves.
    const r = await c.kubectl(['apply', '-f', '-'], { input: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } }) });
    assert.equal(r.code, 0, r.stderr);
    saUid = await c.k('get', 'serviceaccount', 'default', '-o', 'jsonpath={.metadata.uid}');
  });
  after(async () => { await c?.stop(); });

  it('kubectl auth whoami shows the admin', async () => {
    const r = await c.kubectl(['auth', 'whoami']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ATTRIBUTE   VALUE\nUsername    system:admin\nGroups      [system:masters system:authenticated]\n');
  });

  it('kubectl auth can-i answers yes for the admin, with nothing on stderr', async () => {
    const r = await c.kubectl(['auth', 'can-i', 'create', 'pods']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'yes\n');
    assert.equal(r.stderr, '');
    assert.equal(await c.k('auth', 'can-i', 'get', '/healthz'), 'yes\n');
    const list = await c.k('auth', 'can-i', '--list');
    assert.match(list, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n\*\.\*\s+\[\]\s+\[\]\s+\[\*\]\n\s+\[\*\]\s+\[\]\s+\[\*\]\n$/);
  });

  it('kubectl create token prints a JWT for the service account', async () => {
    const r = await c.kubectl(['create', 'token', 'default']);
    assert.equal(r.code, 0, r.stderr);
    token = r.stdout.trim();
    assert.match(token, JWT);
    const claims = claimsOf(token);
    assert.equal(claims.iss, 'https://kubernetes.default.svc.cluster.local');
    assert.equal(claims.sub, 'system:serviceaccount:default:default');
    assert.deepEqual(claims.aud, ['https://kubernetes.default.svc.cluster.local']);
    assert.equal(Number(claims.exp) - Number(claims.iat), 3600);
    assert.deepEqual(claims['kubernetes.io'], { namespace: 'default', serviceaccount: { name: 'default', uid: saUid } });
  });

  it('the token authenticates as system:serviceaccount:default:default', async () => {
    const r = await c.kubectl(['--token', token, 'auth', 'whoami']);
    assert.equal(r.code, 0, r.stderr);
    const jti = String(claimsOf(token).jti);
    assert.match(r.stdout, /^ATTRIBUTE\s+VALUE\n/);
    assert.match(r.stdout, /^Username\s+system:serviceaccount:default:default$/m);
    assert.match(r.stdout, new RegExp(`^UID\\s+${saUid}$`, 'm'));
    assert.match(r.stdout, /^Groups\s+\[system:serviceaccounts system:serviceaccounts:default system:authenticated\]$/m);
    assert.match(r.stdout, new RegExp(`^Extra: authentication.kubernetes.io/credential-id\\s+\\[JTI=${jti}\\]$`, 'm'));
    assert.match(await c.k('--token', token, 'get', 'namespaces'), /^default\s+Active/m);
  });

  it('a service account is allowed for now, and kubectl says that RBAC is not enforced', async () => {
    const r = await c.kubectl(['--token', token, 'auth', 'can-i', 'delete', 'nodes']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'yes\n');
    assert.match(r.stderr, new RegExp(RBAC_WARNING));
  });

  it('TokenReview reports the token\'s user', async () => {
    const review = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } };
    const r = await c.kubectl(['create', '-f', '-', '-o', 'json'], { input: JSON.stringify(review) });
    assert.equal(r.code, 0, r.stderr);
    const status = (JSON.parse(r.stdout) as { status: { authenticated: boolean; user: { username: string; uid: string } } }).status;
    assert.equal(status.authenticated, true);
    assert.equal(status.user.username, 'system:serviceaccount:default:default');
    assert.equal(status.user.uid, saUid);
  });

  it('create token refuses unknown accounts and short durations; other audiences do not reach the API', async () => {
    const missing = await c.kubectl(['create', 'token', 'nosuch']);
    assert.notEqual(missing.code, 0);
    assert.equal(missing.stderr, 'error: failed to create token: serviceaccounts "nosuch" not found\n');
    const short = await c.kubectl(['create', 'token', 'default', '--duration', '5m']);
    assert.equal(short.stderr, 'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n');
    const vault = (await c.k('create', 'token', 'default', '--audience', 'vault')).trim();
    assert.deepEqual(claimsOf(vault).aud, ['vault']);
    const r = await c.kubectl(['--token', vault, 'auth', 'whoami']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Unauthorized/);
  });

  it('kubectl 1.27 finds whoami in v1beta1', async () => {
    const r = await c.kubectl(['auth', 'whoami'], { kubectlBin: kubectl127() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Username\s+system:admin$/m);
  });

  it('tokens survive a restart (the key is kept) and die with their service account', async () => {
    await c.restart();
    assert.match(await c.k('--token', token, 'auth', 'whoami'), /system:serviceaccount:default:default/);
    await c.k('delete', 'serviceaccount', 'default');
    const r = await c.kubectl(['--token', token, 'auth', 'whoami']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Unauthorized/);
  });
});
