/**
 * `kubectl events` and `kubectl get events` (the notes' table of short names lists `ev`, 004:2233):
 * Events written through the API are listed with Kubernetes' columns and filters.
 */
import assert from 'node:assert/strict';
import { AGE, notesSuite, it } from './kit.js';
import { assertTable } from './table.js';

function event(ns: string, name: string, type: string, reason: string, message: string, pod: string, at: Date): string {
  const t = at.toISOString().replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: ns },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: pod, namespace: ns }, type, reason, message,
    source: { component: 'kubelet', host: 'node-1' }, firstTimestamp: t, lastTimestamp: t, count: 1 });
}

const LAST_SEEN = new RegExp(`^${AGE}$`);

notesSuite('events', (k) => {
  it('with no events: "No events found"', async () => {
    const r = await k.run(['events']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout + r.stderr, `No events found in ${k.ns} namespace.\n`);
    const g = await k.run(['get', 'events']);
    assert.equal(g.stderr, `No resources found in ${k.ns} namespace.\n`);
  });

  it('kubectl events lists them oldest first with LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', async () => {
    const now = Date.now();
    await k.ok('create', '-f', '-', { input: event(k.ns, 'nginx.1', 'Normal', 'Scheduled', 'Successfully assigned to node-1', 'nginx', new Date(now - 20_000)) });
    await k.ok('create', '-f', '-', { input: event(k.ns, 'nginx.2', 'Warning', 'Failed', 'Failed to pull image "busybox:curl"', 'nginx', new Date(now - 10_000)) });
    assertTable(await k.ok('events'), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], [
      [LAST_SEEN, 'Normal', 'Scheduled', 'Pod/nginx', 'Successfully assigned to node-1'],
      [LAST_SEEN, 'Warning', 'Failed', 'Pod/nginx', 'Failed to pull image "busybox:curl"'],
    ]);
  });

  it('kubectl events --types=Warning and --for pod/nginx; kubectl get events', async () => {
    assertTable(await k.ok('events', '--types=Warning'), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
      [[LAST_SEEN, 'Warning', 'Failed', 'Pod/nginx', 'Failed to pull image "busybox:curl"']]);
    assert.equal((await k.ok('events', '--for', 'pod/nginx')).trim().split('\n').length, 3);
    assertTable(await k.ok('get', 'events'), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], [
      [LAST_SEEN, 'Normal', 'Scheduled', 'pod/nginx', 'Successfully assigned to node-1'],
      [LAST_SEEN, 'Warning', 'Failed', 'pod/nginx', 'Failed to pull image "busybox:curl"'],
    ]);
    const ev = await k.json('get', 'ev', 'nginx.2');
    assert.equal((ev as { reason?: string }).reason, 'Failed');
  });

  it('the same events through events.k8s.io/v1', async () => {
    const e = await k.json('get', 'events.v1.events.k8s.io', 'nginx.2');
    assert.equal(e.apiVersion, 'events.k8s.io/v1');
    assert.equal((e as { note?: string }).note, 'Failed to pull image "busybox:curl"');
    assert.deepEqual((e as { regarding?: unknown }).regarding, { apiVersion: 'v1', kind: 'Pod', name: 'nginx', namespace: k.ns });
  });
});
