/**
 * The scheduler of `navarch up --simulate-nodes 3`, driven and checked with the real kubectl (the
 * scheduling scenarios of the notes, 004:3108–3506): where pods land (nodeName, nodeSelector, node
 * affinity, pod (anti-)affinity, taints and tolerations added with `kubectl patch`, cordon), what
 * kubectl shows when a pod fits nowhere, the event-driven retry once a node is uncordoned or
 * untainted, schedulerName, resource fit, and preemption by PriorityClass.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startCluster, type Cluster } from './harness.js';

let cluster: Cluster;
const configDir = mkdtempSync(join(tmpdir(), 'navarch-sched-'));

function k(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const p = execFile('kubectl', ['--kubeconfig', cluster.kubeconfig, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 });
    });
    if (input !== undefined) p.stdin?.end(input);
  });
}

async function kk(...args: string[]): Promise<string> {
  const r = await k(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

async function apply(obj: unknown): Promise<void> {
  const r = await k(['apply', '-f', '-'], JSON.stringify(obj));
  if (r.code !== 0) throw new Error(`kubectl apply failed: ${r.stderr}`);
}

interface PodOpts { ns?: string; labels?: Record<string, string>; cpu?: string; spec?: Record<string, unknown> }

function pod(name: string, o: PodOpts = {}): unknown {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: o.ns ?? 'default', labels: o.labels ?? { app: name } },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: o.cpu ?? '100m', memory: '64Mi' } } }], ...o.spec },
  };
}

const nodeOf = (name: string, ns = 'default'): Promise<string> => kk('get', 'pod', name, '-n', ns, '-o', 'jsonpath={.spec.nodeName}');

function landsOn(name: string, ns = 'default'): Promise<string> {
  return eventually(() => nodeOf(name, ns), 15_000, `pod ${name} to be scheduled`);
}

async function podScheduled(name: string): Promise<string> {
  return kk('get', 'pod', name, '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].status}/{.status.conditions[?(@.type=="PodScheduled")].reason}/{.status.conditions[?(@.type=="PodScheduled")].message}');
}

async function deletePods(...names: string[]): Promise<void> {
  await kk('delete', 'pod', ...names, '--grace-period=0', '--force', '--ignore-not-found', '--wait=false');
}

const NODES: Array<{ name: string; labels: Record<string, string> }> = [
  { name: 'sim-node-0', labels: { zone: 'a', pref: 'yes' } },
  { name: 'sim-node-1', labels: { zone: 'a', disktype: 'ssd' } },
  { name: 'sim-node-2', labels: { zone: 'b' } },
];

describe('scheduler with kubectl', { timeout: 180_000 }, () => {
  before(async () => {
    // Three simulated nodes of 4 CPUs and 8Gi; pods bound to them go Running, deletions complete.
    writeFileSync(join(configDir, 'node.yaml'), 'status:\n  capacity: {cpu: "4", memory: 8Gi, pods: "110"}\n');
    writeFileSync(join(configDir, 'simulation.yaml'), 'startupDelaySeconds: 0.2\nterminationDelaySeconds: 0.2\n');
    cluster = await startCluster('sqlite', {
      command: 'up',
      extraArgs: ['--simulate-nodes', '3', '--node-template', join(configDir, 'node.yaml'), '--simulation-config', join(configDir, 'simulation.yaml')],
    });
    await eventually(async () => (await kk('get', 'nodes', '--no-headers')).split('\n').filter((l) => / Ready /.test(l)).length === 3, 30_000, 'three Ready nodes');
    for (const n of NODES) await kk('label', 'node', n.name, ...Object.entries(n.labels).map(([key, v]) => `${key}=${v}`));
  });

  after(async () => {
    await cluster?.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('binds and records "Successfully assigned dev/web-1 to sim-node-1" (nodeSelector)', async () => {
    await kk('create', 'namespace', 'dev');
    await apply(pod('web-1', { ns: 'dev', spec: { nodeSelector: { disktype: 'ssd' } } }));
    assert.equal(await landsOn('web-1', 'dev'), 'sim-node-1');
    const d = await eventually(async () => {
      const out = await kk('describe', 'pod', 'web-1', '-n', 'dev');
      return out.includes('Successfully assigned dev/web-1 to sim-node-1') ? out : '';
    }, 10_000, 'the Scheduled event');
    assert.match(d, /Normal\s+Scheduled\s+.*default-scheduler\s+Successfully assigned dev\/web-1 to sim-node-1/);
    assert.equal(await kk('get', 'pod', 'web-1', '-n', 'dev', '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].status}'), 'True');
  });

  it('follows required and preferred node affinity', async () => {
    await apply(pod('req-aff', { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } } } }));
    await apply(pod('pref-aff', { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'pref', operator: 'Exists' }] } }] } } } }));
    assert.equal(await landsOn('req-aff'), 'sim-node-2');
    assert.equal(await landsOn('pref-aff'), 'sim-node-0');
    await deletePods('req-aff', 'pref-aff');
  });

  it('follows pod affinity and anti-affinity on kubernetes.io/hostname', async () => {
    await apply(pod('anchor', { labels: { app: 'anchor' }, spec: { nodeSelector: { 'kubernetes.io/hostname': 'sim-node-2' } } }));
    assert.equal(await landsOn('anchor'), 'sim-node-2');
    const term = { labelSelector: { matchLabels: { app: 'anchor' } }, topologyKey: 'kubernetes.io/hostname' };
    await apply(pod('with-anchor', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } } }));
    assert.equal(await landsOn('with-anchor'), 'sim-node-2');
    for (let i = 0; i < 3; i++) {
      await apply(pod(`away-${i}`, { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } } }));
      assert.notEqual(await landsOn(`away-${i}`), 'sim-node-2');
    }
    await deletePods('anchor', 'with-anchor', 'away-0', 'away-1', 'away-2');
  });

  it('reports FailedScheduling when nothing fits and retries on uncordon, toleration and untaint', async () => {
    await kk('taint', 'nodes', 'sim-node-0', 'dedicated=gpu:NoSchedule');
    await kk('taint', 'nodes', 'sim-node-1', 'dedicated=gpu:NoSchedule');
    await kk('cordon', 'sim-node-2');
    await apply(pod('stuck'));
    const msg = '0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) had untolerated taint {dedicated: gpu}. ' +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    const cond = await eventually(async () => { const c = await podScheduled('stuck'); return c.startsWith('False/') ? c : ''; }, 10_000, 'PodScheduled False');
    assert.equal(cond, `False/Unschedulable/${msg}`);
    const d = await eventually(async () => {
      const out = await kk('describe', 'pod', 'stuck');
      return out.includes('FailedScheduling') ? out : '';
    }, 10_000, 'the FailedScheduling event');
    assert.match(d, /Warning\s+FailedScheduling\s+.*default-scheduler\s+0\/3 nodes are available: 1 node\(s\) were unschedulable, 2 node\(s\) had untolerated taint \{dedicated: gpu\}/);
    assert.equal(await nodeOf('stuck'), '');

    // A toleration added with kubectl patch: the pod update sends it back to the active queue.
    await apply(pod('stuck-2'));
    await eventually(async () => (await podScheduled('stuck-2')).startsWith('False/'), 10_000, 'stuck-2 unschedulable');
    const toleration = { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' };
    const existing = await kk('get', 'pod', 'stuck-2', '-o', 'jsonpath={.spec.tolerations}');
    const op = existing ? { op: 'add', path: '/spec/tolerations/-', value: toleration } : { op: 'add', path: '/spec/tolerations', value: [toleration] };
    await kk('patch', 'pod', 'stuck-2', '--type=json', '-p', JSON.stringify([op]));
    assert.match(await landsOn('stuck-2'), /^sim-node-[01]$/);

    // Uncordon: the node update moves the parked pod back.
    await kk('uncordon', 'sim-node-2');
    assert.equal(await landsOn('stuck'), 'sim-node-2');

    // Untaint with "key-" (sim-node-2 cordoned again so only sim-node-0 can take it).
    await kk('cordon', 'sim-node-2');
    await apply(pod('stuck-3', { spec: { nodeSelector: { pref: 'yes' } } }));
    await eventually(async () => (await podScheduled('stuck-3')).startsWith('False/'), 10_000, 'stuck-3 unschedulable');
    await kk('taint', 'nodes', 'sim-node-0', 'dedicated-');
    assert.equal(await landsOn('stuck-3'), 'sim-node-0');
    await kk('taint', 'nodes', 'sim-node-1', 'dedicated:NoSchedule-');
    await kk('uncordon', 'sim-node-2');
    await deletePods('stuck', 'stuck-2', 'stuck-3');
  });

  it('avoids PreferNoSchedule and NoExecute taints unless tolerated', async () => {
    await kk('taint', 'nodes', 'sim-node-0', 'spot=true:PreferNoSchedule');
    await kk('taint', 'nodes', 'sim-node-1', 'maint=now:NoExecute');
    await apply(pod('soft'));
    assert.equal(await landsOn('soft'), 'sim-node-2');
    await apply(pod('tolerant', { spec: { nodeSelector: { disktype: 'ssd' }, tolerations: [{ key: 'maint', operator: 'Exists', effect: 'NoExecute' }] } }));
    assert.equal(await landsOn('tolerant'), 'sim-node-1');
    await kk('taint', 'nodes', 'sim-node-0', 'spot-');
    await kk('taint', 'nodes', 'sim-node-1', 'maint-');
    await deletePods('soft', 'tolerant');
  });

  it('reports Insufficient cpu and leaves pods of another scheduler alone', async () => {
    await apply(pod('other', { spec: { schedulerName: 'my-scheduler' } }));
    await apply(pod('huge', { cpu: '100' }));
    const cond = await eventually(async () => { const c = await podScheduled('huge'); return c.startsWith('False/') ? c : ''; }, 10_000, 'huge unschedulable');
    assert.equal(cond, 'False/Unschedulable/0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    assert.equal(await nodeOf('other'), '');
    assert.equal(await kk('get', 'pod', 'other', '-o', 'jsonpath={.status.conditions}'), '');
    await deletePods('huge', 'other');
  });

  it('preempts a lower-priority pod for a higher-priority one', async () => {
    await apply({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'low' }, value: 100 });
    await apply({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    const onNode1 = { nodeSelector: { 'kubernetes.io/hostname': 'sim-node-0' } };
    await apply(pod('low', { cpu: '3', spec: { ...onNode1, priorityClassName: 'low' } }));
    assert.equal(await landsOn('low'), 'sim-node-0');
    await apply(pod('high', { cpu: '3', spec: { ...onNode1, priorityClassName: 'high' } }));
    assert.equal(await eventually(() => kk('get', 'pod', 'high', '-o', 'jsonpath={.status.nominatedNodeName}'), 10_000, 'nominatedNodeName'), 'sim-node-0');
    // The victim is deleted gracefully; with no agent on the node, finish its deletion as a kubelet would.
    await eventually(async () => {
      const r = await k(['get', 'pod', 'low', '-o', 'jsonpath={.metadata.deletionTimestamp}']);
      return r.code !== 0 || r.stdout !== '';
    }, 10_000, 'the victim to be deleted');
    const ev = await eventually(async () => {
      const out = await kk('get', 'events', '--field-selector', 'reason=Preempted', '-o', 'jsonpath={.items[*].message}');
      return out;
    }, 10_000, 'the Preempted event');
    assert.match(ev, /^Preempted by pod \S+ on node sim-node-0$/);
    await deletePods('low');
    assert.equal(await landsOn('high'), 'sim-node-0');
  });

  it('the server\'s scheduler holds the Lease kube-system/kube-scheduler', async () => {
    assert.match(await kk('get', 'lease', 'kube-scheduler', '-n', 'kube-system', '-o', 'jsonpath={.spec.holderIdentity}'), /\S/);
  });
});
