/**
 * PENDING (issue 3, item 5: auth whoami, auth can-i, create token). `kubectl auth` and `kubectl
 * create token` for the admin of the generated kubeconfig and for the notes' ServiceAccount
 * prometheus-serviceaccount (001:1076).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { notesSuite, type Obj, it } from './kit.js';
import { parseTable } from './table.js';

const NOT_ENABLED = 'error: the selfsubjectreviews API is not enabled in the cluster\nenable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API\n';

function whoamiRows(out: string): Map<string, string> {
  const t = parseTable(out);
  assert.deepEqual(t.header, ['ATTRIBUTE', 'VALUE'], out);
  return new Map(t.rows.map((r) => [r[0], r[1]]));
}

notesSuite('auth', (k) => {
  let token = '';

  it('auth whoami names the admin of the generated kubeconfig', async () => {
    const r = await k.run(['auth', 'whoami']);
    if (k.version === '1.27' && r.code !== 0) {
      // kubectl 1.27 knows only the alpha and beta SelfSubjectReview, which 1.32 may no longer serve.
      assert.equal(r.stderr, NOT_ENABLED);
      return;
    }
    assert.equal(r.code, 0, r.stderr);
    const rows = whoamiRows(r.stdout);
    assert.equal(rows.get('Username'), 'system:admin');
    assert.equal(rows.get('Groups'), '[system:masters system:authenticated]');
  });

  it('auth can-i answers yes for the admin', async () => {
    assert.equal(await k.ok('auth', 'can-i', 'get', 'pods'), 'yes\n');
    assert.equal(await k.ok('auth', 'can-i', 'create', 'deployments.apps', '-n', 'kube-system'), 'yes\n');
    assert.equal(await k.ok('auth', 'can-i', '*', '*'), 'yes\n');
    const list = parseTable(await k.ok('auth', 'can-i', '--list'));
    assert.deepEqual(list.header, ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    assert.deepEqual(list.rows[0], ['*.*', '[]', '[]', '[*]']);
    assert.deepEqual(list.rows[1], ['', '[*]', '[]', '[*]']);
  });

  it('auth can-i for a ServiceAccount without roles answers no (exit 1)', async () => {
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'prometheus-serviceaccount' } }) });
    const r = await k.run(['auth', 'can-i', 'list', 'pods', `--as=system:serviceaccount:${k.ns}:prometheus-serviceaccount`]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'no\n');
  });

  it('create token prometheus-serviceaccount issues a bound token for one hour', async () => {
    token = (await k.ok('create', 'token', 'prometheus-serviceaccount')).trim();
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown> & { exp: number; iat: number;
      'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } } };
    assert.equal(claims.sub, `system:serviceaccount:${k.ns}:prometheus-serviceaccount`);
    assert.equal(claims.exp - claims.iat, 3600);
    assert.equal(claims['kubernetes.io'].namespace, k.ns);
    assert.equal(claims['kubernetes.io'].serviceaccount.name, 'prometheus-serviceaccount');
    const ten = (await k.ok('create', 'token', 'prometheus-serviceaccount', '--duration=10m')).trim();
    const c10 = JSON.parse(Buffer.from(ten.split('.')[1], 'base64url').toString()) as { exp: number; iat: number };
    assert.equal(c10.exp - c10.iat, 600);
    const missing = await k.fails('create', 'token', 'nobody');
    assert.equal(missing.stderr, 'error: failed to create token: serviceaccounts "nobody" not found\n');
  });

  it('a TokenReview of the token authenticates the ServiceAccount', async () => {
    const out = await k.ok('create', '-f', '-', '-o', 'json', { input: JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } }) });
    const review = JSON.parse(out) as Obj & { status: { authenticated: boolean; user: { username: string; groups: string[] } } };
    assert.equal(review.status.authenticated, true);
    assert.equal(review.status.user.username, `system:serviceaccount:${k.ns}:prometheus-serviceaccount`);
    assert.deepEqual(review.status.user.groups, ['system:serviceaccounts', `system:serviceaccounts:${k.ns}`, 'system:authenticated']);
  });

  it('kubectl with the token alone is the ServiceAccount (auth whoami)', async () => {
    const cfg = parse(readFileSync(k.kubeconfig, 'utf8')) as { users: Array<{ user: Record<string, unknown> }> };
    cfg.users[0].user = { token };
    const path = join(k.dir, 'token-kubeconfig.yaml');
    writeFileSync(path, stringify(cfg));
    const r = await k.run(['auth', 'whoami'], { kubeconfig: path });
    if (k.version === '1.27' && r.code !== 0) {
      assert.equal(r.stderr, NOT_ENABLED);
      return;
    }
    assert.equal(r.code, 0, r.stderr);
    const rows = whoamiRows(r.stdout);
    assert.equal(rows.get('Username'), `system:serviceaccount:${k.ns}:prometheus-serviceaccount`);
    assert.equal(rows.get('Groups'), `[system:serviceaccounts system:serviceaccounts:${k.ns} system:authenticated]`);
  });
});
