/**
 * `kubectl edit` as the notes use it (004:3610 ReplicaSet, 004:3777 Deployment, 004:4537/4608 HPA),
 * with KUBE_EDITOR a sed script standing in for the user's editor.
 */
import assert from 'node:assert/strict';
import { notesSuite, it } from './kit.js';
import { age, assertTable } from './table.js';

const editor = (script: string): { env: Record<string, string> } => ({ env: { KUBE_EDITOR: `sed -i -e '${script}'`, EDITOR: '', VISUAL: '' } });

notesSuite('edit', (k) => {
  it('004:3610 edit rs my-replicaset (spec.replicas 3 → 4)', async () => {
    await k.ok('create', '-f', k.file('004/replicaset.yaml'));
    assert.equal(await k.ok('edit', 'rs', 'my-replicaset', editor('s/^  replicas: 3$/  replicas: 4/')), 'replicaset.apps/my-replicaset edited\n');
    assert.equal(await k.ok('get', 'rs', 'my-replicaset', '-o', 'jsonpath={.spec.replicas}'), '4');
  });

  it('004:3777 edit deployment my-deployment (spec.replicas 3 → 5 and a new image)', async () => {
    await k.ok('apply', '-f', k.file('004/deployment.yaml'));
    assert.equal(await k.ok('edit', 'deployment', 'my-deployment', editor('s/^  replicas: 3$/  replicas: 5/; s/my-app-image:1.0.0/my-app-image:1.1.0/')),
      'deployment.apps/my-deployment edited\n');
    assert.equal(await k.ok('get', 'deploy', 'my-deployment', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.generation}'),
      '5 my-app-image:1.1.0 2');
  });

  it('an edit that changes nothing is cancelled', async () => {
    const r = await k.run(['edit', 'deployment', 'my-deployment'], { env: { KUBE_EDITOR: 'true' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, 'Edit cancelled, no changes made.\n');
  });

  it('an invalid edit is refused (the reason goes into the reopened file) and the object keeps its spec', async () => {
    const r = await k.fails('edit', 'deployment', 'my-deployment', editor('s/^  replicas: 5$/  replicas: -1/'));
    assert.match(r.stderr, /^error: deployments\.apps "my-deployment" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl[.\d]*-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
    assert.equal(await k.ok('get', 'deploy', 'my-deployment', '-o', 'jsonpath={.spec.replicas}'), '5');
  });

  it('004:4537/4608 edit hpa: target CPU from 50% to 80% (the notes\' HPA as autoscaling/v1, 000:2128)', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('000/my-hpa.yaml')), 'horizontalpodautoscaler.autoscaling/my-hpa created\n');
    assert.equal(await k.ok('edit', 'hpa', 'my-hpa', editor('s/averageUtilization: 50/averageUtilization: 80/')),
      'horizontalpodautoscaler.autoscaling/my-hpa edited\n');
    // kubectl edits the preferred version (autoscaling/v2); read back as autoscaling/v1:
    const v1 = JSON.parse(await k.ok('get', '--raw', `/apis/autoscaling/v1/namespaces/${k.ns}/horizontalpodautoscalers/my-hpa`)) as { spec: Record<string, unknown> };
    assert.equal(v1.spec.targetCPUUtilizationPercentage, 80);
    assertTable(await k.ok('get', 'hpa'), ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
      [['my-hpa', 'Deployment/my-deployment', /cpu: (<unknown>|\d+%)\/80%/, '1', '10', /\d+/, age]]);
  });

  it('004:4545 delete hpa example-app: NotFound (the notes\' HPA was never made), then delete hpa my-hpa', async () => {
    const r = await k.fails('delete', 'hpa', 'example-app');
    assert.equal(r.stderr, 'Error from server (NotFound): horizontalpodautoscalers.autoscaling "example-app" not found\n');
    assert.match(await k.ok('delete', 'hpa', 'my-hpa'), /^horizontalpodautoscaler\.autoscaling "my-hpa" deleted/);
  });
});
