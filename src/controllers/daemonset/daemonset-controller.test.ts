/**
 * The DaemonSet controller with the real scheduler and the garbage collector on an in-process API
 * server, driven by kubectl. No kubelet runs: a stand-in marks bound pods Running and Ready (when
 * asked to) and finishes graceful deletions.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isNotFound, type ResourceClient } from '../../client/index.js';
import { startScheduler, type RunningScheduler } from '../../scheduler/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import { GarbageCollector } from '../garbagecollector/index.js';
import { PODS } from '../replicaset/index.js';
import { DAEMONSETS, DaemonSetController, type DaemonSet } from './index.js';
import { NODES, type DaemonPod, type Node } from './types.js';

let f: ControllerFixture;
let scheduler: RunningScheduler;
let kubelet: StandInKubelet;
const WAIT = 15_000;

/** Marks bound pods Running/Ready while autoReady is on; completes graceful deletions at once. */
class StandInKubelet {
  autoReady = true;
  private timer?: NodeJS.Timeout;
  private busy = false;
  constructor(private readonly pods: () => ResourceClient<DaemonPod>) {}
  start(): void { this.timer = setInterval(() => { void this.tick(); }, 50); }
  stop(): void { clearInterval(this.timer); }
  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const p of (await this.pods().list()).items) {
        const name = p.metadata.name ?? '';
        if (p.metadata.deletionTimestamp) await this.pods().delete(name, { gracePeriodSeconds: 0 }).catch((e: unknown) => { if (!isNotFound(e)) throw e; });
        else if (this.autoReady && p.spec?.nodeName && p.status?.phase !== 'Running') await makeReady(p);
      }
    } catch { /* the next tick tries again */ } finally { this.busy = false; }
  }
}

const pods = (): ResourceClient<DaemonPod> => f.clientset.resource<DaemonPod>(PODS).namespace('default');
const sets = (): ResourceClient<DaemonSet> => f.clientset.resource<DaemonSet>(DAEMONSETS).namespace('default');
const nodes = (): ResourceClient<Node> => f.clientset.resource<Node>(NODES);
const live = async (app: string): Promise<DaemonPod[]> => (await pods().list({ labelSelector: `app=${app}` })).items.filter((p) => !p.metadata.deletionTimestamp);
const imageOf = (p: DaemonPod): string => String((p.spec?.containers as Array<{ image?: string }> | undefined)?.[0]?.image);
const nodeOf = (p: DaemonPod): string => p.spec?.nodeName ?? '';

async function makeReady(p: DaemonPod): Promise<void> {
  await pods().patch(p.metadata.name ?? '', 'merge', {
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date(Date.now() - 1000).toISOString().replace(/\.\d+Z$/, 'Z') }] },
  }, { subresource: 'status' });
}

async function addNode(name: string, labels: Record<string, string>, taints?: Array<{ key: string; value?: string; effect: string }>): Promise<void> {
  const n = await nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: { taints } });
  await nodes().updateStatus({ ...n, status: {
    allocatable: { cpu: '4', memory: '8Gi', pods: '110' }, capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'ready' }],
  } } as Node);
}

function manifest(name: string, extra: { image?: string; nodeSelector?: string; strategy?: string } = {}): string {
  const path = join(f.fx.dataDir, `${name}-${Date.now()}.yaml`);
  writeFileSync(path, `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
${extra.strategy ?? ''}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${extra.nodeSelector ? `      nodeSelector:\n        ${extra.nodeSelector}\n` : ''}      containers:
      - name: c
        image: ${extra.image ?? 'busybox:1'}
`);
  return path;
}

before(async () => {
  f = await startControllerFixture((cs, inf) => [
    new DaemonSetController(cs, inf, { log: () => undefined }).controller,
    new GarbageCollector(cs, inf, { log: () => undefined }),
  ]);
  scheduler = startScheduler(f.fx.newClientset(), { log: () => undefined });
  kubelet = new StandInKubelet(pods);
  kubelet.start();
  await addNode('n1', { disk: 'ssd' });
  await addNode('n2', { disk: 'hdd' });
  await addNode('n3', {}, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
});
after(async () => {
  kubelet.stop();
  await scheduler.stop();
  await f.stop();
});

describe('DaemonSetController', () => {
  it('runs one pod on each node but the tainted one, pinned by node affinity and bound by the scheduler', async () => {
    assert.match(await f.k('apply', '-f', manifest('agent')), /daemonset.apps\/agent created/);
    await eventually(async () => (await live('agent')).filter((p) => p.spec?.nodeName).length === 2, WAIT, 'two bound agent pods');
    const running = await live('agent');
    assert.deepEqual(running.map(nodeOf).sort(), ['n1', 'n2']);
    const ds = await sets().get('agent');
    for (const p of running) {
      assert.match(p.metadata.name ?? '', /^agent-[a-z0-9]{5}$/);
      assert.deepEqual(p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeOf(p)] }] }] });
      assert.equal(p.metadata.labels?.['pod-template-generation'], '1');
      assert.match(p.metadata.labels?.['controller-revision-hash'] ?? '', /^[bcdfghjklmnpqrstvwxz2456789]+$/);
      assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      assert.deepEqual(p.spec?.tolerations?.map((t) => `${t.key}:${t.operator}:${t.effect}`), [
        'node.kubernetes.io/not-ready:Exists:NoExecute', 'node.kubernetes.io/unreachable:Exists:NoExecute', 'node.kubernetes.io/disk-pressure:Exists:NoSchedule',
        'node.kubernetes.io/memory-pressure:Exists:NoSchedule', 'node.kubernetes.io/pid-pressure:Exists:NoSchedule', 'node.kubernetes.io/unschedulable:Exists:NoSchedule',
      ]);
    }
    await eventually(async () => /agent\s+2\s+2\s+2\s+2\s+2\s+<none>\s/.test(await f.k('get', 'ds', 'agent')), WAIT, 'kubectl get ds: 2 2 2 2 2');
    assert.match(await f.k('get', 'ds', 'agent'), /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\n/);
    assert.match(await f.k('rollout', 'status', 'ds/agent', '--timeout=10s'), /daemon set "agent" successfully rolled out\n$/);
    const st = (await sets().get('agent')).status;
    assert.equal(st?.observedGeneration, 1);
    assert.equal(st?.numberMisscheduled, 0);
    assert.equal(st?.numberUnavailable ?? 0, 0);
    await eventually(async () => ((await f.k('get', 'events', '--field-selector=reason=SuccessfulCreate,involvedObject.name=agent')).match(/Created pod: agent-/g) ?? []).length === 2, WAIT, 'two SuccessfulCreate events');
    assert.match(await f.k('get', 'controllerrevisions'), /agent-[a-z0-9]+\s+daemonset.apps\/agent\s+1\s/);

    // The taint goes: the node gets its pod. A NoExecute taint it does not tolerate: the pod goes.
    await nodes().patch('n3', 'merge', { spec: { taints: null } });
    await eventually(async () => (await live('agent')).some((p) => nodeOf(p) === 'n3'), WAIT, 'a pod on n3');
    await nodes().patch('n3', 'merge', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } });
    await eventually(async () => !(await live('agent')).some((p) => nodeOf(p) === 'n3'), WAIT, 'the pod on n3 to go');
    await eventually(async () => /Deleted pod: agent-/.test(await f.k('get', 'events', '--field-selector=reason=SuccessfulDelete')), WAIT, 'a SuccessfulDelete event');
    await nodes().patch('n3', 'merge', { spec: { taints: null } });
    await eventually(async () => (await live('agent')).filter((p) => p.status?.phase === 'Running').length === 3, WAIT, 'three running agent pods');
  });

  it('places pods by nodeSelector, following node labels', async () => {
    await f.k('apply', '-f', manifest('ssd', { nodeSelector: 'disk: ssd' }));
    await eventually(async () => (await live('ssd')).map(nodeOf).join() === 'n1', WAIT, 'one ssd pod on n1');
    await f.k('label', 'node', 'n2', 'disk=ssd', '--overwrite');
    await eventually(async () => (await live('ssd')).map(nodeOf).sort().join() === 'n1,n2', WAIT, 'ssd pods on n1 and n2');
    await eventually(async () => /ssd\s+2\s+2\s+2\s+2\s+2\s+disk=ssd\s/.test(await f.k('get', 'ds', 'ssd')), WAIT, 'kubectl get ds ssd');
    await f.k('label', 'node', 'n2', 'disk=hdd', '--overwrite');
    await eventually(async () => (await live('ssd')).map(nodeOf).join() === 'n1', WAIT, 'the n2 pod to go');
    assert.match(await f.k('delete', 'ds', 'ssd'), /daemonset.apps "ssd" deleted/);
    await eventually(async () => (await live('ssd')).length === 0, WAIT, 'the garbage collector to remove the pods');
  });

  it('rolls out a new template one node at a time with maxUnavailable 1', async () => {
    kubelet.autoReady = false;
    const before = (await live('agent')).map((p) => p.metadata.name).sort();
    assert.match(await f.k('set', 'image', 'ds/agent', 'c=busybox:2'), /daemonset.apps\/agent image updated/);
    for (let step = 1; step <= 3; step++) {
      await eventually(async () => (await live('agent')).filter((p) => imageOf(p) === 'busybox:2' && p.spec?.nodeName).length === step, WAIT, `new pod ${step}`);
      // The new pod is not ready, so no other old pod may go.
      const now = await live('agent');
      assert.equal(now.filter((p) => imageOf(p) === 'busybox:1').length, 3 - step, `old pods at step ${step}`);
      await eventually(async () => (await sets().get('agent')).status?.updatedNumberScheduled === step, WAIT, `updatedNumberScheduled ${step}`);
      if (step === 1) {
        assert.equal(await f.k('rollout', 'status', 'ds/agent', '--watch=false'), 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...\n');
      }
      const fresh = now.find((p) => imageOf(p) === 'busybox:2' && p.status?.phase !== 'Running');
      assert.ok(fresh);
      await makeReady(fresh);
    }
    kubelet.autoReady = true;
    assert.match(await f.k('rollout', 'status', 'ds/agent', '--timeout=15s'), /daemon set "agent" successfully rolled out\n$/);
    const after = await live('agent');
    assert.equal(after.every((p) => !before.includes(p.metadata.name)), true);
    assert.equal(new Set(after.map((p) => p.metadata.labels?.['controller-revision-hash'])).size, 1);
    assert.equal(after[0].metadata.labels?.['pod-template-generation'], '2');
  });

  it('with maxSurge starts the new pod beside the old one and removes the old one once the new is ready', async () => {
    await f.k('apply', '-f', manifest('surge', { strategy: '  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0' }));
    await eventually(async () => (await live('surge')).filter((p) => p.status?.phase === 'Running').length === 3, WAIT, 'three surge pods');
    kubelet.autoReady = false;
    try {
      await f.k('set', 'image', 'ds/surge', 'c=busybox:2');
      await eventually(async () => (await live('surge')).some((p) => imageOf(p) === 'busybox:2' && p.spec?.nodeName), WAIT, 'a surge pod');
      let all = await live('surge');
      const fresh = all.filter((p) => imageOf(p) === 'busybox:2');
      assert.equal(fresh.length, 1);
      assert.equal(all.filter((p) => imageOf(p) === 'busybox:1').length, 3, 'every old pod still runs beside the surge pod');
      const node = nodeOf(fresh[0]);
      await makeReady(fresh[0]);
      await eventually(async () => !(await live('surge')).some((p) => nodeOf(p) === node && imageOf(p) === 'busybox:1'), WAIT, `the old pod on ${node} to go`);
      await eventually(async () => (await live('surge')).filter((p) => imageOf(p) === 'busybox:2').length === 2, WAIT, 'the next surge pod');
      all = await live('surge');
      assert.equal(all.filter((p) => imageOf(p) === 'busybox:1').length, 2);
    } finally {
      kubelet.autoReady = true;
    }
    assert.match(await f.k('rollout', 'status', 'ds/surge', '--timeout=15s'), /daemon set "surge" successfully rolled out\n$/);
    assert.deepEqual((await live('surge')).map(imageOf), ['busybox:2', 'busybox:2', 'busybox:2']);
  });

  it('with OnDelete replaces only the pods that are deleted', async () => {
    await f.k('apply', '-f', manifest('od', { strategy: '  updateStrategy:\n    type: OnDelete' }));
    await eventually(async () => (await live('od')).filter((p) => p.status?.phase === 'Running').length === 3, WAIT, 'three od pods');
    await f.k('set', 'image', 'ds/od', 'c=busybox:2');
    await eventually(async () => (await sets().get('od')).status?.observedGeneration === 2, WAIT, 'generation 2 observed');
    assert.equal((await sets().get('od')).status?.updatedNumberScheduled ?? 0, 0);
    assert.equal((await live('od')).every((p) => imageOf(p) === 'busybox:1'), true);
    await assert.rejects(f.k('rollout', 'status', 'ds/od'), /rollout status is only available for RollingUpdate strategy type/);
    const victim = (await live('od')).find((p) => nodeOf(p) === 'n2');
    await f.k('delete', 'pod', victim?.metadata.name ?? '', '--wait=false');
    await eventually(async () => (await live('od')).some((p) => nodeOf(p) === 'n2' && imageOf(p) === 'busybox:2'), WAIT, 'a new pod on n2');
    const all = await live('od');
    assert.deepEqual(all.filter((p) => imageOf(p) === 'busybox:1').map(nodeOf).sort(), ['n1', 'n3']);
    await eventually(async () => (await sets().get('od')).status?.updatedNumberScheduled === 1, WAIT, 'updatedNumberScheduled 1');
  });

  it('kubectl rollout undo restores the previous template through the revisions', async () => {
    assert.match(await f.k('rollout', 'history', 'ds/agent'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    assert.equal(await f.k('rollout', 'undo', 'ds/agent'), 'daemonset.apps/agent rolled back\n');
    await eventually(async () => (await live('agent')).filter((p) => imageOf(p) === 'busybox:1' && p.status?.phase === 'Running').length === 3, WAIT, 'three busybox:1 pods');
    assert.match(await f.k('rollout', 'status', 'ds/agent', '--timeout=15s'), /daemon set "agent" successfully rolled out\n$/);
    assert.match(await f.k('rollout', 'history', 'ds/agent'), /REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/);
    assert.equal(await f.k('rollout', 'undo', 'ds/agent', '--to-revision=3'), 'daemonset.apps/agent skipped rollback (current template already matches revision 3)\n');
    assert.match(await f.k('rollout', 'history', 'ds/agent', '--revision=2'), /Image:\s+busybox:2/);
  });
});
