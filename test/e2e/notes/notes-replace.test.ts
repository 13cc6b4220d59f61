/**
 * `kubectl replace` (-f, --force) and `kubectl replace --raw` on the ephemeralcontainers
 * subresource (004:2587, with the notes' ec.json of 004:2559-2578).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notesSuite, type Obj, it, until } from './kit.js';

notesSuite('replace', (k) => {
  it('replace -f with an edited file; replace of an object that is not there', async () => {
    const missing = await k.fails('replace', '-f', k.file('004/deployment.yaml'));
    assert.equal(missing.stderr, 'Error from server (NotFound): error when replacing "deployment.yaml": deployments.apps "my-deployment" not found\n');
    await k.ok('create', '-f', 'deployment.yaml');
    // kubectl replace sends the resourceVersion it just read: let the deployment controller's first
    // status write land first, or the replace races it (as it would on any cluster).
    await until(async () => (await k.json('get', 'deploy', 'my-deployment')).status?.observedGeneration === 1, 'the controller to observe my-deployment');
    k.file('004/deployment.yaml', { replace: { 'replicas: 3': 'replicas: 2', 'my-app-image:1.0.0': 'my-app-image:1.0.1' } });
    assert.equal(await k.ok('replace', '-f', 'deployment.yaml'), 'deployment.apps/my-deployment replaced\n');
    const d = await k.json('get', 'deploy', 'my-deployment');
    assert.equal(d.metadata?.generation, 2);
    assert.equal(await k.ok('get', 'deploy', 'my-deployment', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'), '2 my-app-image:1.0.1');
  });

  it('replace --force deletes and re-creates the object (a new uid)', async () => {
    const before = (await k.json('get', 'deploy', 'my-deployment')).metadata?.uid;
    assert.equal(await k.ok('replace', '--force', '-f', 'deployment.yaml'), 'deployment.apps "my-deployment" deleted\ndeployment.apps/my-deployment replaced\n');
    const after = await k.json('get', 'deploy', 'my-deployment');
    assert.notEqual(after.metadata?.uid, before);
    assert.equal(after.metadata?.generation, 1);
  });

  it('replace with a stale resourceVersion is a conflict', async () => {
    const d = await k.json('get', 'deploy', 'my-deployment');
    const stale = structuredClone(d);
    await k.ok('scale', 'deploy', 'my-deployment', '--replicas=4');
    (stale.spec as { replicas: number }).replicas = 1;
    const r = await k.fails('replace', '-f', '-', { input: JSON.stringify(stale) });
    assert.equal(r.stderr, 'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "my-deployment": the object has been modified; please apply your changes to the latest version and try again\n');
  });

  it('004:2587 replace --raw …/ephemeralcontainers -f ec.json: the notes\' EphemeralContainers kind is gone', async () => {
    await k.ok('apply', '-f', k.file('004/k8s-pod-debug.yaml', { as: 'k8s-pod.yaml' }));
    const path = `/api/v1/namespaces/${k.ns}/pods/nginx/ephemeralcontainers`;
    const r = await k.fails('replace', '--raw', path, '-f', k.file('004/ec.json'));
    assert.match(r.stderr, /^Error from server \(BadRequest\): no kind "EphemeralContainers" is registered for version "v1" in scheme /);
    assert.equal((await k.json('get', 'pod', 'nginx')).spec?.ephemeralContainers, undefined);
  });

  it('replace --raw …/ephemeralcontainers with the Pod carrying the notes\' debugger container', async () => {
    const pod = await k.json('get', 'pod', 'nginx');
    const ec = JSON.parse(readFileSync(join(k.dir, 'ec.json'), 'utf8')) as { ephemeralContainers: Obj[] };
    (pod.spec as Record<string, unknown>).ephemeralContainers = ec.ephemeralContainers;
    const out = await k.ok('replace', '--raw', `/api/v1/namespaces/${k.ns}/pods/nginx/ephemeralcontainers`, '-f', '-', { input: JSON.stringify(pod) });
    const answered = JSON.parse(out) as Obj;
    assert.equal(answered.kind, 'Pod');
    const got = (await k.json('get', 'pod', 'nginx')).spec as { ephemeralContainers: Array<Record<string, unknown>> };
    assert.equal(got.ephemeralContainers.length, 1);
    assert.deepEqual({ ...got.ephemeralContainers[0], terminationMessagePath: undefined }, {
      command: ['sh'], image: 'busybox', imagePullPolicy: 'IfNotPresent', name: 'debugger', resources: {}, stdin: true, tty: true,
      targetContainerName: 'nginx', terminationMessagePolicy: 'File', terminationMessagePath: undefined,
    });
    const describe = await k.ok('describe', 'pods', 'nginx');
    assert.match(describe, /^Ephemeral Containers:\n {2}debugger:\n/m);
  });
});
