import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject, ResourceDef } from '../../api/index.js';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';
import { DefaultStorageClass, pickDefaultClass } from './default-storage-class.js';

const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const CLASSES = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };

function sc(name: string, created: string, isDefault = true): KObject {
  return { metadata: { name, creationTimestamp: created, annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} } };
}

function admit(classes: KObject[], claim: KObject, plural = 'persistentvolumeclaims'): KObject {
  const plugin = new DefaultStorageClass({ list: () => classes.map((obj) => ({ obj })) });
  plugin.admit({ operation: 'CREATE', def: { group: '', plural } as ResourceDef, namespace: 'default', name: 'c', obj: claim, dryRun: false });
  return claim;
}

const classOf = (o: KObject): unknown => (o.spec as { storageClassName?: unknown } | undefined)?.storageClassName;

describe('DefaultStorageClass', () => {
  it('picks the newest default class, then the first by name', () => {
    const classes = [sc('old', '2024-01-01T00:00:00Z'), sc('new', '2024-06-01T00:00:00Z'), sc('plain', '2025-01-01T00:00:00Z', false)];
    assert.equal(pickDefaultClass(classes)?.metadata.name, 'new');
    assert.equal(pickDefaultClass([sc('b', '2024-01-01T00:00:00Z'), sc('a', '2024-01-01T00:00:00Z')])?.metadata.name, 'a');
    assert.equal(pickDefaultClass([sc('plain', '2025-01-01T00:00:00Z', false)]), undefined);
  });

  it('fills in only claims that name no class at all', () => {
    const classes = [sc('std', '2024-01-01T00:00:00Z')];
    assert.equal(classOf(admit(classes, { metadata: { name: 'c' }, spec: {} })), 'std');
    assert.equal(classOf(admit(classes, { metadata: { name: 'c' }, spec: { storageClassName: null } })), 'std');
    assert.equal(classOf(admit(classes, { metadata: { name: 'c' }, spec: { storageClassName: '' } })), '', 'an empty class means none, on purpose');
    assert.equal(classOf(admit(classes, { metadata: { name: 'c' }, spec: { storageClassName: 'fast' } })), 'fast');
    assert.equal(classOf(admit(classes, { metadata: { name: 'c', annotations: { 'volume.beta.kubernetes.io/storage-class': 'x' } }, spec: {} })), undefined);
    assert.equal(classOf(admit([], { metadata: { name: 'c' }, spec: {} })), undefined, 'no default class');
    assert.equal(classOf(admit(classes, { metadata: { name: 'p' }, spec: {} }, 'pods')), undefined, 'claims only');
  });
});

describe('DefaultStorageClass in the API server', () => {
  let fx: ApiFixture;
  before(async () => { fx = await startApiFixture(); });
  after(async () => { await fx.stop(); });

  it('gives new claims the bootstrapped local-path class, or the newest default', async () => {
    const pvcs = fx.clientset.resource(PVCS).namespace('default');
    const spec = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
    const local = await fx.clientset.resource(CLASSES).get('local-path');
    assert.equal(local.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'], 'true');
    assert.equal((local as { provisioner?: string }).provisioner, 'rancher.io/local-path');
    assert.equal((local as { volumeBindingMode?: string }).volumeBindingMode, 'WaitForFirstConsumer');
    assert.equal(classOf(await pvcs.create({ metadata: { name: 'a' }, spec })), 'local-path');
    assert.equal(classOf(await pvcs.create({ metadata: { name: 'b' }, spec: { ...spec, storageClassName: '' } })), '');
    // A later default wins (once the server's cache has it; creationTimestamp has one-second resolution).
    await new Promise((r) => setTimeout(r, 1100));
    await fx.clientset.resource(CLASSES).create({
      metadata: { name: 'newer', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'example.com/x', volumeBindingMode: 'Immediate',
    } as KObject);
    let n = 0;
    await eventually(async () => classOf(await pvcs.create({ metadata: { name: `c${n++}` }, spec })) === 'newer', 5000, 'the newer default class');
  });
});
