import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileLabelSelector } from './labels.js';
import { makeNode, makePod } from './fixtures.js';
import { Snapshot } from './snapshot.js';

describe('Snapshot', () => {
  it('keeps node aggregates as pods are added, updated and removed', () => {
    const s = new Snapshot();
    s.upsertNode(makeNode('n', { cpu: '4', memory: '8Gi' }));
    s.upsertPod(makePod('a', { nodeName: 'n', cpu: '1', memory: '1Gi' }));
    s.upsertPod(makePod('b', { nodeName: 'n', cpu: '500m' }));
    const n = s.nodeInfo('n')!;
    assert.deepEqual([n.requested.milliCPU, n.requested.memory, n.pods.size], [1500, 2 ** 30, 2]);
    assert.equal(n.nonZeroMemory, 2 ** 30 + 200 * 2 ** 20);
    s.upsertPod(makePod('a', { nodeName: 'n', cpu: '2', memory: '1Gi' }));
    assert.equal(n.requested.milliCPU, 2500, 'an update replaces the old requests');
    s.removePod(makePod('b'));
    assert.deepEqual([n.requested.milliCPU, n.pods.size, s.numPods], [2000, 1, 1]);
    s.upsertPod(makePod('a', { nodeName: 'n', cpu: '2', phase: 'Succeeded' }));
    assert.deepEqual([n.requested.milliCPU, n.pods.size, s.numPods], [0, 0, 0], 'terminal pods leave');
  });

  it('ignores unassigned pods and remembers pods of nodes it has not seen yet', () => {
    const s = new Snapshot();
    s.upsertPod(makePod('pending'));
    assert.equal(s.numPods, 0);
    s.upsertPod(makePod('early', { nodeName: 'later', cpu: '1' }));
    assert.equal(s.nodeInfo('later'), undefined);
    assert.equal(s.numNodes, 0);
    s.upsertNode(makeNode('later'));
    assert.equal(s.nodeInfo('later')!.requested.milliCPU, 1000);
    s.removeNode('later');
    assert.equal(s.numNodes, 0);
    s.upsertNode(makeNode('later'));
    assert.equal(s.nodeInfo('later')!.pods.size, 1, 'the pod survives its node being re-registered');
  });

  it('keeps the node list dense when nodes leave', () => {
    const s = new Snapshot();
    for (const n of ['a', 'b', 'c', 'd']) s.upsertNode(makeNode(n));
    s.removeNode('b');
    assert.deepEqual(s.nodes.map((n) => n.name).sort(), ['a', 'c', 'd']);
    s.nodes.forEach((n, i) => assert.equal(n.index, i));
    s.upsertNode(makeNode('a', { labels: { x: 'y' } }));
    assert.equal(s.numNodes, 3);
    assert.equal(s.nodeInfo('a')!.labels.x, 'y');
  });

  it('indexes node label values', () => {
    const s = new Snapshot();
    s.upsertNode(makeNode('a', { labels: { zone: 'z1' } }));
    s.upsertNode(makeNode('b', { labels: { zone: 'z1' } }));
    s.upsertNode(makeNode('c', { labels: { zone: 'z2' } }));
    assert.deepEqual([...s.nodeLabelValues('zone')!], [['z1', 2], ['z2', 1]]);
    s.upsertNode(makeNode('b', { labels: { zone: 'z2' } }));
    s.removeNode('c');
    assert.deepEqual([...s.nodeLabelValues('zone')!], [['z1', 1], ['z2', 1]]);
    s.removeNode('a');
    s.removeNode('b');
    assert.equal(s.nodeLabelValues('zone'), undefined);
  });

  it('counts on how many nodes each image is', () => {
    const s = new Snapshot();
    s.upsertNode(makeNode('a', { images: [{ names: ['nginx:1', 'nginx@sha256:x'], sizeBytes: 10 }] }));
    s.upsertNode(makeNode('b', { images: [{ names: ['nginx:1'], sizeBytes: 10 }] }));
    assert.equal(s.imageNodeCount('nginx:1'), 2);
    s.upsertNode(makeNode('b'));
    assert.equal(s.imageNodeCount('nginx:1'), 1);
    s.removeNode('a');
    assert.equal(s.imageNodeCount('nginx@sha256:x'), 0);
  });

  it('indexes assigned pods by label and keeps the affinity sets', () => {
    const s = new Snapshot();
    s.upsertNode(makeNode('n'));
    s.upsertPod(makePod('w1', { nodeName: 'n', labels: { app: 'web', tier: 'fe' } }));
    s.upsertPod(makePod('w2', { nodeName: 'n', labels: { app: 'web' } }));
    s.upsertPod(makePod('d1', { nodeName: 'n', labels: { app: 'db' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: {} }] } } }));
    const names = (sel: Parameters<typeof compileLabelSelector>[0]) => [...s.podIndex.candidates(compileLabelSelector(sel))].map((p) => p.name).sort();
    assert.deepEqual(names({ matchLabels: { app: 'web' } }), ['w1', 'w2']);
    assert.deepEqual(names({ matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] }), ['d1', 'w1', 'w2']);
    assert.deepEqual(names({ matchLabels: { app: 'cache' } }), []);
    assert.deepEqual(names(null), []);
    assert.equal(names({}).length, 3);
    assert.deepEqual([s.podsWithAffinity.size, s.podsWithRequiredAntiAffinity.size], [1, 1]);
    s.removePod('default/d1');
    assert.deepEqual([s.podsWithAffinity.size, s.podsWithRequiredAntiAffinity.size], [0, 0]);
    s.upsertPod(makePod('w1', { nodeName: 'n', labels: { app: 'api' } }));
    assert.deepEqual(names({ matchLabels: { app: 'web' } }), ['w2']);
  });

  it('builds the default spreading selector from Services and controllers', () => {
    const s = new Snapshot();
    const pod = makePod('p', { labels: { app: 'web', pod: 'x' } });
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'u', controller: true }];
    s.upsertPod({ ...pod, spec: { ...pod.spec, nodeName: 'n' } });
    const info = s.pod('default/p')!;
    assert.equal(s.defaultSelector(info).empty, true);
    s.workloads.upsertService({ metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } });
    s.workloads.upsertService({ metadata: { name: 'other', namespace: 'default' }, spec: { selector: { app: 'db' } } });
    s.workloads.upsertController({ kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default' }, spec: { selector: { matchLabels: { pod: 'x' } } } });
    const sel = s.defaultSelector(info);
    assert.equal(sel.matches({ app: 'web', pod: 'x' }), true);
    assert.equal(sel.matches({ app: 'web' }), false);
    assert.equal(sel.matches({ pod: 'x' }), false);
  });
});
