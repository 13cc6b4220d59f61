/**
 * A real client library's informer (@kubernetes/client-node) sees every change exactly once and in
 * order, across a restart of the server on SQLite.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { eventually, startCluster, type Cluster } from './harness.js';

describe('client-node informer across a server restart (sqlite)', () => {
  let c: Cluster;
  before(async () => { c = await startCluster('sqlite'); });
  after(async () => { await c?.stop(); });

  it('delivers each change once, in order', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(c.kubeconfig);
    const api = kc.makeApiClient(k8s.CoreV1Api);
    const ns = 'default';
    const seen: string[] = [];
    const informer = k8s.makeInformer(kc, `/api/v1/namespaces/${ns}/configmaps`, () => api.listNamespacedConfigMap({ namespace: ns }));
    const record = (verb: string) => (o: k8s.V1ConfigMap): void => {
      // Only this test's objects (controllers add kube-root-ca.crt to every namespace).
      if (!o.metadata?.name?.startsWith('cm-')) return;
      seen.push(`${verb} ${o.metadata?.name ?? ''} ${o.data?.v ?? ''}`);
    };
    informer.on('add', record('add'));
    informer.on('update', record('update'));
    informer.on('delete', record('delete'));
    let stopped = false;
    informer.on('error', () => {
      if (!stopped) setTimeout(() => { if (!stopped) void informer.start().catch(() => undefined); }, 300);
    });
    await informer.start();
    const cm = (name: string, v: string): k8s.V1ConfigMap => ({ metadata: { name }, data: { v } });
    const expected: string[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        await api.createNamespacedConfigMap({ namespace: ns, body: cm(`cm-${i}`, '1') });
        expected.push(`add cm-${i} 1`);
      }
      await api.replaceNamespacedConfigMap({ name: 'cm-1', namespace: ns, body: cm('cm-1', '2') });
      expected.push('update cm-1 2');
      await api.deleteNamespacedConfigMap({ name: 'cm-2', namespace: ns });
      expected.push('delete cm-2 1');
      await eventually(async () => seen.length >= expected.length, 15_000, 'events before the restart');
      await c.restart();
      await api.createNamespacedConfigMap({ namespace: ns, body: cm('cm-4', '1') });
      expected.push('add cm-4 1');
      await api.replaceNamespacedConfigMap({ name: 'cm-3', namespace: ns, body: cm('cm-3', '2') });
      expected.push('update cm-3 2');
      await api.deleteNamespacedConfigMap({ name: 'cm-0', namespace: ns });
      expected.push('delete cm-0 1');
      await eventually(async () => seen.length >= expected.length, 20_000, 'events after the restart');
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(seen, expected);
    } finally {
      stopped = true;
      await informer.stop();
    }
  });
});
