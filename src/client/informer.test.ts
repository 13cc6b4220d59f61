/** Informers against a real in-process API server, including restarts of the server. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { KObject } from '../api/index.js';
import { eventually, startApiFixture, type ApiFixture } from '../testing/index.js';
import type { Clientset } from './clientset.js';
import { Informer, isDeletedFinalStateUnknown } from './informer.js';
import { SharedInformerFactory } from './shared-informer-factory.js';
import { keyOf } from './store.js';

type ConfigMap = KObject & { data?: Record<string, string> };
const CM = { group: '', version: 'v1', resource: 'configmaps' };

/** Records handler calls as "add a 1", "update a 1>2", "delete a 2" / "delete? a 2" (final state unknown). */
function recorder(inf: Informer<ConfigMap>): string[] {
  const seen: string[] = [];
  inf.addEventHandler({
    onAdd: (o) => seen.push(`add ${o.metadata.name ?? ''} ${o.data?.v ?? ''}`),
    onUpdate: (old, cur) => {
      if (old !== cur) seen.push(`update ${cur.metadata.name ?? ''} ${old.data?.v ?? ''}>${cur.data?.v ?? ''}`);
    },
    onDelete: (o) => {
      const obj = isDeletedFinalStateUnknown(o) ? o.obj : o;
      seen.push(`${isDeletedFinalStateUnknown(o) ? 'delete?' : 'delete'} ${obj.metadata.name ?? ''} ${obj.data?.v ?? ''}`);
    },
  });
  return seen;
}

/** The informer's store holds exactly what a LIST returns, at the same resourceVersions. */
async function assertMatchesList(cs: Clientset, inf: Informer<ConfigMap>, ns: string): Promise<void> {
  const list = await cs.resource<ConfigMap>(CM).namespace(ns).list();
  const want = list.items.map((o) => `${keyOf(o)}@${o.metadata.resourceVersion ?? ''}`).sort();
  const have = inf.store.list().map((o) => `${keyOf(o)}@${o.metadata.resourceVersion ?? ''}`).sort();
  assert.deepEqual(have, want);
}

const quiet = (): void => undefined;
const fixtures: ApiFixture[] = [];
after(async () => { for (const f of fixtures) await f.stop(); });

describe('Informer', () => {
  it('sees creates, updates and deletes in order, and its store matches a LIST', async () => {
    const fx = await startApiFixture();
    fixtures.push(fx);
    const cms = fx.clientset.resource<ConfigMap>(CM).namespace('default');
    await cms.create({ metadata: { name: 'a' }, data: { v: '1' } });
    await cms.create({ metadata: { name: 'b' }, data: { v: '1' } });
    const inf = new Informer<ConfigMap>(fx.clientset.resource<ConfigMap>(CM), {
      namespace: 'default', indexers: { byValue: (o) => [o.data?.v ?? ''] }, log: quiet,
    });
    const seen = recorder(inf);
    assert.equal(inf.hasSynced(), false);
    inf.start();
    assert.equal(await inf.waitForSync(10_000), true);
    assert.deepEqual([...seen].sort(), ['add a 1', 'add b 1']);
    seen.length = 0;

    await cms.create({ metadata: { name: 'c' }, data: { v: '1' } });
    await cms.patch('a', 'merge', { data: { v: '2' } });
    await cms.delete('b');
    await cms.patch('c', 'merge', { data: { v: '2' } });
    await cms.patch('c', 'merge', { data: { v: '3' } });
    await cms.delete('a');
    await cms.create({ metadata: { name: 'd' }, data: { v: '1' } });
    const expected = ['add c 1', 'update a 1>2', 'delete b 1', 'update c 1>2', 'update c 2>3', 'delete a 2', 'add d 1'];
    await eventually(() => seen.length >= expected.length, 10_000, 'the events');
    assert.deepEqual(seen, expected);
    await assertMatchesList(fx.clientset, inf, 'default');
    assert.deepEqual(inf.store.byIndex('byValue', '3').map((o) => o.metadata.name), ['c']);
    assert.equal(inf.store.get('default/c'), inf.store.get('default/c'), 'reads share the stored object');

    const late: string[] = [];
    const reg = inf.addEventHandler({ onAdd: (o, initial) => late.push(`${o.metadata.name ?? ''} ${initial}`) });
    assert.deepEqual(late.sort(), ['c true', 'd true'], 'a late handler first gets the stored objects');
    reg.remove();
    await cms.create({ metadata: { name: 'e' } });
    await eventually(() => inf.store.size === 3, 10_000, 'e');
    assert.equal(late.length, 2, 'a removed handler hears nothing');
    await inf.stop();
    assert.equal(inf.running, false);
  });

  it('resyncs handlers periodically with the stored objects', async () => {
    const fx = await startApiFixture();
    fixtures.push(fx);
    await fx.clientset.resource<ConfigMap>(CM).namespace('default').create({ metadata: { name: 'r' } });
    const inf = new Informer<ConfigMap>(fx.clientset.resource<ConfigMap>(CM), { namespace: 'default', resyncPeriodMs: 50, log: quiet });
    let resyncs = 0;
    inf.addEventHandler({ onUpdate: (old, cur) => { if (old === cur && cur.metadata.name === 'r') resyncs++; } });
    inf.start();
    await eventually(() => resyncs >= 2, 5000, 'two resyncs');
    await inf.stop();
  });

  it('survives a restart of the server on the same SQLite data, resuming its watch', async () => {
    const fx = await startApiFixture('sqlite');
    fixtures.push(fx);
    const cms = fx.clientset.resource<ConfigMap>(CM).namespace('default');
    for (const n of ['a', 'b', 'c']) await cms.create({ metadata: { name: n }, data: { v: '1' } });
    const logs: string[] = [];
    const inf = new Informer<ConfigMap>(fx.clientset.resource<ConfigMap>(CM), {
      namespace: 'default', backoff: { initialMs: 50, maxMs: 400 }, log: (l) => logs.push(l),
    });
    const seen = recorder(inf);
    inf.start();
    await inf.waitForSync(10_000);
    seen.length = 0;

    await fx.restart(300);
    await cms.create({ metadata: { name: 'd' }, data: { v: '1' } });
    await cms.patch('a', 'merge', { data: { v: '2' } });
    await cms.delete('b');
    const expected = ['add d 1', 'update a 1>2', 'delete b 1'];
    await eventually(() => seen.length >= expected.length, 15_000, 'events after the restart');
    assert.deepEqual(seen, expected);
    assert.ok(logs.some((l) => /watch ended/.test(l)), 'the broken watch was noticed');
    await assertMatchesList(fx.clientset, inf, 'default');

    // Changes the informer cannot see, then compaction: resuming is impossible (410), so it lists
    // again and reports what vanished meanwhile as deleted with its last known state.
    seen.length = 0;
    await fx.restart(0, async (other, server) => {
      const o = other.resource<ConfigMap>(CM).namespace('default');
      await o.delete('c');
      await o.patch('d', 'merge', { data: { v: '2' } });
      await o.create({ metadata: { name: 'e' }, data: { v: '1' } });
      await server.backend.compact(Number((await o.list()).resourceVersion));
    });
    await eventually(() => seen.length >= 3, 15_000, 'the relist');
    assert.deepEqual([...seen].sort(), ['add e 1', 'delete? c 1', 'update d 1>2']);
    await assertMatchesList(fx.clientset, inf, 'default');
    await cms.create({ metadata: { name: 'f' }, data: { v: '1' } });
    await eventually(() => seen.length >= 4, 10_000, 'the watch after the relist');
    assert.equal(seen[3], 'add f 1');
    await inf.stop();
  });
});

describe('SharedInformerFactory', () => {
  it('shares one informer per resource and starts late ones', async () => {
    const fx = await startApiFixture();
    fixtures.push(fx);
    const factory = new SharedInformerFactory(fx.clientset, { log: quiet });
    const a = factory.forResource<ConfigMap>(CM);
    const b = factory.forResource<ConfigMap>(CM, { indexers: { byName: (o) => [o.metadata.name ?? ''] } });
    assert.equal(a, b);
    factory.start();
    const late = factory.forResource({ group: '', version: 'v1', resource: 'namespaces' });
    assert.equal(await factory.waitForCacheSync(10_000), true);
    assert.ok(late.store.get('default'), 'the namespaces informer started too');
    await fx.clientset.resource<ConfigMap>(CM).namespace('kube-public').create({ metadata: { name: 'shared' } });
    await eventually(() => a.store.byIndex('byName', 'shared').length === 1, 10_000, 'the indexed object');
    await factory.stop();
  });
});
