/** ResourceClient and Clientset against a real in-process API server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusError, type KObject } from '../api/index.js';
import { startApiFixture, type ApiFixture } from '../testing/index.js';
import { Clientset } from './clientset.js';
import type { ResourceClient, WatchEvent } from './resource-client.js';

type ConfigMap = KObject & { data?: Record<string, string> };
const CM = { group: '', version: 'v1', resource: 'configmaps' };

let fx: ApiFixture;
let cms: ResourceClient<ConfigMap>;

before(async () => {
  fx = await startApiFixture();
  cms = fx.clientset.resource<ConfigMap>(CM).namespace('default');
});
after(async () => { await fx.stop(); });

async function rejectsWith(p: Promise<unknown>, code: number, reason: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof StatusError, `a StatusError, not ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.reason, reason);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('ResourceClient', () => {
  it('creates, gets, updates and deletes; failures are StatusErrors', async () => {
    const created = await cms.create({ metadata: { name: 'one' }, data: { a: '1' } });
    assert.equal(created.kind, 'ConfigMap');
    assert.equal(created.apiVersion, 'v1');
    const got = await cms.get('one');
    assert.equal(got.metadata.uid, created.metadata.uid);
    const updated = await cms.update({ ...got, data: { a: '2' } });
    assert.equal(updated.data?.a, '2');
    await rejectsWith(cms.update({ ...got, data: { a: '3' } }), 409, 'Conflict', /the object has been modified/);
    await rejectsWith(cms.create({ metadata: { name: 'one' } }), 409, 'AlreadyExists', /configmaps "one" already exists/);
    await rejectsWith(cms.get('missing'), 404, 'NotFound', /configmaps "missing" not found/);
    assert.equal(await cms.delete('one'), undefined);
    await rejectsWith(cms.get('one'), 404, 'NotFound');
  });

  it('patches with merge, strategic and JSON patch', async () => {
    await cms.create({ metadata: { name: 'p', labels: { a: '1' } }, data: { x: '1' } });
    const merged = await cms.patch('p', 'merge', { data: { y: '2' } });
    assert.deepEqual(merged.data, { x: '1', y: '2' });
    const strategic = await cms.patch('p', 'strategic', { metadata: { labels: { b: '2' } } });
    assert.deepEqual(strategic.metadata.labels, { a: '1', b: '2' });
    const json = await cms.patch('p', 'json', [{ op: 'remove', path: '/data/x' }]);
    assert.deepEqual(json.data, { y: '2' });
    await rejectsWith(cms.patch('p', 'json', [{ op: 'test', path: '/data/y', value: 'nope' }]), 422, 'Invalid');
  });

  it('lists every page, with label and field selectors', async () => {
    for (let i = 0; i < 7; i++) await cms.create({ metadata: { name: `page-${i}`, labels: { set: 'paged', odd: String(i % 2) } } });
    const all = await cms.list({ labelSelector: 'set=paged', limit: 2 });
    assert.deepEqual(all.items.map((o) => o.metadata.name), [0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));
    assert.match(all.resourceVersion, /^\d+$/);
    assert.ok(all.items.every((o) => o.kind === 'ConfigMap'));
    const odd = await cms.list({ labelSelector: 'set=paged,odd=1' });
    assert.equal(odd.items.length, 3);
    const byName = await cms.list({ fieldSelector: 'metadata.name=page-4' });
    assert.deepEqual(byName.items.map((o) => o.metadata.name), ['page-4']);
    const everywhere = await fx.clientset.resource<ConfigMap>(CM).list({ labelSelector: 'set=paged' });
    assert.equal(everywhere.items.length, 7, 'an unbound client lists across namespaces');
  });

  it('deletes with preconditions, propagation policy and grace period', async () => {
    const obj = await cms.create({ metadata: { name: 'pre' } });
    await rejectsWith(cms.delete('pre', { preconditions: { uid: 'not-the-uid' } }), 409, 'Conflict', /Precondition failed/);
    await cms.delete('pre', { preconditions: { uid: obj.metadata.uid }, propagationPolicy: 'Background', gracePeriodSeconds: 0 });
    await rejectsWith(cms.get('pre'), 404, 'NotFound');
    await cms.create({ metadata: { name: 'fg' } });
    const fg = await cms.delete('fg', { propagationPolicy: 'Foreground' });
    assert.deepEqual(fg?.metadata.finalizers, ['foregroundDeletion'], 'foreground deletion waits for the garbage collector');
    const fin = await cms.create({ metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
    const left = await cms.delete('fin', { propagationPolicy: 'Background' });
    assert.ok(left?.metadata.deletionTimestamp, 'the object is returned while a finalizer holds it');
    await cms.patch('fin', 'merge', { metadata: { finalizers: null } });
    await rejectsWith(cms.get('fin'), 404, 'NotFound');
    assert.ok(fin.metadata.uid);
    await rejectsWith(cms.delete('fin'), 404, 'NotFound');
  });

  it('updates status through the status subresource', async () => {
    const deploys = fx.clientset.resource<KObject & { status?: { replicas?: number } }>({ group: 'apps', version: 'v1', resource: 'deployments' });
    const d = await deploys.create({
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    const s = await deploys.updateStatus({ ...d, status: { replicas: 3 } });
    assert.equal(s.status?.replicas, 3);
    assert.equal(s.metadata.generation, 1);
  });

  it('watches from a resourceVersion; a too old one ends the watch with 410', async () => {
    const start = await cms.list();
    const events: Array<WatchEvent<ConfigMap>> = [];
    const stop = cms.watch({ resourceVersion: start.resourceVersion, fieldSelector: 'metadata.name=w' }, {
      onEvent: (e) => events.push(e), onEnd: () => undefined,
    });
    await cms.create({ metadata: { name: 'w' }, data: { v: '1' } });
    await cms.patch('w', 'merge', { data: { v: '2' } });
    await cms.delete('w');
    for (let i = 0; i < 200 && events.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    assert.deepEqual(events.map((e) => `${e.type} ${e.object.data?.v ?? ''}`), ['ADDED 1', 'MODIFIED 2', 'DELETED 2']);

    const rev = Number((await cms.list()).resourceVersion);
    await fx.server.backend.compact(rev);
    const ended = await new Promise<Error | undefined>((resolve) => {
      cms.watch({ resourceVersion: '1' }, { onEvent: () => undefined, onEnd: resolve });
    });
    assert.ok(ended instanceof StatusError);
    assert.equal(ended.code, 410);
    assert.equal(ended.reason, 'Expired');
  });

  it('a Clientset built from URL and certificates reaches the server; unknown resources need their scope', async () => {
    const { pki, url } = fx.server;
    const cs = Clientset.fromCredentials({ url, ca: pki.caCert, cert: pki.adminCert, key: pki.adminKey });
    try {
      const ns = await cs.resource({ group: '', version: 'v1', resource: 'namespaces' }).get('default');
      assert.equal(ns.metadata.name, 'default');
      assert.throws(() => cs.resource({ group: 'example.com', version: 'v1', resource: 'widgets' }), /unknown resource/);
      const widgets = cs.resource({ group: 'example.com', version: 'v1', resource: 'widgets' }, { namespaced: true });
      await rejectsWith(widgets.namespace('default').get('x'), 404, 'NotFound');
    } finally {
      cs.close();
    }
  });
});
