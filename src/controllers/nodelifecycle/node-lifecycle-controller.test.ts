/**
 * The node lifecycle and taint eviction controllers on an in-process API server, with a fake clock:
 * nodes whose Lease the test stops renewing go Unknown, get tainted, lose their pods; kubectl
 * cordon is mirrored as a taint.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EVENTS, LEASES, type ResourceClient } from '../../client/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import type { CoreEvent } from '../runtime/index.js';
import { NodeLifecycleController, TaintEvictionController } from './index.js';
import { NODES, PODS, type Lease, type Node, type Pod } from './types.js';

let f: ControllerFixture;
let nlc: NodeLifecycleController;
let tec: TaintEvictionController;
let clock = Date.parse('2026-03-01T00:00:00Z');
const now = (): number => clock;
const stamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const micro = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, '000Z');

const nodes = (): ResourceClient<Node> => f.clientset.resource<Node>(NODES);
const leases = (): ResourceClient<Lease> => f.clientset.resource<Lease>(LEASES).namespace('kube-node-lease');
const pods = (): ResourceClient<Pod> => f.clientset.resource<Pod>(PODS).namespace('default');

function readyConditions(at: number): NonNullable<Node['status']>['conditions'] {
  const c = (type: string, status: string, reason: string) => ({ type, status, reason, message: reason, lastHeartbeatTime: stamp(at), lastTransitionTime: stamp(at) });
  return [c('MemoryPressure', 'False', 'KubeletHasSufficientMemory'), c('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID'), c('Ready', 'True', 'KubeletReady')];
}

async function addNode(name: string, zone: string): Promise<void> {
  await nodes().create({
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': zone } },
    status: { conditions: readyConditions(clock) },
  });
  await leases().create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name }, spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro(clock) } });
}

/** Renews the node's Lease at the fake clock's time and waits until the controllers' cache has it. */
async function renew(name: string): Promise<void> {
  const l = await leases().get(name);
  const renewTime = micro(clock);
  await leases().update({ ...l, spec: { ...l.spec, renewTime } });
  const inf = f.informers.forResource<Lease>(LEASES, { namespace: 'kube-node-lease' });
  await eventually(() => inf.store.get(`kube-node-lease/${name}`)?.spec?.renewTime === renewTime, 10_000, `lease ${name} in the cache`);
}

async function addPod(name: string, node: string, tolerations?: unknown[]): Promise<void> {
  await pods().create({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }], ...(tolerations ? { tolerations } : {}) } } as Pod);
  await pods().patch(name, 'merge', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: stamp(clock) }] } }, { subresource: 'status' });
}

async function events(reason: string): Promise<string[]> {
  const list = await f.clientset.resource<CoreEvent>(EVENTS).list();
  return list.items.filter((e) => e.reason === reason).map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`);
}

const taintsOf = async (name: string): Promise<string[]> => ((await nodes().get(name)).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();

before(async () => {
  f = await startControllerFixture((cs, inf) => {
    nlc = new NodeLifecycleController(cs, inf, { now, monitorPeriodMs: 600_000, taintPassPeriodMs: 20, log: () => undefined });
    tec = new TaintEvictionController(cs, inf, { now, checkPeriodMs: 20, log: () => undefined });
    return [nlc, tec];
  });
});
after(async () => { await f.stop(); });

describe('NodeLifecycleController', () => {
  it('registers nodes and mirrors kubectl cordon as the unschedulable taint', async () => {
    await addNode('n1', 'a');
    await addNode('n2', 'b');
    await eventually(() => f.informers.forResource<Node>(NODES).store.size === 2, 10_000, 'two nodes in the cache');
    await nlc.monitorNodeHealth();
    await eventually(async () => (await events('RegisteredNode')).includes('Node/n1: Node n1 event: Registered Node n1 in Controller'), 10_000, 'RegisteredNode');
    await f.k('cordon', 'n1');
    await eventually(async () => (await taintsOf('n1')).join() === 'node.kubernetes.io/unschedulable:NoSchedule', 10_000, 'the unschedulable taint');
    assert.match((await nodes().get('n1')).spec?.taints?.[0]?.timeAdded ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await f.k('uncordon', 'n1');
    await eventually(async () => (await taintsOf('n1')).length === 0, 10_000, 'the taint to go');
    assert.equal((await nodes().get('n1')).metadata.labels?.['beta.kubernetes.io/os'], 'linux', 'the beta os label is mirrored');
  });

  it('marks a node whose Lease is not renewed Unknown, taints it and evicts its pods after their tolerationSeconds', async () => {
    await addPod('web', 'n1');
    await addPod('forever', 'n1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]);
    await addPod('quick', 'n1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 5 }]);
    await addPod('other', 'n2');
    assert.deepEqual((await pods().get('web')).spec?.tolerations?.map((t) => `${t.key}:${t.tolerationSeconds}`).sort(),
      ['node.kubernetes.io/not-ready:300', 'node.kubernetes.io/unreachable:300'], 'DefaultTolerationSeconds');

    clock += 20_000;
    await renew('n2');
    await nlc.monitorNodeHealth();
    clock += 21_000;
    await nlc.monitorNodeHealth();

    const n1 = await nodes().get('n1');
    const ready = n1.status?.conditions?.find((c) => c.type === 'Ready');
    assert.equal(ready?.status, 'Unknown');
    assert.equal(ready?.reason, 'NodeStatusUnknown');
    assert.equal(ready?.message, 'Kubelet stopped posting node status.');
    assert.equal(n1.status?.conditions?.find((c) => c.type === 'DiskPressure')?.status, 'Unknown');
    assert.equal((await nodes().get('n2')).status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
    assert.match(await f.k('get', 'node', 'n1'), /n1\s+NotReady/);
    const wantNotReady = ['Node/n1: Node n1 status is now: NodeNotReady', ...['forever', 'quick', 'web'].map((p) => `Pod/${p}: Node is not ready`)].sort();
    await eventually(async () => JSON.stringify((await events('NodeNotReady')).sort()) === JSON.stringify(wantNotReady), 10_000, 'NodeNotReady events');
    for (const p of ['web', 'forever', 'quick']) assert.equal((await pods().get(p)).status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
    assert.equal((await pods().get('other')).status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');

    // As in Kubernetes, the NoExecute taint is queued by the pass that sees the node already Unknown.
    clock += 5_000;
    await nlc.monitorNodeHealth();
    await eventually(async () => (await taintsOf('n1')).join() === 'node.kubernetes.io/unreachable:NoExecute,node.kubernetes.io/unreachable:NoSchedule', 10_000, 'unreachable taints');
    assert.deepEqual(await taintsOf('n2'), []);

    // "quick" tolerates the taint for 5 s; "web" (default tolerations) for 300 s; "forever" forever.
    await eventually(() => tec.scheduledDeletion('default/web') !== undefined && tec.scheduledDeletion('default/quick') !== undefined, 10_000, 'scheduled deletions');
    assert.equal(tec.scheduledDeletion('default/forever'), undefined);
    clock += 6_000;
    await eventually(async () => !!(await pods().get('quick')).metadata.deletionTimestamp, 10_000, 'quick to be deleted');
    const quick = await pods().get('quick');
    assert.deepEqual(quick.status?.conditions?.find((c) => c.type === 'DisruptionTarget') && {
      ...quick.status?.conditions?.find((c) => c.type === 'DisruptionTarget'), lastTransitionTime: undefined, lastProbeTime: undefined,
    }, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: undefined, lastProbeTime: undefined });
    assert.deepEqual(await events('TaintManagerEviction'), ['Pod/quick: Marking for deletion Pod default/quick']);
    assert.equal((await pods().get('web')).metadata.deletionTimestamp, undefined);

    // The node comes back before web's 300 s are up: the taints go and web's deletion is cancelled.
    clock += 10_000;
    const back = await nodes().get('n1');
    await nodes().updateStatus({ ...back, status: { ...back.status, conditions: readyConditions(clock) } });
    await renew('n1');
    await renew('n2');
    await eventually(() => f.informers.forResource<Node>(NODES).store.get('n1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True', 10_000, 'n1 Ready in the cache');
    await nlc.monitorNodeHealth();
    await eventually(async () => (await taintsOf('n1')).length === 0, 10_000, 'taints removed');
    await eventually(async () => (await events('TaintManagerEviction')).includes('Pod/web: Cancelling deletion of Pod default/web'), 10_000, 'the cancellation');
    assert.equal(tec.scheduledDeletion('default/web'), undefined);
    clock += 400_000;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await pods().get('web')).metadata.deletionTimestamp, undefined);
  });

  it('stops tainting when every node is silent (master disruption mode)', async () => {
    clock += 41_000;
    await nlc.monitorNodeHealth();
    for (const n of ['n1', 'n2']) assert.equal((await nodes().get(n)).status?.conditions?.find((c) => c.type === 'Ready')?.status, 'Unknown');
    await eventually(async () => (await taintsOf('n1')).join() === 'node.kubernetes.io/unreachable:NoSchedule', 10_000, 'NoSchedule taint on n1');
    await eventually(async () => (await taintsOf('n2')).join() === 'node.kubernetes.io/unreachable:NoSchedule', 10_000, 'NoSchedule taint on n2');
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await taintsOf('n1'), ['node.kubernetes.io/unreachable:NoSchedule'], 'no NoExecute taint while every zone is disrupted');
    assert.equal((await pods().get('other')).status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
  });

  it('leaves master disruption mode when a node is back, and taints a node that reports Ready=False not-ready', async () => {
    clock += 1_000;
    for (const [name, ready] of [['n1', 'True'], ['n2', 'False']] as const) {
      const n = await nodes().get(name);
      const conditions = readyConditions(clock)?.map((c) => (c.type === 'Ready' ? { ...c, status: ready, reason: ready === 'True' ? 'KubeletReady' : 'KubeletNotReady' } : c));
      await nodes().updateStatus({ ...n, status: { ...n.status, conditions } });
      await renew(name);
      await eventually(() => f.informers.forResource<Node>(NODES).store.get(name)?.status?.conditions?.find((c) => c.type === 'Ready')?.status === ready, 10_000, `${name} in the cache`);
    }
    await nlc.monitorNodeHealth();
    await eventually(async () => (await taintsOf('n1')).length === 0, 10_000, 'n1 untainted');
    await eventually(async () => (await taintsOf('n2')).join() === 'node.kubernetes.io/not-ready:NoSchedule', 10_000, 'the not-ready NoSchedule taint');
    // The zone's limiter restarts empty (as Kubernetes swaps in a drained one): the NoExecute taint comes 1/QPS later.
    clock += 10_000;
    await eventually(async () => (await taintsOf('n2')).join() === 'node.kubernetes.io/not-ready:NoExecute,node.kubernetes.io/not-ready:NoSchedule', 10_000, 'the not-ready NoExecute taint');
  });

  it('deletes a pod bound to an already tainted node at once when its toleration has run out', async () => {
    await addPod('late', 'n2', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 }]);
    await eventually(async () => !!(await pods().get('late')).metadata.deletionTimestamp, 10_000, 'late to be deleted');
    await eventually(async () => (await events('TaintManagerEviction')).includes('Pod/late: Marking for deletion Pod default/late'), 10_000, 'the event');
  });
});
