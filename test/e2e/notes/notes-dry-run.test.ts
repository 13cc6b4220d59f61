/**
 * Dry runs: 004:1190 `run … --dry-run=client -o yaml` (kubectl alone), the client and server dry
 * runs of create/apply/delete (nothing stored; the server's defaults and validation applied), and
 * 004:1183 `get … -o yaml > demo.yaml` fed back to apply.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { notesSuite, type Obj, it } from './kit.js';

notesSuite('dry-run', (k) => {
  it('004:1190 run nginx-pod --image=nginx --dry-run=client -o yaml', async () => {
    assert.equal(await k.ok('run', 'nginx-pod', '--image=nginx', '--dry-run=client', '-o', 'yaml'), [
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  creationTimestamp: null', '  labels:', '    run: nginx-pod', '  name: nginx-pod', 'spec:',
      '  containers:', '  - image: nginx', '    name: nginx-pod', '    resources: {}', '  dnsPolicy: ClusterFirst', '  restartPolicy: Always',
      'status: {}', ''].join('\n'));
    assert.equal(await k.exists('pod', 'nginx-pod'), false);
  });

  it('create deployment --dry-run=client -o yaml, the manifest the notes\' generators would send', async () => {
    const y = parse(await k.ok('create', 'deployment', 'nginx', '--image=nginx:latest', '--port=80', '--replicas=3', '--dry-run=client', '-o', 'yaml')) as Obj;
    assert.equal(y.kind, 'Deployment');
    assert.deepEqual(y.spec, {
      replicas: 3, selector: { matchLabels: { app: 'nginx' } }, strategy: {},
      template: { metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: { containers: [{ image: 'nginx:latest', name: 'nginx', ports: [{ containerPort: 80 }], resources: {} }] } },
    });
    assert.equal(await k.exists('deploy', 'nginx'), false);
  });

  it('the dry-run output applied as a file makes the object (004:1190 then apply -f demo.yaml)', async () => {
    writeFileSync(join(k.dir, 'demo.yaml'), await k.ok('run', 'nginx-pod', '--image=nginx', '--dry-run=client', '-o', 'yaml'));
    assert.equal(await k.ok('apply', '-f', 'demo.yaml'), 'pod/nginx-pod created\n');
    assert.equal(await k.ok('get', 'pod', 'nginx-pod', '-o', 'jsonpath={.spec.containers[0].image} {.spec.containers[0].imagePullPolicy}'), 'nginx Always');
  });

  it('apply --dry-run=client and --dry-run=server store nothing; the server dry run validates', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('000/nginx-deployment.yaml'), '--dry-run=client'), 'deployment.apps/nginx-deployment created (dry run)\n');
    assert.equal(await k.ok('apply', '-f', 'nginx-deployment.yaml', '--dry-run=server'), 'deployment.apps/nginx-deployment created (server dry run)\n');
    const y = parse(await k.ok('apply', '-f', 'nginx-deployment.yaml', '--dry-run=server', '-o', 'yaml')) as Obj;
    assert.equal((y.spec as { revisionHistoryLimit: number }).revisionHistoryLimit, 10);
    assert.match(y.metadata?.uid ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(await k.exists('deploy', 'nginx-deployment'), false);
    const bad = await k.fails('apply', '-f', k.file('004/nginx-deployment-recreate.yaml', { as: 'bad.yaml' }), '--dry-run=server');
    assert.match(bad.stderr, /^The Deployment "nginx-deployment" is invalid: spec\.template\.metadata\.labels/);
  });

  it('create --dry-run=server of an existing object is AlreadyExists; delete --dry-run=server keeps it', async () => {
    await k.ok('apply', '-f', 'nginx-deployment.yaml');
    const again = await k.fails('create', '-f', 'nginx-deployment.yaml', '--dry-run=server');
    assert.equal(again.stderr, 'Error from server (AlreadyExists): error when creating "nginx-deployment.yaml": deployments.apps "nginx-deployment" already exists\n');
    assert.equal(await k.ok('delete', '-f', 'nginx-deployment.yaml', '--dry-run=server'), 'deployment.apps "nginx-deployment" deleted (server dry run)\n');
    assert.equal(await k.exists('deploy', 'nginx-deployment'), true);
    k.file('000/nginx-deployment.yaml', { replace: { 'replicas: 1 ': 'replicas: 4 ' } });
    assert.equal(await k.ok('apply', '-f', 'nginx-deployment.yaml', '--dry-run=server'), 'deployment.apps/nginx-deployment configured (server dry run)\n');
    assert.equal(await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas} {.metadata.generation}'), '1 1');
  });

  it('004:1183 get … -o yaml > demo.yaml; applying it back changes only the annotation', async () => {
    // The export carries a resourceVersion: wait until the controller has stopped writing the status,
    // or the apply is (rightly) a conflict.
    let rv = '';
    for (let i = 0; i < 20; i++) {
      const now = await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.metadata.resourceVersion}');
      if (now === rv) break;
      rv = now;
      await new Promise((r) => setTimeout(r, 500));
    }
    writeFileSync(join(k.dir, 'exported.yaml'), await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'yaml'));
    const before = await k.json('get', 'deploy', 'nginx-deployment');
    const r = await k.run(['apply', '-f', 'exported.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/nginx-deployment configured\n');
    const after = await k.json('get', 'deploy', 'nginx-deployment');
    assert.deepEqual(after.spec, before.spec);
    // The last-applied annotation was added, and a Deployment's annotations count as a change of its
    // generation (they are copied to its ReplicaSets), as on Kubernetes.
    assert.ok(after.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
    assert.equal(after.metadata?.generation, (before.metadata?.generation ?? 0) + 1);
  });
});
