/**
 * The StatefulSet controller (with the garbage collector) on an in-process API server, driven by
 * kubectl. No scheduler or kubelet runs: the test marks pods Running and Ready itself.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Informer, type ResourceClient } from '../../client/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import { PODS } from '../replicaset/index.js';
import { STATEFULSETS, StatefulSetController, type StatefulSet } from './index.js';
import { PERSISTENTVOLUMECLAIMS, type PersistentVolumeClaim, type StatefulPod } from './types.js';

let f: ControllerFixture;
let deletions: Informer<StatefulPod>;
const deleted: string[] = [];
const WAIT = 15_000;

const pods = (): ResourceClient<StatefulPod> => f.clientset.resource<StatefulPod>(PODS).namespace('default');
const sets = (): ResourceClient<StatefulSet> => f.clientset.resource<StatefulSet>(STATEFULSETS).namespace('default');
const pvcs = (): ResourceClient<PersistentVolumeClaim> => f.clientset.resource<PersistentVolumeClaim>(PERSISTENTVOLUMECLAIMS).namespace('default');
const names = async (app: string): Promise<string[]> =>
  (await pods().list({ labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name ?? '').sort();
const imageOf = (p: StatefulPod): string => String((p.spec?.containers as Array<{ image?: string }> | undefined)?.[0]?.image);
const claimNames = async (app: string): Promise<string[]> => (await pvcs().list({ labelSelector: `app=${app}` })).items.map((c) => c.metadata.name ?? '').sort();

async function setReady(name: string, ready = true): Promise<void> {
  await pods().patch(name, 'merge', {
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z') }] },
  }, { subresource: 'status' });
}

/** Marks each pod of the app Ready as it appears, until `count` pods are up (bounded by WAIT). */
async function readyAll(app: string, count: number): Promise<void> {
  await eventually(async () => {
    const list = (await pods().list({ labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp);
    for (const p of list) if (p.status?.phase !== 'Running') await setReady(p.metadata.name ?? '');
    return list.length === count && list.every((p) => p.status?.phase === 'Running');
  }, WAIT, `${count} ready ${app} pods`);
}

function manifest(name: string, o: { replicas?: number; image?: string; policy?: string; retention?: string } = {}): string {
  const path = join(f.fx.dataDir, `${name}-${Date.now()}.yaml`);
  writeFileSync(path, `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${name}
  replicas: ${o.replicas ?? 3}
${o.policy ? `  podManagementPolicy: ${o.policy}\n` : ''}${o.retention ? `  persistentVolumeClaimRetentionPolicy:\n${o.retention}\n` : ''}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: c
        image: ${o.image ?? 'nginx:1'}
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`);
  return path;
}

before(async () => {
  f = await startControllerFixture((cs, inf) => [
    new StatefulSetController(cs, inf, { log: () => undefined }).controller,
    new GarbageCollector(cs, inf, { log: () => undefined }),
  ]);
  deletions = new Informer<StatefulPod>(f.fx.newClientset().resource<StatefulPod>(PODS).namespace('default'));
  deletions.addEventHandler({ onDelete: (d) => { deleted.push(((d as { obj?: StatefulPod }).obj ?? (d as StatefulPod)).metadata.name ?? ''); } });
  deletions.start();
});
after(async () => {
  await deletions.stop();
  await f.stop();
});

describe('StatefulSetController', () => {
  it('creates pods in ordinal order, each once its predecessor is Running and Ready, with identity and claims', async () => {
    assert.match(await f.k('apply', '-f', manifest('web')), /statefulset.apps\/web created/);
    await eventually(async () => (await names('web')).join() === 'web-0', WAIT, 'web-0');
    await eventually(async () => (await sets().get('web')).status?.replicas === 1, WAIT, 'status.replicas 1');
    assert.deepEqual(await names('web'), ['web-0'], 'web-1 waits for web-0');
    const set = await sets().get('web');
    const p0 = await pods().get('web-0');
    assert.deepEqual(p0.metadata.labels, { app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': set.status?.updateRevision });
    assert.match(set.status?.updateRevision ?? '', /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
    assert.equal(set.status?.currentRevision, set.status?.updateRevision);
    assert.equal(p0.spec?.hostname, 'web-0');
    assert.equal(p0.spec?.subdomain, 'web');
    assert.deepEqual(p0.spec?.volumes?.find((v) => v.name === 'data'), { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } });
    assert.deepEqual(p0.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const claim = await pvcs().get('data-web-0');
    assert.deepEqual(claim.metadata.labels, { app: 'web' });
    assert.equal(claim.metadata.ownerReferences, undefined, 'Retain/Retain: no owners');

    await setReady('web-0');
    await eventually(async () => (await names('web')).join() === 'web-0,web-1', WAIT, 'web-1 after web-0 is ready');
    await setReady('web-1');
    await eventually(async () => (await names('web')).length === 3, WAIT, 'web-2 after web-1 is ready');
    await setReady('web-2');
    assert.match(await f.k('rollout', 'status', 'sts/web', '--timeout=10s'), /partitioned roll out complete: 3 new pods have been updated\.\.\.\n$/);
    await eventually(async () => /^web\s+3\/3\s/m.test(await f.k('get', 'sts', 'web')), WAIT, 'kubectl get sts: 3/3');
    assert.deepEqual(await claimNames('web'), ['data-web-0', 'data-web-1', 'data-web-2']);
    const events = await f.k('get', 'events', '--field-selector=involvedObject.name=web', '-o', 'custom-columns=REASON:.reason,MESSAGE:.message', '--sort-by=.metadata.name');
    assert.match(events, /SuccessfulCreate\s+create Claim data-web-0 Pod web-0 in StatefulSet web success\nSuccessfulCreate\s+create Pod web-0 in StatefulSet web successful\n/);
    assert.match(events, /SuccessfulCreate\s+create Pod web-2 in StatefulSet web successful/);
  });

  it('scales down from the highest ordinal, one pod at a time, only while the rest are ready', async () => {
    await setReady('web-0', false);
    assert.match(await f.k('scale', 'sts', 'web', '--replicas=1'), /statefulset.apps\/web scaled/);
    await eventually(async () => (await sets().get('web')).status?.observedGeneration === 2, WAIT, 'generation 2 observed');
    assert.deepEqual(await names('web'), ['web-0', 'web-1', 'web-2'], 'nothing goes while web-0 is not ready');
    await setReady('web-0');
    await eventually(async () => (await names('web')).join() === 'web-0', WAIT, 'web-1 and web-2 gone');
    assert.deepEqual(deleted.filter((n) => n.startsWith('web-')), ['web-2', 'web-1']);
    assert.deepEqual(await claimNames('web'), ['data-web-0', 'data-web-1', 'data-web-2'], 'claims are retained');
    await eventually(async () => /delete Pod web-2 in StatefulSet web successful/.test(await f.k('get', 'events', '--field-selector=reason=SuccessfulDelete')), WAIT, 'the delete event');
    await f.k('scale', 'sts', 'web', '--replicas=3');
    await readyAll('web', 3);
  });

  it('rolls a new template out above the partition only, from the highest ordinal down', async () => {
    await f.k('patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}');
    await f.k('set', 'image', 'sts/web', 'c=nginx:2');
    await eventually(async () => imageOf(await pods().get('web-2').catch(() => ({ metadata: {} }))) === 'nginx:2', WAIT, 'web-2 at nginx:2');
    await readyAll('web', 3);
    await eventually(async () => { const s = (await sets().get('web')).status; return s?.updatedReplicas === 1 && s.readyReplicas === 3; }, WAIT, 'updatedReplicas 1, readyReplicas 3');
    const st = (await sets().get('web')).status;
    assert.notEqual(st?.currentRevision, st?.updateRevision);
    assert.equal(st?.currentReplicas, 2);
    assert.equal((await pods().get('web-2')).metadata.labels?.['controller-revision-hash'], st?.updateRevision);
    assert.deepEqual([imageOf(await pods().get('web-0')), imageOf(await pods().get('web-1'))], ['nginx:1', 'nginx:1']);
    assert.equal(await f.k('rollout', 'status', 'sts/web', '--watch=false'), 'partitioned roll out complete: 1 new pods have been updated...\n');

    deleted.length = 0;
    await f.k('patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}');
    await eventually(async () => imageOf(await pods().get('web-1').catch(() => ({ metadata: {} }))) === 'nginx:2', WAIT, 'web-1 at nginx:2');
    assert.equal(imageOf(await pods().get('web-0')), 'nginx:1', 'web-0 waits for web-1 to be ready');
    await readyAll('web', 3);
    await eventually(async () => imageOf(await pods().get('web-0').catch(() => ({ metadata: {} }))) === 'nginx:2', WAIT, 'web-0 at nginx:2');
    await readyAll('web', 3);
    assert.deepEqual(deleted, ['web-1', 'web-0']);
    await eventually(async () => { const s = (await sets().get('web')).status; return s?.currentRevision === s?.updateRevision && s?.currentReplicas === 3; }, WAIT, 'the update to complete');
    assert.match(await f.k('rollout', 'status', 'sts/web', '--timeout=10s'), /partitioned roll out complete: 3 new pods have been updated\.\.\.\n$/);
  });

  it('kubectl rollout history and undo work through the revisions', async () => {
    assert.match(await f.k('rollout', 'history', 'sts/web'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    assert.match(await f.k('get', 'controllerrevisions', '-l', 'app=web'), /web-[a-z0-9]+\s+statefulset.apps\/web\s+2\s/);
    assert.equal(await f.k('rollout', 'undo', 'sts/web'), 'statefulset.apps/web rolled back\n');
    for (const n of ['web-2', 'web-1', 'web-0']) {
      await eventually(async () => imageOf(await pods().get(n).catch(() => ({ metadata: {} }))) === 'nginx:1', WAIT, `${n} back at nginx:1`);
      await readyAll('web', 3);
    }
    assert.match(await f.k('rollout', 'history', 'sts/web'), /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/);
    assert.equal(await f.k('rollout', 'undo', 'sts/web', '--to-revision=3'), 'statefulset.apps/web skipped rollback (current template already matches revision 3)\n');
  });

  it('creates every pod at once with podManagementPolicy Parallel', async () => {
    await f.k('apply', '-f', manifest('par', { policy: 'Parallel' }));
    await eventually(async () => (await names('par')).join() === 'par-0,par-1,par-2', WAIT, 'three par pods before any is ready');
    await f.k('scale', 'sts', 'par', '--replicas=0');
    await eventually(async () => (await names('par')).length === 0, WAIT, 'all par pods gone at once');
  });

  it('deletes claims as the retention policy says, through owner references', async () => {
    const retention = '    whenScaled: Delete\n    whenDeleted: Delete';
    await f.k('apply', '-f', manifest('db', { replicas: 2, retention }));
    await readyAll('db', 2);
    const set = await sets().get('db');
    await eventually(async () => (await pvcs().get('data-db-1')).metadata.ownerReferences?.[0]?.uid === set.metadata.uid, WAIT, 'the set to own data-db-1');
    await f.k('scale', 'sts', 'db', '--replicas=1');
    await eventually(async () => (await claimNames('db')).join() === 'data-db-0', WAIT, 'data-db-1 deleted with its pod');
    assert.deepEqual((await pvcs().get('data-db-0')).metadata.ownerReferences?.map((r) => r.kind), ['StatefulSet']);
    assert.match(await f.k('delete', 'sts', 'db'), /statefulset.apps "db" deleted/);
    await eventually(async () => (await claimNames('db')).length === 0 && (await names('db')).length === 0, WAIT, 'pods and claims deleted with the set');
  });
});
