/** The garbage collector on an in-process API server, with `kubectl delete --cascade=…`. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { KObject, OwnerReference } from '../../api/index.js';
import { eventually } from '../../testing/index.js';
import { isNotFound, type ResourceClient } from '../../client/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { GarbageCollector } from './index.js';

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [new GarbageCollector(cs, inf, { log: () => undefined })]);
});
after(async () => { await f.stop(); });

const cms = (): ResourceClient<KObject> => f.clientset.resource({ group: '', version: 'v1', resource: 'configmaps' }).namespace('default');
const pods = (): ResourceClient<KObject> => f.clientset.resource({ group: '', version: 'v1', resource: 'pods' }).namespace('default');
const rss = (): ResourceClient<KObject> => f.clientset.resource({ group: 'apps', version: 'v1', resource: 'replicasets' }).namespace('default');
const deps = (): ResourceClient<KObject> => f.clientset.resource({ group: 'apps', version: 'v1', resource: 'deployments' }).namespace('default');
const gone = async (c: ResourceClient<KObject>, name: string): Promise<boolean> => c.get(name).then(() => false, (err) => isNotFound(err));
const ref = (o: KObject, extra: Partial<OwnerReference> = {}): OwnerReference =>
  ({ apiVersion: o.apiVersion ?? '', kind: o.kind ?? '', name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', ...extra });
const pod = (name: string, owners: OwnerReference[], finalizers?: string[]): KObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' }, ownerReferences: owners, finalizers },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});
const rsManifest = (name: string, owners: OwnerReference[] = []): KObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name, ownerReferences: owners },
  spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

describe('GarbageCollector', () => {
  it('Background: deletes dependents whose owners are all gone; drops references to gone owners when another stands', async () => {
    const parent = await cms().create({ metadata: { name: 'parent' } });
    const other = await cms().create({ metadata: { name: 'other' } });
    await cms().create({ metadata: { name: 'child-1', ownerReferences: [ref(parent)] } });
    await cms().create({ metadata: { name: 'child-2', ownerReferences: [ref(parent), ref(other)] } });
    await cms().create({ metadata: { name: 'stale', ownerReferences: [{ ...ref(other), uid: 'no-such-uid' }] } });
    await eventually(() => gone(cms(), 'stale'), 10_000, 'the dependent of an owner with another uid to be deleted');
    assert.equal(await gone(cms(), 'child-1'), false, 'a dependent of a live owner stays');

    assert.match(await f.k('delete', 'configmap', 'parent'), /configmap "parent" deleted/);
    await eventually(() => gone(cms(), 'child-1'), 10_000, 'child-1 to be collected');
    await eventually(async () => ((await cms().get('child-2')).metadata.ownerReferences ?? []).length === 1, 10_000, 'child-2 to lose its reference to parent');
    assert.deepEqual((await cms().get('child-2')).metadata.ownerReferences, [ref(other)]);
  });

  it('kubectl delete rs --cascade=orphan leaves the pods, without owner references', async () => {
    const rs = await rssCreate('orphans');
    await pods().create(pod('orphans-a', [ref(rs, { controller: true, blockOwnerDeletion: true })]));
    await pods().create(pod('orphans-b', [ref(rs, { controller: true, blockOwnerDeletion: true })]));
    assert.match(await f.k('delete', 'rs', 'orphans', '--cascade=orphan'), /replicaset.apps "orphans" deleted/);
    assert.equal(await gone(rss(), 'orphans'), true);
    for (const name of ['orphans-a', 'orphans-b']) {
      const p = await pods().get(name);
      assert.equal(p.metadata.ownerReferences, undefined, `${name} has no owner references`);
      assert.equal(p.metadata.deletionTimestamp, undefined);
    }
    const out = await f.k('get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,OWNERS:.metadata.ownerReferences');
    assert.match(out, /orphans-a\s+<none>/);
  });

  it('kubectl delete rs (background) removes its pods', async () => {
    const rs = await rssCreate('bg');
    await pods().create(pod('bg-a', [ref(rs, { controller: true, blockOwnerDeletion: true })]));
    await f.k('delete', 'rs', 'bg');
    await eventually(async () => (await pods().get('bg-a').then((p) => !!p.metadata.deletionTimestamp, (err) => isNotFound(err))), 10_000, 'bg-a to be deleted');
  });

  it('--cascade=foreground keeps the owner until its blocking dependents are gone', async () => {
    const d = await deps().create({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'fg' },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const rs = await rss().create(rsManifest('fg-123', [ref(d, { controller: true, blockOwnerDeletion: true })]));
    await pods().create(pod('fg-123-held', [ref(rs, { controller: true, blockOwnerDeletion: true })], ['example.com/hold']));
    await pods().create(pod('fg-123-free', [ref(rs, { controller: true, blockOwnerDeletion: true })]));

    assert.match(await f.k('delete', 'deploy', 'fg', '--cascade=foreground', '--wait=false'), /deployment.apps "fg" deleted/);
    await eventually(async () => !!(await rss().get('fg-123').catch(() => undefined))?.metadata.deletionTimestamp, 10_000, 'the ReplicaSet to be deleted in the foreground');
    const rsNow = await rss().get('fg-123');
    assert.deepEqual(rsNow.metadata.finalizers, ['foregroundDeletion']);
    const dNow = await deps().get('fg');
    assert.ok(dNow.metadata.deletionTimestamp);
    assert.deepEqual(dNow.metadata.finalizers, ['foregroundDeletion']);
    await eventually(async () => (await pods().get('fg-123-held')).metadata.deletionTimestamp !== undefined, 10_000, 'the held pod to be deleted');

    await f.k('patch', 'pod', 'fg-123-held', '--type=merge', '-p', '{"metadata":{"finalizers":null}}');
    await eventually(() => gone(deps(), 'fg'), 15_000, 'the Deployment to go');
    assert.equal(await gone(rss(), 'fg-123'), true);
    assert.equal(await gone(pods(), 'fg-123-free'), true);
  });

  it('kubectl delete --cascade=foreground waits and returns once everything is gone', async () => {
    const rs = await rssCreate('fgwait');
    await pods().create(pod('fgwait-a', [ref(rs, { controller: true, blockOwnerDeletion: true })]));
    assert.match(await f.k('delete', 'rs', 'fgwait', '--cascade=foreground', '--timeout=20s'), /replicaset.apps "fgwait" deleted/);
    assert.equal(await gone(rss(), 'fgwait'), true);
    assert.equal(await gone(pods(), 'fgwait-a'), true);
  });
});

async function rssCreate(name: string): Promise<KObject> {
  return rss().create(rsManifest(name));
}
