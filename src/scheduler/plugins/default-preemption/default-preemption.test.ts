import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, testProfile } from '../../fixtures.js';
import { PodInfo } from '../../pod-info.js';
import { schedulePod } from '../../schedule-one.js';
import type { Snapshot } from '../../snapshot.js';
import type { PodView } from '../../types.js';
import { filterPodsWithPDBViolation, pickOneNodeForPreemption } from './default-preemption.js';

const at = (n: number) => `2024-01-01T00:00:0${n}Z`;

function preempt(s: Snapshot, pod: PodView) {
  const r = schedulePod(pod, s, testProfile());
  assert.ok('failure' in r, JSON.stringify(r));
  return { node: r.nominatedNodeName, victims: r.victims?.map((v) => v.name) ?? [], message: r.failure.message };
}

describe('DefaultPreemption', () => {
  it('evicts lower-priority pods only, on the node where that helps', () => {
    const s = makeSnapshot([makeNode('node-1', { cpu: '1' }), makeNode('node-2', { cpu: '1' })], [
      makePod('important', { nodeName: 'node-1', cpu: '1', priority: 100 }),
      makePod('batch', { nodeName: 'node-2', cpu: '1', priority: 0 }),
    ]);
    const r = preempt(s, makePod('p', { cpu: '1', priority: 50 }));
    assert.deepEqual([r.node, r.victims], ['node-2', ['batch']]);
    assert.equal(r.message, '0/2 nodes are available: 2 Insufficient cpu.', 'no PostFilter message when preemption found room');
  });

  it('takes as few victims as possible, lowest priority first', () => {
    const s = makeSnapshot([makeNode('node-1', { cpu: '3' })], [
      makePod('p1', { nodeName: 'node-1', cpu: '1', priority: 1 }),
      makePod('p3', { nodeName: 'node-1', cpu: '1', priority: 3 }),
      makePod('p2', { nodeName: 'node-1', cpu: '1', priority: 2 }),
    ]);
    assert.deepEqual(preempt(s, makePod('p', { cpu: '1', priority: 10 })).victims, ['p1']);
    assert.deepEqual(preempt(s, makePod('p', { cpu: '2', priority: 10 })).victims, ['p2', 'p1']);
  });

  it('spares pods a PodDisruptionBudget protects when others will do', () => {
    const s = makeSnapshot([makeNode('node-1', { cpu: '2' })], [
      makePod('guarded', { nodeName: 'node-1', cpu: '1', labels: { app: 'db' }, startTime: at(1) }),
      makePod('free', { nodeName: 'node-1', cpu: '1', labels: { app: 'web' }, startTime: at(2) }),
    ]);
    s.upsertPDB({ metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } } }, status: { disruptionsAllowed: 0 } });
    assert.deepEqual(preempt(s, makePod('p', { cpu: '1', priority: 10 })).victims, ['free']);
  });

  it('prefers the node without budget violations, then the lowest victim priority', () => {
    const s = makeSnapshot([makeNode('node-1', { cpu: '1' }), makeNode('node-2', { cpu: '1' }), makeNode('node-3', { cpu: '1' })], [
      makePod('db', { nodeName: 'node-1', cpu: '1', labels: { app: 'db' }, priority: 1 }),
      makePod('mid', { nodeName: 'node-2', cpu: '1', priority: 5 }),
      makePod('low', { nodeName: 'node-3', cpu: '1', priority: 3 }),
    ]);
    s.upsertPDB({ metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } } }, status: { disruptionsAllowed: 0 } });
    assert.equal(preempt(s, makePod('p', { cpu: '1', priority: 10 })).node, 'node-3');
  });

  it('explains why preemption cannot help', () => {
    const s = makeSnapshot([
      makeNode('node-1', { cpu: '1', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      makeNode('node-2', { cpu: '1' }),
      makeNode('node-3', { cpu: '1' }),
    ], [
      makePod('a', { nodeName: 'node-2', cpu: '1', priority: 100 }),
      makePod('b', { nodeName: 'node-3', cpu: '1', priority: 100 }),
    ]);
    const r = preempt(s, makePod('web', { cpu: '1', priority: 10 }));
    assert.equal(r.node, '');
    assert.equal(r.message, '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. ' +
      'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.');
  });

  it('evicts the lower-priority pod that the preemptor\'s anti-affinity rules out', () => {
    const s = makeSnapshot([makeNode('node-1')], [
      makePod('web', { nodeName: 'node-1', labels: { app: 'web' }, priority: 1 }),
      makePod('db', { nodeName: 'node-1', labels: { app: 'db' }, priority: 1 }),
    ]);
    const pod = makePod('p', {
      priority: 10,
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    });
    const r = preempt(s, pod);
    assert.deepEqual([r.node, r.victims], ['node-1', ['web']]);
    assert.equal(r.message, "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules.");
  });

  it('does not preempt for pods with preemptionPolicy Never', () => {
    const s = makeSnapshot([makeNode('node-1', { cpu: '1' })], [makePod('low', { nodeName: 'node-1', cpu: '1' })]);
    const r = preempt(s, makePod('p', { cpu: '1', priority: 10, preemptionPolicy: 'Never' }));
    assert.deepEqual([r.node, r.victims], [undefined, []]);
    assert.equal(r.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it('reports the filter that still fails after evicting everything it could', () => {
    const s = makeSnapshot([makeNode('node-1', { cpu: '1' })], [makePod('low', { nodeName: 'node-1', cpu: '500m' })]);
    const r = preempt(s, makePod('p', { cpu: '2', priority: 10 }));
    assert.equal(r.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  it('counts budgets down as victims are taken, and ignores pods already disrupted', () => {
    const pods = ['a', 'b', 'c'].map((n) => new PodInfo(makePod(n, { labels: { app: 'db' } })));
    const pdb = { metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'db' } } }, status: { disruptionsAllowed: 1, disruptedPods: { b: '2024-01-01T00:00:00Z' } } };
    const [violating, ok] = filterPodsWithPDBViolation(pods, [pdb]);
    assert.deepEqual([violating.map((p) => p.name), ok.map((p) => p.name)], [['c'], ['a', 'b']]);
    const empty = { ...pdb, spec: { selector: {} } };
    assert.equal(filterPodsWithPDBViolation(pods, [empty])[0].length, 0, 'an empty selector matches nothing');
  });

  it('breaks ties by fewest victims, then latest start', () => {
    const pi = (name: string, priority: number, start: number) => new PodInfo(makePod(name, { priority, startTime: at(start) }));
    const pick = pickOneNodeForPreemption([
      { nodeName: 'two', victims: [pi('x', 1, 5), pi('y', 1, 5)], numPDBViolations: 0, status: null },
      { nodeName: 'early', victims: [pi('z', 2, 1)], numPDBViolations: 0, status: null },
      { nodeName: 'late', victims: [pi('w', 2, 3)], numPDBViolations: 0, status: null },
    ]);
    // Lowest highest priority first picks "two" (1 < 2).
    assert.equal(pick?.nodeName, 'two');
    const pick2 = pickOneNodeForPreemption([
      { nodeName: 'early', victims: [pi('z', 2, 1)], numPDBViolations: 0, status: null },
      { nodeName: 'late', victims: [pi('w', 2, 3)], numPDBViolations: 0, status: null },
    ]);
    assert.equal(pick2?.nodeName, 'late');
  });
});
