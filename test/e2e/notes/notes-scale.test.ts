/**
 * `kubectl scale` as the notes use it (001:935, 004:2078, 004:3604, 004:3771, 004:4167), and
 * scaling by re-applying a file with a new replica count (004:3589, 004:3756).
 */
import assert from 'node:assert/strict';
import { notesSuite, type Obj, it } from './kit.js';

const replicas = (o: Obj): number => (o.spec as { replicas: number }).replicas;

notesSuite('scale', (k) => {
  it('001:935 scale deployments/nginx-deployment --replicas=4', async () => {
    await k.ok('create', '-f', k.file('001/nginx-deployment.yml'));
    assert.equal(await k.ok('scale', 'deployments/nginx-deployment', '--replicas=4'), 'deployment.apps/nginx-deployment scaled\n');
    const d = await k.json('get', 'deployment', 'nginx-deployment');
    assert.equal(replicas(d), 4);
    assert.equal(d.metadata?.generation, 2);
  });

  it('004:2078 scale deployment/nginx --replicas=2 -n dev', async () => {
    const dev = k.name('dev');
    await k.ok('apply', '-f', k.file('004/ns-dev.yaml', { replace: { 'name: dev': `name: ${dev}` } }));
    await k.ok('apply', '-f', k.file('004/deploy-nginx.yaml', { replace: { 'namespace: dev': `namespace: ${dev}` } }));
    assert.equal(await k.ok('scale', 'deployment/nginx', '--replicas=2', '-n', dev), 'deployment.apps/nginx scaled\n');
    assert.equal(replicas(await k.json('get', 'deploy', 'nginx', '-n', dev)), 2);
  });

  it('004:3598 apply replicaset.yaml with replicas: 5, then 004:3604 scale rs my-replicaset --replicas=2', async () => {
    await k.ok('create', '-f', k.file('004/replicaset.yaml'));
    k.file('004/replicaset.yaml', { replace: { 'replicas: 3': 'replicas: 5' } });
    const applied = await k.run(['apply', '-f', 'replicaset.yaml']);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stdout, 'replicaset.apps/my-replicaset configured\n');
    assert.equal(replicas(await k.json('get', 'rs', 'my-replicaset')), 5);
    assert.equal(await k.ok('scale', 'rs', 'my-replicaset', '--replicas=2'), 'replicaset.apps/my-replicaset scaled\n');
    assert.equal(replicas(await k.json('get', 'rs', 'my-replicaset')), 2);
  });

  it('004:3765 apply deployment.yaml with replicas: 5; 004:3771 scale deployment my-deployment --replicas=5', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('004/deployment.yaml')), 'deployment.apps/my-deployment created\n');
    k.file('004/deployment.yaml', { replace: { 'replicas: 3': 'replicas: 5' } });
    assert.equal(await k.ok('apply', '-f', 'deployment.yaml'), 'deployment.apps/my-deployment configured\n');
    assert.equal(await k.ok('scale', 'deployment', 'my-deployment', '--replicas=5'), 'deployment.apps/my-deployment scaled\n');
    const d = await k.json('get', 'deploy', 'my-deployment');
    assert.equal(replicas(d), 5);
    assert.equal(d.metadata?.generation, 2, 'scaling to the replica count it has changes nothing');
  });

  it('004:4167 scale statefulset my-statefulset --replicas=5', async () => {
    await k.ok('apply', '-f', k.file('004/my-statefulset.yaml'));
    assert.equal(await k.ok('scale', 'statefulset', 'my-statefulset', '--replicas=5'), 'statefulset.apps/my-statefulset scaled\n');
    assert.equal(replicas(await k.json('get', 'sts', 'my-statefulset')), 5);
  });

  it('the scale subresource answers with the selector; scale refuses what it cannot scale', async () => {
    const scale = JSON.parse(await k.ok('get', '--raw', `/apis/apps/v1/namespaces/${k.ns}/deployments/my-deployment/scale`)) as Obj;
    assert.equal(scale.kind, 'Scale');
    assert.equal(scale.apiVersion, 'autoscaling/v1');
    assert.deepEqual(scale.spec, { replicas: 5 });
    assert.equal((scale.status as { selector: string }).selector, 'app=my-app');
    const missing = await k.fails('scale', 'deployment', 'nope', '--replicas=1');
    // kubectl 1.27 drops the NotFound it got; later versions append it.
    assert.equal(missing.stderr, k.version === '1.27' ? 'error: no objects passed to scale\n'
      : 'error: no objects passed to scale deployments.apps "nope" not found\n');
    const neg = await k.fails('scale', 'deployment', 'my-deployment', '--replicas=-1');
    assert.equal(neg.stderr, 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    await k.ok('apply', '-f', k.file('000/nginx-service-clusterip.yaml'));
    const svc = await k.fails('scale', 'service', 'nginx-service', '--replicas=2');
    assert.match(svc.stderr, /the server could not find the requested resource/);
    const pre = await k.fails('scale', 'deployment', 'my-deployment', '--current-replicas=3', '--replicas=1');
    assert.equal(pre.stderr, 'error: Expected replicas to be 3, was 5\n');
  });
});
