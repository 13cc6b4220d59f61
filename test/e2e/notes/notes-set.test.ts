/**
 * `kubectl set image|env|resources|selector|serviceaccount` and the rollout verbs that only patch
 * the object (restart, pause, resume): 004:2061-2067, 001:938, 004:4181, 004:3903-3911.
 * (`rollout status|history|undo` need the deployment controller: README.md lists them.)
 */
import assert from 'node:assert/strict';
import { notesSuite, type Obj, it } from './kit.js';

interface Ctr { name: string; image: string; env?: unknown; resources?: unknown }
const tmpl = (o: Obj): { metadata: { annotations?: Record<string, string> }; spec: { containers: Ctr[]; serviceAccountName?: string } } =>
  (o.spec as { template: ReturnType<typeof tmpl> }).template;

notesSuite('set', (k) => {
  let dev = '';

  it('004:2061 set image deployment/nginx nginx=redis -n dev; the two other forms (004:2064, 004:2067) change nothing more', async () => {
    dev = k.name('dev');
    await k.ok('apply', '-f', k.file('004/ns-dev.yaml', { replace: { 'name: dev': `name: ${dev}` } }));
    await k.ok('apply', '-f', k.file('004/deploy-nginx.yaml', { replace: { 'namespace: dev': `namespace: ${dev}` } }));
    assert.equal(await k.ok('set', 'image', 'deployment/nginx', 'nginx=redis', '-n', dev), 'deployment.apps/nginx image updated\n');
    assert.equal(await k.ok('set', 'image', 'deployment', 'nginx', 'nginx=redis', '-n', dev), '');
    assert.equal(await k.ok('set', 'image', 'deploy', 'nginx', 'nginx=redis', '-n', dev), '');
    const d = await k.json('get', 'deploy', 'nginx', '-n', dev);
    assert.equal(tmpl(d).spec.containers[0].image, 'redis');
    assert.equal(d.metadata?.generation, 2);
  });

  it('set image names a container the template does not have', async () => {
    const r = await k.fails('set', 'image', 'deployment/nginx', 'web=redis', '-n', dev);
    assert.equal(r.stderr, 'error: unable to find container named "web"\n');
  });

  it('001:938 set image deployment/nginx-deployment nginx=nginx:1.9.1', async () => {
    await k.ok('create', '-f', k.file('001/nginx-deployment.yml'));
    assert.equal(await k.ok('set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.9.1'), 'deployment.apps/nginx-deployment image updated\n');
    assert.equal(await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.9.1');
  });

  it('004:4181 set image statefulset my-statefulset my-container=nginx:1.19', async () => {
    await k.ok('apply', '-f', k.file('004/my-statefulset.yaml'));
    assert.equal(await k.ok('set', 'image', 'statefulset', 'my-statefulset', 'my-container=nginx:1.19'), 'statefulset.apps/my-statefulset image updated\n');
    assert.equal(await k.ok('get', 'sts', 'my-statefulset', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.19');
  });

  it('set env, set resources, set serviceaccount', async () => {
    assert.equal(await k.ok('set', 'env', 'deployment/nginx', 'MY_CONFIG=prod', '-n', dev), 'deployment.apps/nginx env updated\n');
    assert.equal(await k.ok('set', 'resources', 'deployment', 'nginx', '--limits=cpu=200m,memory=512Mi', '--requests=cpu=100m', '-n', dev),
      'deployment.apps/nginx resource requirements updated\n');
    assert.equal(await k.ok('set', 'serviceaccount', 'deployment', 'nginx', 'prometheus', '-n', dev), 'deployment.apps/nginx serviceaccount updated\n');
    const t = tmpl(await k.json('get', 'deploy', 'nginx', '-n', dev));
    assert.deepEqual(t.spec.containers[0].env, [{ name: 'MY_CONFIG', value: 'prod' }]);
    assert.deepEqual(t.spec.containers[0].resources, { limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    assert.equal(t.spec.serviceAccountName, 'prometheus');
    assert.equal(await k.ok('set', 'env', 'deployment/nginx', 'MY_CONFIG-', '-n', dev), 'deployment.apps/nginx env updated\n');
    assert.equal(tmpl(await k.json('get', 'deploy', 'nginx', '-n', dev)).spec.containers[0].env, undefined);
  });

  it('set selector on a Service', async () => {
    await k.ok('expose', 'deploy', 'nginx', '--name=svc-nginx1', '--port=80', '-n', dev);
    assert.equal(await k.ok('set', 'selector', 'svc', 'svc-nginx1', 'app=nginx,tier=web', '-n', dev), 'service/svc-nginx1 selector updated\n');
    assert.equal(await k.ok('get', 'svc', 'svc-nginx1', '-n', dev, '-o', 'jsonpath={.spec.selector}'), '{"app":"nginx","tier":"web"}');
  });

  it('rollout restart stamps the pod template', async () => {
    assert.equal(await k.ok('rollout', 'restart', 'deployment/nginx', '-n', dev), 'deployment.apps/nginx restarted\n');
    const at = tmpl(await k.json('get', 'deploy', 'nginx', '-n', dev)).metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
    assert.match(at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$|^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('004:3903 rollout pause deployment my-deployment, 004:3911 rollout resume', async () => {
    await k.ok('apply', '-f', k.file('004/deployment.yaml'));
    assert.equal(await k.ok('rollout', 'pause', 'deployment', 'my-deployment'), 'deployment.apps/my-deployment paused\n');
    assert.equal(await k.ok('get', 'deploy', 'my-deployment', '-o', 'jsonpath={.spec.paused}'), 'true');
    const twice = await k.fails('rollout', 'pause', 'deployment', 'my-deployment');
    assert.equal(twice.stderr, 'error: deployments.apps "my-deployment" is already paused\n');
    assert.equal(await k.ok('rollout', 'resume', 'deployment', 'my-deployment'), 'deployment.apps/my-deployment resumed\n');
    assert.equal(await k.ok('get', 'deploy', 'my-deployment', '-o', 'jsonpath={.spec.paused}'), '');
  });
});
