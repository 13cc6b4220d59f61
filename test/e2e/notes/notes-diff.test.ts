/**
 * `kubectl diff` (a server-side dry-run of the apply, compared with the live object) on the notes'
 * nginx Deployment of 000:6049: no output and exit 0 when nothing changes, a unified diff and exit 1
 * when the file changes, and the live object untouched either way.
 */
import assert from 'node:assert/strict';
import { notesSuite, it } from './kit.js';

notesSuite('diff', (k) => {
  it('diff of an object that does not exist yet shows every line as added', async () => {
    const r = await k.run(['diff', '-f', k.file('000/nginx-deployment.yaml')]);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.[\w-]+\.nginx-deployment \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.[\w-]+\.nginx-deployment$/m);
    assert.match(r.stdout, /^\+kind: Deployment$/m);
    assert.match(r.stdout, /^\+ {2}replicas: 1$/m);
    assert.match(r.stdout, /^\+ {2}generation: 1$/m);
    assert.equal(await k.exists('deploy', 'nginx-deployment'), false);
  });

  it('diff after apply of the same file prints nothing and exits 0', async () => {
    await k.ok('apply', '-f', 'nginx-deployment.yaml');
    const r = await k.run(['diff', '-f', 'nginx-deployment.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  it('diff of the edited file shows the replica and image change, and the generation the server would give', async () => {
    k.file('000/nginx-deployment.yaml', { replace: { 'replicas: 1 ': 'replicas: 3 ', 'nginx:latest': 'nginx:1.25' } });
    const r = await k.run(['diff', '-f', 'nginx-deployment.yaml']);
    assert.equal(r.code, 1, r.stderr);
    for (const line of [/^- {2}generation: 1$/m, /^\+ {2}generation: 2$/m, /^- {2}replicas: 1$/m, /^\+ {2}replicas: 3$/m,
      /^- {6}- image: nginx:latest$/m, /^\+ {6}- image: nginx:1\.25$/m]) assert.match(r.stdout, line);
    assert.doesNotMatch(r.stdout, /^[-+] {2}resourceVersion:/m);
    const live = await k.json('get', 'deploy', 'nginx-deployment');
    assert.equal((live.spec as { replicas: number }).replicas, 1);
    assert.equal(live.metadata?.generation, 1);
  });

  it('diff reports an invalid change with the server\'s reason', async () => {
    k.file('000/nginx-deployment.yaml', { replace: { 'replicas: 1 ': 'replicas: -1 ' } });
    const r = await k.run(['diff', '-f', 'nginx-deployment.yaml']);
    assert.ok(r.code > 1, `exit ${r.code}`);
    assert.equal(r.stderr, 'The Deployment "nginx-deployment" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });
});
