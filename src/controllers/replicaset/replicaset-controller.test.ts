/** The ReplicaSet controller (with the garbage collector) on an in-process API server, driven by kubectl. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../testing/index.js';
import type { ResourceClient } from '../../client/index.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { PODS, REPLICASETS, ReplicaSetController, rankForDeletion, type Pod, type ReplicaSet } from './index.js';

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [
    new ReplicaSetController(cs, inf, { log: () => undefined }).controller,
    new GarbageCollector(cs, inf, { log: () => undefined }),
  ]);
});
after(async () => { await f.stop(); });

const pods = (): ResourceClient<Pod> => f.clientset.resource<Pod>(PODS).namespace('default');
const rss = (): ResourceClient<ReplicaSet> => f.clientset.resource<ReplicaSet>(REPLICASETS).namespace('default');
const podsOf = async (app: string): Promise<Pod[]> => (await pods().list({ labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp);

function manifest(name: string, replicas: number): string {
  const path = join(f.fx.dataDir, `${name}-${replicas}.yaml`);
  writeFileSync(path, `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: frontend
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`);
  return path;
}

async function makeReady(p: Pod, at = new Date()): Promise<void> {
  await pods().patch(p.metadata.name ?? '', 'merge', {
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at.toISOString().replace(/\.\d+Z$/, 'Z') }] },
  }, { subresource: 'status' });
}

describe('ReplicaSetController', () => {
  it('creates pods from the template, counts them in status, and scales with kubectl', async () => {
    assert.match(await f.k('apply', '-f', manifest('web', 3)), /replicaset.apps\/web created/);
    await eventually(async () => (await podsOf('web')).length === 3, 10_000, 'three pods');
    const created = await podsOf('web');
    for (const p of created) {
      assert.match(p.metadata.name ?? '', /^web-[a-z0-9]{5}$/);
      assert.deepEqual(p.metadata.labels, { app: 'web', tier: 'frontend' });
      const rs = await rss().get('web');
      assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    await eventually(async () => (await rss().get('web')).status?.replicas === 3, 10_000, 'status.replicas 3');
    const st = (await rss().get('web')).status;
    assert.equal(st?.fullyLabeledReplicas, 3);
    assert.equal(st?.readyReplicas ?? 0, 0);
    assert.equal(st?.observedGeneration, 1);
    assert.match(await f.k('get', 'rs', 'web'), /NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nweb\s+3\s+3\s+0\s/);
    await eventually(async () => /Created pod: web-[a-z0-9]{5}/.test(await f.k('get', 'events', '--field-selector=reason=SuccessfulCreate')), 10_000, 'SuccessfulCreate events');

    // The ready pod is kept when scaling down; the not-ready ones go.
    const [keep] = created;
    await makeReady(keep);
    await eventually(async () => (await rss().get('web')).status?.readyReplicas === 1, 10_000, 'readyReplicas 1');
    assert.match(await f.k('scale', 'rs', 'web', '--replicas=1'), /replicaset.apps\/web scaled/);
    await eventually(async () => (await podsOf('web')).length === 1, 10_000, 'one pod left');
    assert.equal((await podsOf('web'))[0].metadata.name, keep.metadata.name);
    await eventually(async () => /web\s+1\s+1\s+1\s/.test(await f.k('get', 'rs', 'web')), 10_000, 'kubectl get rs to show 1 1 1');
    await eventually(async () => /Deleted pod: web-/.test(await f.k('get', 'events', '--field-selector=reason=SuccessfulDelete')), 10_000, 'SuccessfulDelete events');
  });

  it('adopts a matching orphan pod and releases a pod whose labels stop matching', async () => {
    await f.k('apply', '-f', manifest('api', 1));
    await eventually(async () => (await podsOf('api')).length === 1, 10_000, 'one api pod');
    const [first] = await podsOf('api');
    await makeReady(first);
    await pods().create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'api' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    // Adopted, then the surplus not-ready pod (the stray) is deleted.
    await eventually(async () => (await podsOf('api')).map((p) => p.metadata.name).join() === first.metadata.name, 10_000, 'the stray to be adopted and removed');

    await f.k('label', 'pod', first.metadata.name ?? '', 'app=elsewhere', '--overwrite');
    await eventually(async () => (await pods().get(first.metadata.name ?? '')).metadata.ownerReferences === undefined, 10_000, 'the relabeled pod to be released');
    await eventually(async () => (await podsOf('api')).length === 1, 10_000, 'a replacement pod');
    assert.notEqual((await podsOf('api'))[0].metadata.name, first.metadata.name);
  });

  it('kubectl delete rs --cascade=orphan leaves its pods running without owner references', async () => {
    await f.k('apply', '-f', manifest('cache', 2));
    await eventually(async () => (await podsOf('cache')).length === 2, 10_000, 'two cache pods');
    assert.match(await f.k('delete', 'rs', 'cache', '--cascade=orphan'), /replicaset.apps "cache" deleted/);
    const left = await podsOf('cache');
    assert.equal(left.length, 2);
    for (const p of left) assert.equal(p.metadata.ownerReferences, undefined);
    // A new ReplicaSet with the same selector adopts them rather than creating more.
    await f.k('apply', '-f', manifest('cache', 2));
    const rs = await rss().get('cache');
    await eventually(async () => (await podsOf('cache')).every((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid), 10_000, 'adoption by the new ReplicaSet');
    assert.equal((await podsOf('cache')).length, 2);
  });

  it('ranks unassigned, pending, not-ready and newer pods first for deletion', () => {
    const mk = (name: string, o: { node?: string; phase?: string; ready?: boolean; created: string }): Pod => ({
      metadata: { name, creationTimestamp: o.created },
      spec: { nodeName: o.node },
      status: { phase: o.phase, conditions: o.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.created }] : [] },
    });
    const ranked = rankForDeletion([
      mk('ready-old', { node: 'n1', phase: 'Running', ready: true, created: '2026-01-01T00:00:00Z' }),
      mk('ready-new', { node: 'n2', phase: 'Running', ready: true, created: '2026-01-02T00:00:00Z' }),
      mk('running-unready', { node: 'n3', phase: 'Running', created: '2026-01-01T00:00:00Z' }),
      mk('pending', { node: 'n4', phase: 'Pending', created: '2026-01-01T00:00:00Z' }),
      mk('unassigned', { created: '2026-01-01T00:00:00Z' }),
    ]);
    assert.deepEqual(ranked.map((p) => p.metadata.name), ['unassigned', 'pending', 'running-unready', 'ready-new', 'ready-old']);
  });
});
