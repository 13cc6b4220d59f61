/**
 * `kubectl patch` (strategic merge, JSON merge, JSON patch) and `kubectl taint`: the tolerations
 * commands of 004:3371-3409 (which Kubernetes refuses: a Pod's tolerations may only be added to,
 * and admission already gave the Pod two), 004:3295-3333 on a Node object, and the patch forms
 * the other notes' edits need.
 */
import assert from 'node:assert/strict';
import { notesSuite, it } from './kit.js';

/** Kubernetes checks tolerations first (only additions), and a pod whose spec differs in nothing else gets just this. */
const TOLERATIONS_FORBIDDEN = 'The Pod "my-pod" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds\n';
const DEFAULT_TOLERATIONS = '[{"effect":"NoExecute","key":"node.kubernetes.io/not-ready","operator":"Exists","tolerationSeconds":300},{"effect":"NoExecute","key":"node.kubernetes.io/unreachable","operator":"Exists","tolerationSeconds":300}]';

notesSuite('patch', (k) => {
  it('004:3377 patch pod my-pod with a tolerations list: refused, it would drop the tolerations admission added', async () => {
    assert.equal(await k.ok('apply', '-f', k.file('004/my-pod-resources.yaml', { as: 'my-pod.yaml' })), 'pod/my-pod created\n');
    const r = await k.fails('patch', 'pod', 'my-pod', '-p', '{"spec":{"tolerations":[{"key":"key1", "operator":"Equal", "value":"value1", "effect":"NoSchedule"}]}}');
    assert.equal(r.stderr, TOLERATIONS_FORBIDDEN);
  });

  it('004:3393 patch pod my-pod -p \'{"spec":{"tolerations":[]}}\' is refused too', async () => {
    const r = await k.fails('patch', 'pod', 'my-pod', '-p', '{"spec":{"tolerations":[]}}');
    assert.equal(r.stderr, TOLERATIONS_FORBIDDEN);
  });

  it('004:3409 get pod my-pod -o=jsonpath=\'{.spec.tolerations}\' shows the tolerations admission gave', async () => {
    assert.equal(await k.ok('get', 'pod', 'my-pod', '-o=jsonpath={.spec.tolerations}'), DEFAULT_TOLERATIONS);
  });

  it('a toleration is added with a JSON patch (append with /-)', async () => {
    assert.equal(await k.ok('patch', 'pod', 'my-pod', '--type=json', '-p',
      '[{"op":"add","path":"/spec/tolerations/-","value":{"key":"key1","operator":"Equal","value":"value1","effect":"NoSchedule"}}]'), 'pod/my-pod patched\n');
    assert.equal(await k.ok('get', 'pod', 'my-pod', '-o=jsonpath={.spec.tolerations[2]}'), '{"effect":"NoSchedule","key":"key1","operator":"Equal","value":"value1"}');
  });

  it('a Pod\'s image may change; its resources may not', async () => {
    assert.equal(await k.ok('patch', 'pod', 'my-pod', '-p', '{"spec":{"containers":[{"name":"my-container","image":"my-image:2"}]}}'), 'pod/my-pod patched\n');
    assert.equal(await k.ok('get', 'pod', 'my-pod', '-o=jsonpath={.spec.containers[0].image}'), 'my-image:2');
    const r = await k.fails('patch', 'pod', 'my-pod', '-p', '{"spec":{"containers":[{"name":"my-container","resources":{"limits":{"cpu":"3"}}}]}}');
    assert.match(r.stderr, /^The Pod "my-pod" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });

  it('strategic merge patch merges containers by name; the same patch again is "(no change)"', async () => {
    await k.ok('apply', '-f', k.file('000/nginx-deployment.yaml'));
    const p = '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25"},{"name":"sidecar","image":"busybox"}]}}}}';
    assert.equal(await k.ok('patch', 'deployment', 'nginx-deployment', '-p', p), 'deployment.apps/nginx-deployment patched\n');
    const d = await k.json('get', 'deploy', 'nginx-deployment');
    const cs = (d.spec as { template: { spec: { containers: Array<{ name: string; image: string; ports?: unknown }> } } }).template.spec.containers;
    assert.deepEqual(cs.map((c) => [c.name, c.image]), [['nginx', 'nginx:1.25'], ['sidecar', 'busybox']]);
    assert.deepEqual(cs[0].ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.equal(await k.ok('patch', 'deployment', 'nginx-deployment', '-p', p), 'deployment.apps/nginx-deployment patched (no change)\n');
    assert.equal((await k.json('get', 'deploy', 'nginx-deployment')).metadata?.generation, 2);
  });

  it('$patch: delete removes one container; --type=merge replaces lists and sets labels', async () => {
    assert.equal(await k.ok('patch', 'deployment', 'nginx-deployment', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}'),
      'deployment.apps/nginx-deployment patched\n');
    assert.equal(await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[*].name}'), 'nginx');
    assert.equal(await k.ok('patch', 'deployment', 'nginx-deployment', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"web"}},"spec":{"replicas":2}}'),
      'deployment.apps/nginx-deployment patched\n');
    assert.equal(await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.metadata.labels.tier} {.spec.replicas}'), 'web 2');
  });

  it('patches the server refuses: a failed JSON-patch test, a negative replica count, an over-long label value', async () => {
    const test = await k.fails('patch', 'deployment', 'nginx-deployment', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":5}]');
    assert.equal(test.stderr, 'The request is invalid: the server rejected our request due to an error in our request\n');
    const neg = await k.fails('patch', 'deployment', 'nginx-deployment', '--type=merge', '-p', '{"spec":{"replicas":-1}}');
    assert.equal(neg.stderr, 'The Deployment "nginx-deployment" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    const v = 'a'.repeat(64);
    const long = await k.fails('patch', 'deployment', 'nginx-deployment', '--type=merge', '-p', `{"metadata":{"labels":{"x":"${v}"}}}`);
    assert.equal(long.stderr, `The Deployment "nginx-deployment" is invalid: metadata.labels: Invalid value: "${v}": must be no more than 63 characters\n`);
    const missing = await k.fails('patch', 'deployment', 'nope', '-p', '{"spec":{"replicas":1}}');
    assert.equal(missing.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
    assert.equal(await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}'), '2');
  });

  it('004:3301 taint nodes node-1 key1=value1:NoSchedule, 004:3333 describe node | grep Taints, 004:3317 key1-', async () => {
    const node = k.name('node-1');
    await k.ok('apply', '-f', '-', { input: JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: node } }) });
    assert.equal(await k.ok('taint', 'nodes', node, 'key1=value1:NoSchedule'), `node/${node} tainted\n`);
    assert.equal(await k.ok('get', 'node', node, '-o', 'jsonpath={.spec.taints}'), '[{"effect":"NoSchedule","key":"key1","value":"value1"}]');
    assert.match(await k.ok('describe', 'node', node), /^Taints:\s+key1=value1:NoSchedule$/m);
    const again = await k.fails('taint', 'nodes', node, 'key1=value1:NoSchedule');
    assert.equal(again.stderr, `error: node ${node} already has key1 taint(s) with same effect(s) and --overwrite is false\n`);
    assert.equal(await k.ok('taint', 'nodes', node, 'key1-'), `node/${node} untainted\n`);
    assert.equal(await k.ok('get', 'node', node, '-o', 'jsonpath={.spec.taints}'), '');
  });
});
