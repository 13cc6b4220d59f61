/** EventRecorder against a real in-process API server, read back with the real kubectl. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { KObject } from '../../api/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';
import { EVENTS } from '../../client/index.js';
import { EventRecorder, type CoreEvent } from './event-recorder.js';

const run = promisify(execFile);
let fx: ApiFixture;
before(async () => { fx = await startApiFixture(); });
after(async () => { await fx.stop(); });

const listEvents = async (ns: string): Promise<CoreEvent[]> =>
  (await fx.clientset.resource<CoreEvent>(EVENTS).namespace(ns).list()).items;

describe('EventRecorder', () => {
  it('counts a repeated event on one Event, shown by kubectl get events', async () => {
    const cm = await fx.clientset.resource({ group: '', version: 'v1', resource: 'configmaps' }).namespace('default')
      .create({ metadata: { name: 'cfg' } });
    const rec = new EventRecorder(fx.clientset, { component: 'test-controller', host: 'node-1' }, { log: () => undefined });
    rec.event(cm, 'Normal', 'Synced', 'Config synced');
    rec.event(cm, 'Normal', 'Synced', 'Config synced');
    rec.event(cm, 'Warning', 'Failed', 'Config broken');
    await rec.flush();

    const events = await listEvents('default');
    const synced = events.filter((e) => e.reason === 'Synced');
    assert.equal(synced.length, 1, 'the repeat did not make a second Event');
    const ev = synced[0];
    assert.equal(ev.count, 2);
    assert.match(ev.metadata.name ?? '', /^cfg\.[0-9a-f]{12,}$/);
    assert.deepEqual(ev.involvedObject, {
      kind: 'ConfigMap', namespace: 'default', name: 'cfg', uid: cm.metadata.uid, apiVersion: 'v1', resourceVersion: cm.metadata.resourceVersion,
    });
    assert.deepEqual(ev.source, { component: 'test-controller', host: 'node-1' });
    assert.equal(ev.type, 'Normal');
    assert.match(ev.firstTimestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok((ev.lastTimestamp ?? '') >= (ev.firstTimestamp ?? ''));
    assert.equal(events.filter((e) => e.reason === 'Failed').length, 1, 'a different reason is another Event');

    const { stdout } = await run('kubectl', ['--kubeconfig', fx.server.kubeconfigPath, 'get', 'events', '-n', 'default', '-o', 'wide']);
    const lines = stdout.trim().split('\n');
    assert.match(lines[0], /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME$/);
    const row = lines.find((l) => l.includes('Synced'));
    assert.ok(row, stdout);
    assert.match(row, /Normal\s+Synced\s+configmap\/cfg\s+test-controller, node-1\s+Config synced\s+\S+\s+2\s+cfg\./);
  });

  it('events about cluster-scoped objects go to the default namespace; a deleted Event starts over', async () => {
    const node: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-9', uid: 'u-9' } };
    const rec = new EventRecorder(fx.clientset, { component: 'test-controller' }, { log: () => undefined });
    rec.event(node, 'Normal', 'Registered', 'Node registered');
    await rec.flush();
    const [ev] = (await listEvents('default')).filter((e) => e.reason === 'Registered');
    assert.equal(ev.involvedObject.name, 'worker-9');
    await fx.clientset.resource(EVENTS).namespace('default').delete(ev.metadata.name ?? '');
    rec.event(node, 'Normal', 'Registered', 'Node registered');
    await rec.flush();
    const again = (await listEvents('default')).filter((e) => e.reason === 'Registered');
    assert.equal(again.length, 1);
    assert.equal(again[0].count, 1, 'the patch found nothing, so a new Event was created');
  });
});
