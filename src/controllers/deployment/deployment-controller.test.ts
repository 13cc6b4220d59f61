/** The Deployment controller with the ReplicaSet controller and GC, driven by kubectl (pods made ready by the test). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../testing/index.js';
import type { ResourceClient } from '../../client/index.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import { PODS, REPLICASETS, ReplicaSetController, type Pod, type ReplicaSet } from '../replicaset/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { computeHash, DEPLOYMENTS, DeploymentController, safeEncode, type Deployment } from './index.js';

let f: ControllerFixture;
let kubelet: NodeJS.Timeout | undefined;
before(async () => {
  f = await startControllerFixture((cs, inf) => [
    new DeploymentController(cs, inf, { log: () => undefined }).controller,
    new ReplicaSetController(cs, inf, { log: () => undefined }).controller,
    new GarbageCollector(cs, inf, { log: () => undefined }),
  ]);
  // Stands in for kubelets: every pending pod becomes Running and Ready.
  let busy = false;
  kubelet = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      for (const p of (await pods().list()).items) {
        if (p.metadata.deletionTimestamp || p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
        await pods().namespace(p.metadata.namespace ?? '').patch(p.metadata.name ?? '', 'merge', {
          status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z') }] },
        }, { subresource: 'status' }).catch(() => undefined);
      }
    })().catch(() => undefined).finally(() => { busy = false; });
  }, 100);
});
after(async () => { clearInterval(kubelet); await f.stop(); });

const pods = (): ResourceClient<Pod> => f.clientset.resource<Pod>(PODS);
const rss = (): ResourceClient<ReplicaSet> => f.clientset.resource<ReplicaSet>(REPLICASETS).namespace('default');
const deps = (): ResourceClient<Deployment> => f.clientset.resource<Deployment>(DEPLOYMENTS).namespace('default');
const setsOf = async (name: string): Promise<ReplicaSet[]> =>
  (await rss().list()).items.filter((rs) => rs.metadata.ownerReferences?.some((r) => r.name === name && r.kind === 'Deployment'));

describe('pod-template-hash', () => {
  it('uses only the safe alphabet and changes with the template and the collision count', () => {
    assert.equal(safeEncode('0123456789'), '456789bcdf');
    const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
    assert.match(computeHash(t), /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    assert.equal(computeHash(t), computeHash(structuredClone(t)));
    assert.notEqual(computeHash(t), computeHash(t, 1));
    assert.notEqual(computeHash(t), computeHash({ ...t, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } }));
  });
});

describe('DeploymentController', () => {
  it('rolls out, then rolls a new image with kubectl set image; rollout status and get deploy read right', async () => {
    assert.match(await f.k('create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3'), /deployment.apps\/web created/);
    assert.match(await f.k('rollout', 'status', 'deployment/web', '--timeout=30s'), /deployment "web" successfully rolled out/);
    const [rs1] = await setsOf('web');
    const hash = rs1.metadata.labels?.['pod-template-hash'] ?? '';
    assert.equal(rs1.metadata.name, `web-${hash}`);
    assert.equal(rs1.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    assert.deepEqual(rs1.spec?.selector?.matchLabels, { app: 'web', 'pod-template-hash': hash });
    await eventually(async () => /web\s+3\/3\s+3\s+3\s/.test(await f.k('get', 'deploy', 'web')), 10_000, 'kubectl get deploy 3/3 3 3');
    let d = await deps().get('web');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '1');
    const cond = (t: string) => d.status?.conditions?.find((c) => c.type === t);
    assert.equal(cond('Available')?.reason, 'MinimumReplicasAvailable');
    assert.equal(cond('Progressing')?.reason, 'NewReplicaSetAvailable');
    assert.equal(cond('Progressing')?.message, `ReplicaSet "web-${hash}" has successfully progressed.`);

    assert.match(await f.k('set', 'image', 'deployment/web', 'nginx=nginx:1.26'), /deployment.apps\/web image updated/);
    assert.match(await f.k('rollout', 'status', 'deployment/web', '--timeout=30s'), /successfully rolled out/);
    await eventually(async () => (await setsOf('web')).length === 2 && (await deps().get('web')).status?.updatedReplicas === 3
      && ((await deps().get('web')).status?.replicas === 3), 10_000, 'two ReplicaSets, all updated');
    const sets = await setsOf('web');
    const rs2 = sets.find((s) => s.metadata.uid !== rs1.metadata.uid);
    assert.equal(rs2?.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    assert.equal(rs2?.spec?.replicas, 3);
    assert.equal(sets.find((s) => s.metadata.uid === rs1.metadata.uid)?.spec?.replicas, 0);
    d = await deps().get('web');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    const history = await f.k('rollout', 'history', 'deployment/web');
    assert.match(history, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const events = await f.k('get', 'events', '--field-selector=reason=ScalingReplicaSet,involvedObject.name=web');
    assert.match(events, /Scaled up replica set web-\S+ from 0 to/);
    assert.match(events, /Scaled down replica set web-\S+ from 3 to/);
  });

  it('kubectl rollout undo --to-revision=1 brings the first ReplicaSet back as revision 3', async () => {
    const before = await setsOf('web');
    const first = before.find((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1');
    assert.ok(first);
    assert.match(await f.k('rollout', 'undo', 'deployment/web', '--to-revision=1'), /deployment.apps\/web rolled back/);
    assert.match(await f.k('rollout', 'status', 'deployment/web', '--timeout=30s'), /successfully rolled out/);
    await eventually(async () => (await rss().get(first.metadata.name ?? '')).metadata.annotations?.['deployment.kubernetes.io/revision'] === '3'
      && (await rss().get(first.metadata.name ?? '')).spec?.replicas === 3, 10_000, 'the first ReplicaSet to be revision 3 with 3 replicas');
    assert.equal((await setsOf('web')).length, 2, 'no third ReplicaSet');
    assert.match(await f.k('rollout', 'history', 'deployment/web'), /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
  });

  it('a paused Deployment does not roll until resumed', async () => {
    assert.match(await f.k('rollout', 'pause', 'deployment/web'), /deployment.apps\/web paused/);
    await f.k('set', 'image', 'deployment/web', 'nginx=nginx:1.27');
    const gen = (await deps().get('web')).metadata.generation ?? 0;
    await eventually(async () => {
      const d = await deps().get('web');
      return (d.status?.observedGeneration ?? 0) >= gen && d.status?.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'DeploymentPaused') === true;
    }, 10_000, 'the pause to be observed');
    assert.equal((await setsOf('web')).length, 2, 'no new ReplicaSet while paused');
    assert.match(await f.k('rollout', 'resume', 'deployment/web'), /deployment.apps\/web resumed/);
    assert.match(await f.k('rollout', 'status', 'deployment/web', '--timeout=30s'), /successfully rolled out/);
    await eventually(async () => (await setsOf('web')).length === 3, 10_000, 'the new ReplicaSet after resume');
  });

  it('Recreate scales the old ReplicaSet to zero before the new one', async () => {
    await f.k('create', 'deployment', 'batch', '--image=busybox:1', '--replicas=2');
    await f.k('patch', 'deployment', 'batch', '--type=merge', '-p', '{"spec":{"strategy":{"type":"Recreate","rollingUpdate":null}}}');
    assert.match(await f.k('rollout', 'status', 'deployment/batch', '--timeout=30s'), /successfully rolled out/);
    await f.k('set', 'image', 'deployment/batch', 'busybox=busybox:2');
    assert.match(await f.k('rollout', 'status', 'deployment/batch', '--timeout=30s'), /successfully rolled out/);
    const events = (await f.k('get', 'events', '--sort-by=.metadata.creationTimestamp', '--field-selector=reason=ScalingReplicaSet,involvedObject.name=batch', '-o', 'custom-columns=M:.message', '--no-headers')).trim().split('\n');
    const down = events.findIndex((m) => /Scaled down replica set batch-\S+ from 2 to 0/.test(m));
    const up = events.findIndex((m, i) => i > 0 && /Scaled up replica set batch-\S+ from 0 to 2/.test(m));
    assert.ok(down >= 0 && up > down, events.join('\n'));
  });

  it('kubectl delete deploy --cascade=foreground removes its ReplicaSets and pods first', async () => {
    assert.match(await f.k('delete', 'deploy', 'web', '--cascade=foreground', '--timeout=30s'), /deployment.apps "web" deleted/);
    assert.equal((await setsOf('web')).length, 0);
    assert.equal((await pods().namespace('default').list({ labelSelector: 'app=web' })).items.length, 0);
  });
});
