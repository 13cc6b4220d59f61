/** The replication manager (with the garbage collector) on an in-process API server, driven by kubectl. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../testing/index.js';
import type { ResourceClient } from '../../client/index.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { PODS, ReplicaSetController, type Pod } from '../replicaset/index.js';
import { REPLICATIONCONTROLLERS, ReplicationManager, type ReplicationController } from './index.js';

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [
    new ReplicationManager(cs, inf, { log: () => undefined }).controller,
    new ReplicaSetController(cs, inf, { log: () => undefined }).controller,
    new GarbageCollector(cs, inf, { log: () => undefined }),
  ]);
});
after(async () => { await f.stop(); });

const pods = (): ResourceClient<Pod> => f.clientset.resource<Pod>(PODS).namespace('default');
const rcs = (): ResourceClient<ReplicationController> => f.clientset.resource<ReplicationController>(REPLICATIONCONTROLLERS).namespace('default');
const podsOf = async (app: string): Promise<Pod[]> => (await pods().list({ labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp);

/** The notes' nginx ReplicationController, with the selector defaulted from the template when `selector` is false. */
function manifest(name: string, replicas: number, selector = true): string {
  const path = join(f.fx.dataDir, `rc-${name}-${replicas}.yaml`);
  writeFileSync(path, `apiVersion: v1
kind: ReplicationController
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
${selector ? `  selector:\n    app: ${name}\n` : ''}  template:
    metadata:
      name: nginx
      labels:
        app: ${name}
        tier: frontend
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`);
  return path;
}

async function makeReady(p: Pod): Promise<void> {
  await pods().patch(p.metadata.name ?? '', 'merge', {
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }] },
  }, { subresource: 'status' });
}

interface EventList { items: Array<{ reason: string; message: string; source?: { component?: string }; involvedObject: { kind?: string; name?: string; apiVersion?: string } }> }

describe('ReplicationManager', () => {
  it('creates the pods with a ReplicationController owner reference, keeps status, records events', async () => {
    const created = await f.k('create', '-f', manifest('web', 3, false));
    assert.equal(created, 'replicationcontroller/web created\n');
    await eventually(async () => (await podsOf('web')).length === 3, 10_000, 'three pods');
    const rc = await rcs().get('web');
    assert.deepEqual(rc.spec?.selector, { app: 'web', tier: 'frontend' });
    for (const p of await podsOf('web')) {
      assert.match(p.metadata.name ?? '', /^web-[a-z0-9]{5}$/);
      assert.deepEqual(p.metadata.labels, { app: 'web', tier: 'frontend' });
      assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: rc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    await eventually(async () => (await rcs().get('web')).status?.replicas === 3, 10_000, 'status.replicas 3');
    const st = (await rcs().get('web')).status;
    assert.deepEqual([st?.fullyLabeledReplicas, st?.readyReplicas ?? 0, st?.availableReplicas ?? 0, st?.observedGeneration], [3, 0, 0, 1]);
    assert.match(await f.k('get', 'rc', 'web'), /NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nweb\s+3\s+3\s+0\s/);

    await eventually(async () => {
      const events = JSON.parse(await f.k('get', 'events', '--field-selector=reason=SuccessfulCreate,involvedObject.name=web', '-o', 'json')) as EventList;
      return events.items.length > 0 && events.items.every((e) => e.source?.component === 'replication-controller'
        && e.involvedObject.kind === 'ReplicationController' && e.involvedObject.apiVersion === 'v1' && /^Created pod: web-[a-z0-9]{5}$/.test(e.message));
    }, 10_000, 'SuccessfulCreate events from replication-controller');
  });

  it('kubectl scale rc: the Scale reports the map selector; the ready pod is kept', async () => {
    const scale = JSON.parse(await f.k('get', '--raw', '/api/v1/namespaces/default/replicationcontrollers/web/scale')) as { kind: string; spec: { replicas: number }; status: { selector: string } };
    assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.selector], ['Scale', 3, 'app=web,tier=frontend']);
    const [keep] = await podsOf('web');
    await makeReady(keep);
    await eventually(async () => (await rcs().get('web')).status?.readyReplicas === 1, 10_000, 'readyReplicas 1');
    assert.equal(await f.k('scale', 'rc', 'web', '--replicas=1'), 'replicationcontroller/web scaled\n');
    await eventually(async () => (await podsOf('web')).length === 1, 10_000, 'one pod left');
    assert.equal((await podsOf('web'))[0].metadata.name, keep.metadata.name);
    await eventually(async () => /web\s+1\s+1\s+1\s/.test(await f.k('get', 'rc', 'web')), 10_000, 'kubectl get rc to show 1 1 1');
    await eventually(async () => /Deleted pod: web-/.test(await f.k('get', 'events', '--field-selector=reason=SuccessfulDelete,involvedObject.kind=ReplicationController')), 10_000, 'SuccessfulDelete events');
  });

  it('adopts a matching orphan, releases a relabeled pod, and leaves pods of a ReplicaSet alone', async () => {
    await f.k('create', '-f', manifest('api', 1));
    await eventually(async () => (await podsOf('api')).length === 1, 10_000, 'one api pod');
    const [first] = await podsOf('api');
    await makeReady(first);
    await pods().create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray-rc', labels: { app: 'api' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    await eventually(async () => (await podsOf('api')).map((p) => p.metadata.name).join() === first.metadata.name, 10_000, 'the stray to be adopted and removed');

    await f.k('label', 'pod', first.metadata.name ?? '', 'app=elsewhere-rc', '--overwrite');
    await eventually(async () => (await pods().get(first.metadata.name ?? '')).metadata.ownerReferences === undefined, 10_000, 'the relabeled pod to be released');
    await eventually(async () => (await podsOf('api')).length === 1, 10_000, 'a replacement pod');
    assert.notEqual((await podsOf('api'))[0].metadata.name, first.metadata.name);
    await f.k('delete', 'pod', first.metadata.name ?? '', '--wait=false');

    // A ReplicaSet of the same name and selector keeps its own pod; neither adopts the other's.
    writeFileSync(join(f.fx.dataDir, 'rs-api.yaml'), `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: nginx
        image: nginx
`);
    await f.k('create', '-f', join(f.fx.dataDir, 'rs-api.yaml'));
    const owners = async (): Promise<string> => (await podsOf('api')).map((p) => p.metadata.ownerReferences?.[0]?.kind).sort().join();
    await eventually(async () => (await owners()) === 'ReplicaSet,ReplicationController', 10_000, 'one pod of each kind');
    assert.equal((await rcs().get('api')).status?.replicas, 1);
  });

  it('kubectl delete rc removes its pods through the garbage collector; --cascade=orphan keeps them', async () => {
    await f.k('create', '-f', manifest('cache', 2));
    await eventually(async () => (await podsOf('cache')).length === 2, 10_000, 'two cache pods');
    assert.equal(await f.k('delete', 'rc', 'cache', '--cascade=orphan'), 'replicationcontroller "cache" deleted\n');
    const left = await podsOf('cache');
    assert.equal(left.length, 2);
    for (const p of left) assert.equal(p.metadata.ownerReferences, undefined);
    // A new controller with the same selector adopts them rather than creating more.
    await f.k('create', '-f', manifest('cache', 2));
    const rc = await rcs().get('cache');
    await eventually(async () => (await podsOf('cache')).every((p) => p.metadata.ownerReferences?.[0]?.uid === rc.metadata.uid), 10_000, 'adoption by the new controller');
    assert.equal((await podsOf('cache')).length, 2);

    assert.equal(await f.k('delete', 'rc', 'cache'), 'replicationcontroller "cache" deleted\n');
    await eventually(async () => (await podsOf('cache')).length === 0, 15_000, 'the garbage collector to delete the pods');
  });
});
