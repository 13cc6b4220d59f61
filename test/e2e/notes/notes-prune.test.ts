/**
 * `kubectl apply --prune -l`: a directory of the notes' manifests (001:867 nginx-deployment.yml and
 * 001:905 nginx-service.yml, labelled app=nginx) applied, then applied again after a file is
 * removed; only the objects that carry the label and were applied before are pruned.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { notesSuite, it } from './kit.js';

notesSuite('prune', (k) => {
  it('apply --prune -l app=nginx -f app/ creates both objects', async () => {
    mkdirSync(join(k.dir, 'app'), { recursive: true });
    k.file('001/nginx-deployment.yml', { as: 'app/nginx-deployment.yml' });
    k.file('001/nginx-service.yml', { as: 'app/nginx-service.yml', replace: { '  name: nginx-service\n': '  name: nginx-service\n  labels:\n    app: nginx\n' } });
    // Something else with the label that apply never made, and something without the label.
    await k.ok('create', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'made-by-hand', labels: { app: 'nginx' } } }) });
    await k.ok('apply', '-f', k.file('001/prometheus-config.yml'));
    const r = await k.run(['apply', '--prune', '-l', 'app=nginx', '-f', 'app/']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment created\nservice/nginx-service created\n');
  });

  it('after nginx-service.yml is removed, the next apply prunes the Service and leaves the rest', async () => {
    rmSync(join(k.dir, 'app', 'nginx-service.yml'));
    const r = await k.run(['apply', '--prune', '-l', 'app=nginx', '-f', 'app/']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment unchanged\nservice/nginx-service pruned\n');
    assert.equal(await k.exists('svc', 'nginx-service'), false);
    assert.equal(await k.exists('cm', 'made-by-hand'), true);
    assert.equal(await k.exists('cm', 'prometheus-config'), true);
    assert.equal(await k.exists('deploy', 'nginx-deployment'), true);
  });

  it('--prune --dry-run=server names what it would prune and prunes nothing', async () => {
    rmSync(join(k.dir, 'app', 'nginx-deployment.yml'));
    k.file('001/nginx-service.yml', { as: 'app/nginx-service.yml', replace: { '  name: nginx-service\n': '  name: nginx-service\n  labels:\n    app: nginx\n' } });
    const r = await k.run(['apply', '--prune', '-l', 'app=nginx', '-f', 'app/', '--dry-run=server']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'service/nginx-service created (server dry run)\ndeployment.apps/nginx-deployment pruned (server dry run)\n');
    assert.equal(await k.exists('deploy', 'nginx-deployment'), true);
  });
});
