/**
 * Kustomize with a base and an overlay (000:4405-4484): `kubectl kustomize`, `kubectl apply -k
 * overlays/development/` (000:4481), `kustomize build … | kubectl apply -f -` (000:4105, with
 * kubectl's built-in kustomize), and the broken relative path of 000:3921.
 */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { notesSuite, type Obj, it } from './kit.js';

const DEPRECATED = "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n"
  + "# Warning: 'patchesStrategicMerge' is deprecated. Please use 'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n";

notesSuite('kustomize', (k) => {
  it('kubectl kustomize overlays/development builds the Service and the patched Deployment', async () => {
    k.file('000/kustomize', { as: 'app' });
    const r = await k.run(['kustomize', 'overlays/development'], { cwd: `${k.dir}/app` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, DEPRECATED);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
    assert.deepEqual(docs.map((d) => `${String(d.kind)}/${d.metadata?.name ?? ''}`), ['Service/my-app', 'Deployment/my-app']);
    const spec = docs[1].spec as { replicas: number; template: { spec: { containers: Array<{ image: string; ports: unknown }> } } };
    assert.equal(spec.replicas, 3);
    assert.equal(spec.template.spec.containers[0].image, 'my-app:dev');
    assert.deepEqual(spec.template.spec.containers[0].ports, [{ containerPort: 80 }]);
  });

  it('000:4481 apply -k overlays/development/', async () => {
    const r = await k.run(['apply', '-k', 'overlays/development/'], { cwd: `${k.dir}/app` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'service/my-app created\ndeployment.apps/my-app created\n');
    assert.equal(await k.ok('get', 'deploy', 'my-app', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'), '3 my-app:dev');
    const again = await k.run(['apply', '-k', 'overlays/development/'], { cwd: `${k.dir}/app` });
    assert.equal(again.stdout, 'service/my-app unchanged\ndeployment.apps/my-app unchanged\n');
  });

  it('000:4105 kustomize build … | kubectl apply -f - after the overlay changes the image', async () => {
    k.file('000/kustomize/overlays/development/deployment_patch.yaml', { as: 'app/overlays/development/deployment_patch.yaml', replace: { 'my-app:dev': 'my-app:dev2' } });
    const built = await k.run(['kustomize', 'overlays/development'], { cwd: `${k.dir}/app` });
    assert.equal(await k.ok('apply', '-f', '-', { input: built.stdout }), 'service/my-app unchanged\ndeployment.apps/my-app configured\n');
    assert.equal(await k.ok('get', 'deploy', 'my-app', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'my-app:dev2');
  });

  it('the base alone applies with one replica; delete -k removes what it made', async () => {
    const base = await k.run(['apply', '-k', 'base'], { cwd: `${k.dir}/app` });
    assert.equal(base.stdout, 'service/my-app unchanged\ndeployment.apps/my-app configured\n');
    assert.equal(await k.ok('get', 'deploy', 'my-app', '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}'), '1 my-app:tag');
    const del = await k.run(['delete', '-k', 'base'], { cwd: `${k.dir}/app` });
    assert.equal(del.stdout, 'service "my-app" deleted\ndeployment.apps "my-app" deleted\n');
  });

  it('000:3921 an overlay whose bases: ../base does not lead to the base is refused by kubectl', async () => {
    k.file('000/kustomize-3889', { as: 'app2' });
    const r = await k.run(['apply', '-k', 'overlays/development/'], { cwd: `${k.dir}/app2` });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /^error: accumulating resources: accumulation err='accumulating resources from '\.\.\/base': evalsymlink failure on '\S+\/app2\/overlays\/base' : lstat \S+\/app2\/overlays\/base: no such file or directory': must build at directory: not a valid directory/m);
    assert.equal(await k.exists('deploy', 'my-app'), false);
  });
});
