/**
 * Server-side apply (issue 3, item 3). `kubectl apply --server-side` on the notes' nginx
 * Deployment (000:6049): managed fields, a second field manager's conflict with the message kubectl
 * shows against Kubernetes, --force-conflicts, and a field removed when its only manager stops
 * applying it.
 */
import assert from 'node:assert/strict';
import { notesSuite, type Obj, it, until } from './kit.js';

const HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

interface Managed { manager: string; operation: string; apiVersion: string; fieldsType: string; fieldsV1: Record<string, unknown>; subresource?: string }
const managed = (o: Obj): Managed[] => (o.metadata?.managedFields ?? []) as unknown as Managed[];
/**
 * What the Deployment controller writes in status while the pod of nginx-deployment cannot run (a
 * server without nodes): zero counts are omitted, so no readyReplicas or availableReplicas.
 */
const CONTROLLER_STATUS_FIELDS = ['f:conditions', 'f:observedGeneration', 'f:replicas', 'f:unavailableReplicas', 'f:updatedReplicas'];
const ciReplicas = (n: number): string => JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' }, spec: { replicas: n } });

notesSuite('ssa', (k) => {
  it('apply --server-side creates the Deployment owned by the "kubectl" manager', async () => {
    assert.equal(await k.ok('apply', '--server-side', '-f', k.file('000/nginx-deployment.yaml')), 'deployment.apps/nginx-deployment serverside-applied\n');
    // The Deployment controller then records its status write, and the revision annotation it sets
    // with it, under its own manager, as on a real cluster (Apply entries sort before Update ones).
    const d = await until(async () => {
      const o = await k.json('get', 'deploy', 'nginx-deployment', '--show-managed-fields');
      const status = managed(o).find((e) => e.subresource === 'status')?.fieldsV1['f:status'] as Record<string, unknown> | undefined;
      return status && Object.keys(status).length >= CONTROLLER_STATUS_FIELDS.length ? o : undefined;
    }, 'the controller\'s managedFields entry') as Obj;
    const m = managed(d);
    assert.deepEqual(m.map((e) => [e.manager, e.operation, e.apiVersion, e.fieldsType, e.subresource]), [
      ['kubectl', 'Apply', 'apps/v1', 'FieldsV1', undefined],
      ['kube-controller-manager', 'Update', 'apps/v1', 'FieldsV1', 'status'],
    ]);
    const spec = m[0].fieldsV1['f:spec'] as Record<string, unknown>;
    assert.ok('f:replicas' in spec && 'f:selector' in spec && 'f:template' in spec, JSON.stringify(spec));
    assert.deepEqual(Object.keys(m[0].fieldsV1), ['f:spec']);
    const ctrl = m[1].fieldsV1;
    assert.deepEqual(Object.keys(ctrl).sort(), ['f:metadata', 'f:status']);
    assert.deepEqual(ctrl['f:metadata'], { 'f:annotations': { '.': {}, 'f:deployment.kubernetes.io/revision': {} } });
    const status = ctrl['f:status'] as Record<string, Record<string, unknown>>;
    assert.deepEqual(Object.keys(status).sort(), CONTROLLER_STATUS_FIELDS);
    assert.deepEqual(Object.keys(status['f:conditions']).sort(), ['.', 'k:{"type":"Available"}', 'k:{"type":"Progressing"}']);
    assert.deepEqual(Object.keys(status['f:conditions']['k:{"type":"Available"}'] as object).sort(),
      ['.', 'f:lastTransitionTime', 'f:lastUpdateTime', 'f:message', 'f:reason', 'f:status', 'f:type']);
    assert.equal(d.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
    assert.equal(await k.ok('apply', '--server-side', '-f', 'nginx-deployment.yaml'), 'deployment.apps/nginx-deployment serverside-applied\n');
    assert.equal((await k.json('get', 'deploy', 'nginx-deployment')).metadata?.generation, 1);
  });

  it('a second field manager changing spec.replicas gets Kubernetes\' conflict message', async () => {
    const r = await k.fails('apply', '--server-side', '--field-manager=ci', '-f', '-', { input: ciReplicas(3) });
    assert.equal(r.stderr, `error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas\n${HELP}`);
    assert.equal(await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.replicas}'), '1');
  });

  it('--force-conflicts takes the field over', async () => {
    assert.equal(await k.ok('apply', '--server-side', '--field-manager=ci', '--force-conflicts', '-f', '-', { input: ciReplicas(3) }),
      'deployment.apps/nginx-deployment serverside-applied\n');
    const d = await k.json('get', 'deploy', 'nginx-deployment', '--show-managed-fields');
    assert.equal((d.spec as { replicas: number }).replicas, 3);
    const byName = new Map(managed(d).map((e) => [e.manager, e]));
    assert.deepEqual(byName.get('ci')?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    assert.ok(!('f:replicas' in (byName.get('kubectl')?.fieldsV1['f:spec'] as Record<string, unknown>)));
  });

  it('a field the only manager stops applying is removed; a field another manager owns stays', async () => {
    k.file('000/nginx-deployment.yaml', { replace: { '        ports:\n        - containerPort: 80\n': '', '  replicas: 1  # 指定一个 Pod 副本\n': '' } });
    assert.equal(await k.ok('apply', '--server-side', '-f', 'nginx-deployment.yaml'), 'deployment.apps/nginx-deployment serverside-applied\n');
    const d = await k.json('get', 'deploy', 'nginx-deployment');
    const c = (d.spec as { template: { spec: { containers: Array<{ ports?: unknown }> } } }).template.spec.containers[0];
    assert.equal(c.ports, undefined);
    assert.equal((d.spec as { replicas: number }).replicas, 3);
  });

  it('a conflict with an Update manager (kubectl set image) names it with its version and time', async () => {
    assert.equal(await k.ok('set', 'image', 'deployment/nginx-deployment', 'nginx=nginx:1.25'), 'deployment.apps/nginx-deployment image updated\n');
    const r = await k.fails('apply', '--server-side', '-f', 'nginx-deployment.yaml');
    assert.match(r.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl-set" using apps\/v1: \.spec\.template\.spec\.containers\[name="nginx"\]\.image\n/);
    assert.ok(r.stderr.endsWith(HELP));
  });

  it('--dry-run=server reports without storing; an object made by client-side apply can be server-side applied', async () => {
    assert.equal(await k.ok('apply', '--server-side', '--force-conflicts', '--dry-run=server', '-f', 'nginx-deployment.yaml'),
      'deployment.apps/nginx-deployment serverside-applied (server dry run)\n');
    assert.equal(await k.ok('get', 'deploy', 'nginx-deployment', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'), 'nginx:1.25');
    await k.ok('apply', '-f', k.file('000/nginx-service-clusterip.yaml'));
    assert.equal(await k.ok('apply', '--server-side', '-f', 'nginx-service-clusterip.yaml'), 'service/nginx-service serverside-applied\n');
    const m = managed(await k.json('get', 'svc', 'nginx-service', '--show-managed-fields')).map((e) => `${e.manager}/${e.operation}`);
    assert.ok(m.includes('kubectl/Apply'), m.join(','));
  });
});
