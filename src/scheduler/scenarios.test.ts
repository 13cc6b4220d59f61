/**
 * The scheduling scenarios of the user's notes (004, "定向调度", "亲和性调度", "污点调度" and the
 * example scenarios after them), run through the whole default profile on a snapshot: where each
 * pod lands, or the PodScheduled message when it lands nowhere.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, type PodOptions, testProfile } from './fixtures.js';
import type { Profile } from './framework.js';
import { schedulePod } from './schedule-one.js';
import type { Snapshot } from './snapshot.js';
import type { NodeView, PodView, TaintView } from './types.js';

const HOST = 'kubernetes.io/hostname';
const NOT_HELPFUL = (n: number) => `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;

class Cluster {
  readonly snapshot: Snapshot;
  readonly profile: Profile = testProfile();
  constructor(nodes: NodeView[]) { this.snapshot = makeSnapshot(nodes); }

  /** Schedules the pod and, when it lands, records it as bound. Returns the node or the message. */
  place(pod: PodView): string {
    const r = schedulePod(pod, this.snapshot, this.profile);
    if ('node' in r) {
      this.snapshot.assumePod(pod, r.node);
      return r.node;
    }
    return 'failure' in r ? r.failure.message : r.error;
  }

  run(name: string, o: PodOptions & { on: string }): void {
    const { on, ...rest } = o;
    this.snapshot.upsertPod(makePod(name, { ...rest, nodeName: on }));
  }

  label(node: string, labels: Record<string, string>): void {
    const n = this.snapshot.nodeInfo(node)!.node!;
    this.snapshot.upsertNode({ ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, ...labels } } });
  }

  /** kubectl taint nodes <node> key=value:effect (or remove with `key-`: pass null). */
  taint(node: string, taint: TaintView | null, removeKey?: string): void {
    const n = this.snapshot.nodeInfo(node)!.node!;
    const taints = (n.spec?.taints ?? []).filter((t) => t.key !== (taint?.key ?? removeKey));
    if (taint) taints.push(taint);
    this.snapshot.upsertNode({ ...n, spec: { ...n.spec, taints } });
  }

  cordon(node: string): void {
    const n = this.snapshot.nodeInfo(node)!.node!;
    this.snapshot.upsertNode({ ...n, spec: { ...n.spec, unschedulable: true } });
  }
}

const threeNodes = () => new Cluster([makeNode('node-1'), makeNode('node-2'), makeNode('node-3')]);

describe('notes: directed scheduling (定向调度)', () => {
  it('nodeName puts the pod on that node', () => {
    const c = threeNodes();
    assert.equal(c.place(makePod('my-pod', { nodeName: 'node-1', image: 'my-image:latest' })), 'node-1');
    assert.equal(c.place(makePod('my-pod-2', { nodeName: 'node-3' })), 'node-3');
  });

  it('nodeSelector app=backend picks the labelled node, and waits when none is', () => {
    const c = threeNodes();
    const pod = makePod('my-pod', { nodeSelector: { app: 'backend' } });
    assert.equal(c.place(pod), `0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(3)}`);
    c.label('node-2', { app: 'backend' });
    assert.equal(c.place(pod), 'node-2');
  });
});

describe('notes: affinity scheduling (亲和性调度)', () => {
  it('required node affinity app In [backend]', () => {
    const c = threeNodes();
    c.label('node-3', { app: 'backend' });
    const pod = makePod('my-pod', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['backend'] }] }] } } },
    });
    for (let i = 0; i < 3; i++) assert.equal(c.place({ ...pod, metadata: { ...pod.metadata, name: `my-pod-${i}` } }), 'node-3');
  });

  it('the sensitive-data example: only nodes labelled app=sensitive', () => {
    const c = threeNodes();
    const pod = makePod('sensitive-app', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['sensitive'] }] }] } } },
    });
    assert.equal(c.place(pod), `0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(3)}`);
    c.label('node-1', { app: 'sensitive' });
    assert.equal(c.place(pod), 'node-1');
  });

  it('preferred node affinity app In [frontend] weight 100, and it stays a preference', () => {
    const c = threeNodes();
    c.label('node-2', { app: 'frontend' });
    const pod = (name: string) => makePod(name, {
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'app', operator: 'In', values: ['frontend'] }] } }] } },
    });
    assert.equal(c.place(pod('my-pod')), 'node-2');
    c.cordon('node-2');
    assert.notEqual(c.place(pod('my-pod-2')), 'node-2');
    assert.match(c.place(pod('my-pod-3')), /^node-[13]$/);
  });

  it('required pod affinity app In [backend] on kubernetes.io/hostname follows the backend pod', () => {
    const c = threeNodes();
    const pod = (name: string) => makePod(name, {
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['backend'] }] }, topologyKey: HOST }] } },
    });
    assert.equal(c.place(pod('my-pod')), `0/3 nodes are available: 3 node(s) didn't match pod affinity rules. ${NOT_HELPFUL(3)}`);
    c.run('backend', { on: 'node-3', labels: { app: 'backend' } });
    assert.equal(c.place(pod('my-pod')), 'node-3');
    assert.equal(c.place(pod('my-pod-2')), 'node-3');
  });

  it('preferred pod anti-affinity app In [frontend] on kubernetes.io/hostname avoids the frontend pod', () => {
    const c = threeNodes();
    c.run('frontend', { on: 'node-1', labels: { app: 'frontend' } });
    const pod = makePod('my-pod', {
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['frontend'] }] }, topologyKey: HOST } }] } },
    });
    assert.notEqual(c.place(pod), 'node-1');
  });

  it('the high-availability example: replicas of my-app spread over the nodes', () => {
    const c = threeNodes();
    const replica = (i: number) => makePod(`my-app-${i}`, {
      labels: { app: 'my-app' },
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['my-app'] }] }, topologyKey: HOST } }] } },
    });
    const placed = [0, 1, 2].map((i) => c.place(replica(i)));
    assert.deepEqual([...placed].sort(), ['node-1', 'node-2', 'node-3']);
    // A fourth replica still lands (the rule is a preference), on some node.
    assert.match(c.place(replica(3)), /^node-\d$/);
  });

  it('required pod anti-affinity keeps replicas apart and leaves the extra one pending', () => {
    const c = threeNodes();
    const replica = (i: number) => makePod(`web-${i}`, {
      labels: { app: 'web' },
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: HOST }] } },
    });
    assert.deepEqual([0, 1, 2].map((i) => c.place(replica(i))).sort(), ['node-1', 'node-2', 'node-3']);
    assert.equal(c.place(replica(3)), "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. " +
      'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
  });
});

describe('notes: taints and tolerations (污点调度)', () => {
  const onNode1 = (name: string, extra: PodOptions = {}) => makePod(name, { nodeSelector: { [HOST]: 'node-1' }, ...extra });

  it('NoSchedule: kubectl taint nodes node-1 key1=value1:NoSchedule keeps pods off until tolerated or removed', () => {
    const c = threeNodes();
    c.taint('node-1', { key: 'key1', value: 'value1', effect: 'NoSchedule' });
    for (let i = 0; i < 6; i++) assert.notEqual(c.place(makePod(`spread-${i}`)), 'node-1');
    assert.equal(c.place(onNode1('my-pod')),
      "0/3 nodes are available: 1 node(s) had untolerated taint {key1: value1}, 2 node(s) didn't match Pod's node affinity/selector. " + NOT_HELPFUL(3));
    // kubectl patch pod my-pod -p '{"spec":{"tolerations":[{"key":"key1","operator":"Equal","value":"value1","effect":"NoSchedule"}]}}'
    const tolerating = onNode1('my-pod', { tolerations: [{ key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }] });
    assert.equal(c.place(tolerating), 'node-1');
    // kubectl patch pod my-pod -p '{"spec":{"tolerations":[]}}' — the empty list tolerates nothing again.
    assert.match(c.place(onNode1('my-pod-2', { tolerations: [] })), /had untolerated taint \{key1: value1\}/);
    // kubectl taint nodes node-1 key1-
    c.taint('node-1', null, 'key1');
    assert.equal(c.place(onNode1('my-pod-3')), 'node-1');
  });

  it('PreferNoSchedule: avoided while other nodes fit, used when none does', () => {
    const c = threeNodes();
    c.taint('node-1', { key: 'key1', value: 'value1', effect: 'PreferNoSchedule' });
    for (let i = 0; i < 4; i++) assert.notEqual(c.place(makePod(`p-${i}`)), 'node-1');
    assert.equal(c.place(onNode1('pinned')), 'node-1');
    c.cordon('node-2');
    c.cordon('node-3');
    assert.equal(c.place(makePod('last')), 'node-1');
  });

  it('NoExecute: filtered like NoSchedule; an Exists toleration of the key lets the pod in', () => {
    const c = threeNodes();
    c.taint('node-1', { key: 'key1', value: 'value1', effect: 'NoExecute' });
    assert.match(c.place(onNode1('p')), /1 node\(s\) had untolerated taint \{key1: value1\}/);
    assert.equal(c.place(onNode1('p', { tolerations: [{ key: 'key1', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] })), 'node-1');
    assert.match(c.place(onNode1('q', { tolerations: [{ key: 'key1', operator: 'Exists', effect: 'NoSchedule' }] })), /untolerated taint/);
  });

  it('the PodScheduled message of the design: a tainted GPU node and two full ones', () => {
    const c = new Cluster([
      makeNode('node-1', { cpu: '2', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      makeNode('node-2', { cpu: '2' }),
      makeNode('node-3', { cpu: '2' }),
    ]);
    c.run('big-2', { on: 'node-2', cpu: '1500m' });
    c.run('big-3', { on: 'node-3', cpu: '1500m' });
    assert.equal(c.place(makePod('web-1', { namespace: 'dev', cpu: '1', preemptionPolicy: 'Never' })),
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
    assert.equal(c.place(makePod('web-2', { namespace: 'dev', cpu: '1' })),
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
  });
});

describe('resource fit and preemption', () => {
  it('fills nodes by requests and then explains', () => {
    const c = new Cluster([makeNode('node-1', { cpu: '1', memory: '1Gi' }), makeNode('node-2', { cpu: '1', memory: '1Gi' })]);
    const placed = [0, 1, 2, 3].map((i) => c.place(makePod(`w-${i}`, { cpu: '500m', memory: '256Mi' })));
    assert.deepEqual([...placed].sort(), ['node-1', 'node-1', 'node-2', 'node-2'], 'least-allocated spreads them');
    assert.equal(c.place(makePod('w-4', { cpu: '500m', memory: '900Mi' })),
      '0/2 nodes are available: 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
  });

  it('a high-priority pod gets a node by evicting lower-priority ones', () => {
    const c = new Cluster([makeNode('node-1', { cpu: '1' }), makeNode('node-2', { cpu: '1' })]);
    c.run('critical', { on: 'node-1', cpu: '1', priority: 1000 });
    c.run('batch', { on: 'node-2', cpu: '1', priority: -10 });
    const r = schedulePod(makePod('urgent', { cpu: '1', priority: 100 }), c.snapshot, c.profile);
    assert.ok('failure' in r);
    assert.deepEqual([r.nominatedNodeName, r.victims?.map((v) => v.name)], ['node-2', ['batch']]);
    // The caller evicts the victims and nominates the node; the next attempt lands there.
    c.snapshot.removePod('default/batch');
    c.snapshot.nominate(makePod('urgent', { cpu: '1', priority: 100 }), 'node-2');
    assert.equal(c.place(makePod('filler', { cpu: '1', priority: 0 })), '0/2 nodes are available: 2 Insufficient cpu. ' +
      'preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.');
    assert.equal(c.place(makePod('urgent', { cpu: '1', priority: 100, nominatedNodeName: 'node-2' })), 'node-2');
  });
});
