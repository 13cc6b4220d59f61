/** The namespace controller against an in-process API server, driven with the real kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../testing/index.js';
import { isNotFound } from '../../client/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { NAMESPACES, NamespaceController, type Namespace } from './index.js';

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [new NamespaceController(cs, inf, { recheckMs: 100, log: () => undefined }).controller]);
});
after(async () => { await f.stop(); });

const CM = { group: '', version: 'v1', resource: 'configmaps' };

describe('NamespaceController', () => {
  it('reports content held by a finalizer in the conditions, then finishes once it is released', async () => {
    await f.k('create', 'namespace', 'doomed');
    await f.k('create', 'configmap', 'plain', '-n', 'doomed', '--from-literal=a=b');
    const cms = f.clientset.resource(CM).namespace('doomed');
    await cms.create({ metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    await f.k('create', 'secret', 'generic', 's1', '-n', 'doomed', '--from-literal=x=y');

    assert.match(await f.k('delete', 'namespace', 'doomed', '--wait=false'), /namespace "doomed" deleted/);
    const nsClient = f.clientset.resource<Namespace>(NAMESPACES);
    let ns: Namespace | undefined;
    await eventually(async () => {
      ns = await nsClient.get('doomed');
      return (ns.status?.conditions ?? []).some((c) => c.type === 'NamespaceContentRemaining' && c.status === 'True');
    }, 10_000, 'the NamespaceContentRemaining condition');
    const cond = (type: string) => ns?.status?.conditions?.find((c) => c.type === type);
    assert.equal(ns?.status?.phase, 'Terminating');
    assert.deepEqual({ ...cond('NamespaceContentRemaining'), lastTransitionTime: undefined }, {
      type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: configmaps. has 1 resource instances', lastTransitionTime: undefined,
    });
    assert.equal(cond('NamespaceFinalizersRemaining')?.message, 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances');
    assert.equal(cond('NamespaceFinalizersRemaining')?.reason, 'SomeFinalizersRemain');
    assert.equal(cond('NamespaceDeletionDiscoveryFailure')?.status, 'False');
    assert.equal(cond('NamespaceDeletionDiscoveryFailure')?.reason, 'ResourcesDiscovered');
    assert.equal(cond('NamespaceDeletionContentFailure')?.reason, 'ContentDeleted');
    assert.equal(cond('NamespaceDeletionGroupVersionParsingFailure')?.reason, 'ParsedGroupVersions');
    // Everything without a finalizer is gone already.
    await assert.rejects(cms.get('plain'), isNotFound);
    await assert.rejects(f.clientset.resource({ group: '', version: 'v1', resource: 'secrets' }).namespace('doomed').get('s1'), isNotFound);
    assert.match(await f.k('get', 'ns', 'doomed'), /doomed\s+Terminating/);

    await f.k('patch', 'configmap', 'held', '-n', 'doomed', '--type=merge', '-p', '{"metadata":{"finalizers":null}}');
    await eventually(async () => nsClient.get('doomed').then(() => false, (err) => isNotFound(err)), 10_000, 'the namespace to go');
  });

  it('kubectl delete namespace waits until the namespace and its content are gone', async () => {
    await f.k('create', 'namespace', 'short');
    await f.k('create', 'deployment', 'web', '-n', 'short', '--image=nginx');
    await f.k('create', 'service', 'clusterip', 'web', '-n', 'short', '--tcp=80:80');
    const out = await f.k('delete', 'namespace', 'short', '--timeout=20s');
    assert.match(out, /namespace "short" deleted/);
    await assert.rejects(f.k('get', 'ns', 'short'), /NotFound|not found/);
    const deps = await f.clientset.resource({ group: 'apps', version: 'v1', resource: 'deployments' }).list();
    assert.equal(deps.items.filter((d) => d.metadata.namespace === 'short').length, 0);
  });
});
