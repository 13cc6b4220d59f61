/** Controller and ControllerManager over informers of a real in-process API server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StatusError, type KObject } from '../../api/index.js';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';
import { isNotFound, SharedInformerFactory, splitKey, type ResourceClient } from '../../client/index.js';
import { Controller } from './controller.js';
import { ControllerManager } from './controller-manager.js';

type ConfigMap = KObject & { data?: Record<string, string> };
const CM = { group: '', version: 'v1', resource: 'configmaps' };
const quiet = (): void => undefined;

let fx: ApiFixture;
before(async () => { fx = await startApiFixture(); });
after(async () => { await fx.stop(); });

/** A controller that keeps "<name>-copy" equal to each ConfigMap labelled copy=yes. */
function copier(factory: SharedInformerFactory, client: ResourceClient<ConfigMap>): Controller {
  const inf = factory.forResource<ConfigMap>(CM, { namespace: 'copies' });
  const reconcile = async (key: string): Promise<void> => {
    const { namespace, name } = splitKey(key);
    const src = inf.store.get(key);
    const copy = inf.store.getByName(namespace, `${name}-copy`);
    const ns = client.namespace(namespace ?? '');
    if (!src || src.metadata.labels?.copy !== 'yes') {
      if (copy) await ns.delete(copy.metadata.name ?? '').catch((e) => { if (!isNotFound(e)) throw e; });
      return;
    }
    if (!copy) await ns.create({ metadata: { name: `${name}-copy` }, data: src.data });
    else if (JSON.stringify(copy.data) !== JSON.stringify(src.data)) await ns.update({ ...copy, data: src.data });
  };
  return new Controller({ name: 'copier', reconcile, log: quiet })
    .watch(inf, (o) => (o.metadata.name?.endsWith('-copy') ? `${o.metadata.namespace ?? ''}/${o.metadata.name.slice(0, -5)}` : `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`));
}

describe('Controller', () => {
  it('drives the cluster toward the desired state, whatever event came', async () => {
    await fx.clientset.resource(({ group: '', version: 'v1', resource: 'namespaces' })).create({ metadata: { name: 'copies' } });
    const cms = fx.clientset.resource<ConfigMap>(CM).namespace('copies');
    const factory = new SharedInformerFactory(fx.newClientset(), { log: quiet });
    const c = copier(factory, fx.clientset.resource<ConfigMap>(CM));
    factory.start();
    assert.equal(await c.start(), true);
    const copyData = async (): Promise<string | undefined> => {
      try { return (await cms.get('src-copy')).data?.v; } catch (e) { if (isNotFound(e)) return undefined; throw e; }
    };
    await cms.create({ metadata: { name: 'src', labels: { copy: 'yes' } }, data: { v: '1' } });
    await eventually(async () => (await copyData()) === '1', 5000, 'the copy');
    await cms.patch('src', 'merge', { data: { v: '2' } });
    await eventually(async () => (await copyData()) === '2', 5000, 'the updated copy');
    await cms.delete('src-copy');
    await eventually(async () => (await copyData()) === '2', 5000, 'the copy to come back');
    await cms.patch('src', 'merge', { metadata: { labels: { copy: 'no' } } });
    await eventually(async () => (await copyData()) === undefined, 5000, 'the copy to go');
    await c.stop();
    await factory.stop();
  });

  it('retries failures with backoff, honours requeueAfter, and folds events during a reconcile into one', async () => {
    const cms = fx.clientset.resource<ConfigMap>(CM).namespace('default');
    const factory = new SharedInformerFactory(fx.newClientset(), { log: quiet });
    const inf = factory.forResource<ConfigMap>(CM, { namespace: 'default', labelSelector: 'ctl=retry' });
    const calls: string[] = [];
    let release: () => void = () => undefined;
    const logs: string[] = [];
    const c = new Controller({
      name: 'retry', workers: 2, log: (l) => logs.push(l),
      reconcile: async (key) => {
        calls.push(key);
        const n = calls.filter((k) => k === key).length;
        if (key === 'default/flaky' && n <= 2) throw new StatusError(409, 'Conflict', 'try again');
        if (key === 'default/later' && n === 1) return { requeueAfter: 50 };
        if (key === 'default/slow' && n === 1) await new Promise<void>((r) => { release = r; });
        return undefined;
      },
    }).watch(inf);
    factory.start();
    await c.start();
    await cms.create({ metadata: { name: 'flaky', labels: { ctl: 'retry' } } });
    await cms.create({ metadata: { name: 'later', labels: { ctl: 'retry' } } });
    await eventually(() => calls.filter((k) => k === 'default/flaky').length === 3, 5000, 'three tries of flaky');
    await eventually(() => calls.filter((k) => k === 'default/later').length === 2, 5000, 'the requeue of later');
    assert.equal(c.queue?.numRequeues('default/flaky'), 0, 'success forgets the failures');
    assert.match(logs[0], /^retry: reconcile default\/flaky failed \(retry 1\): try again$/);

    await cms.create({ metadata: { name: 'slow', labels: { ctl: 'retry' } } });
    await eventually(() => calls.includes('default/slow'), 5000, 'slow to start');
    for (let i = 0; i < 5; i++) await cms.patch('slow', 'merge', { data: { i: String(i) } });
    await eventually(() => inf.store.get('default/slow')?.data?.i === '4', 5000, 'the informer to see the patches');
    assert.equal(calls.filter((k) => k === 'default/slow').length, 1, 'never two reconciles of one key at once');
    release();
    await eventually(() => calls.filter((k) => k === 'default/slow').length === 2, 5000, 'one more reconcile');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(calls.filter((k) => k === 'default/slow').length, 2, 'five events while busy became one reconcile');
    await c.stop();
    await factory.stop();
  });
});

describe('Controller lifecycle', () => {
  it('a controller stopped before its informers synced does not start its workers', async () => {
    const factory = new SharedInformerFactory(fx.clientset, { log: quiet });
    let calls = 0;
    const c = new Controller({ name: 'idle', log: quiet, reconcile: () => { calls++; } }).watch(factory.forResource(CM));
    const started = c.start();
    assert.equal(c.running, true);
    await c.stop();
    assert.equal(await started, false);
    assert.equal(c.running, false);
    factory.start();
    await factory.waitForCacheSync(5000);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(calls, 0, 'its handlers were removed');
    await factory.stop();
  });
});

describe('ControllerManager', () => {
  it('runs the controllers of the leader only, and of the other after the leader stops', async () => {
    const counts = { a: 0, b: 0 };
    const manager = (id: 'a' | 'b'): ControllerManager => {
      const cs = fx.newClientset();
      const informers = new SharedInformerFactory(cs, { log: quiet });
      const inf = informers.forResource<ConfigMap>(CM, { namespace: 'default', labelSelector: 'ctl=cm' });
      const c = new Controller({ name: `c-${id}`, log: quiet, reconcile: () => { counts[id]++; } }).watch(inf);
      return new ControllerManager({
        clientset: cs, informers, controllers: [c], log: quiet,
        leaderElection: { name: 'cm-test', identity: id, leaseDurationMs: 2000, renewDeadlineMs: 1000, retryPeriodMs: 100 },
      });
    };
    const a = manager('a');
    const b = manager('b');
    a.start();
    await eventually(() => a.isLeader(), 5000, 'a to lead');
    b.start();
    const cms = fx.clientset.resource<ConfigMap>(CM).namespace('default');
    await cms.create({ metadata: { name: 'm1', labels: { ctl: 'cm' } } });
    await eventually(() => counts.a >= 1, 5000, "a's controller");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(counts.b, 0, 'the standby does not reconcile');
    assert.equal(b.isLeader(), false);
    await a.stop();
    await eventually(() => b.isLeader() && counts.b >= 1, 5000, 'b to take over and reconcile what exists');
    const before = counts.a;
    await cms.create({ metadata: { name: 'm2', labels: { ctl: 'cm' } } });
    await eventually(() => counts.b >= 2, 5000, "b's controller to see m2");
    assert.equal(counts.a, before, 'the stopped manager does nothing');
    await b.stop();
  });
});
