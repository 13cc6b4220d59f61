import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProfile, type FilterPlugin } from './framework.js';
import { firstOfEqual, makeNode, makePod, makeSnapshot, testProfile } from './fixtures.js';
import { numFeasibleNodesToFind, schedulePod, selectHost } from './schedule-one.js';
import { unschedulable } from './status.js';

describe('numFeasibleNodesToFind', () => {
  it('looks at every node below 100 nodes', () => {
    assert.equal(numFeasibleNodesToFind(0, 50), 50);
    assert.equal(numFeasibleNodesToFind(0, 99), 99);
  });
  it('adapts the share to the cluster size: 50 - nodes/125 percent, at least 5%, at least 100 nodes', () => {
    assert.equal(numFeasibleNodesToFind(0, 100), 100);
    assert.equal(numFeasibleNodesToFind(0, 1000), 420); // 42%
    assert.equal(numFeasibleNodesToFind(0, 5000), 500); // 10%
    assert.equal(numFeasibleNodesToFind(0, 6000), 300); // 2% → 5%
    assert.equal(numFeasibleNodesToFind(0, 15000), 750);
  });
  it('uses a configured percentage, still at least 100', () => {
    assert.equal(numFeasibleNodesToFind(30, 1000), 300);
    assert.equal(numFeasibleNodesToFind(1, 1000), 100);
    assert.equal(numFeasibleNodesToFind(100, 1000), 1000);
  });
});

describe('selectHost', () => {
  it('takes the best total and draws among ties', () => {
    assert.equal(selectHost([1, 5, 3], firstOfEqual), 1);
    assert.equal(selectHost([5, 1, 5, 5], firstOfEqual), 0);
    assert.equal(selectHost([5, 1, 5, 5], () => 0), 3);
  });
});

describe('schedulePod', () => {
  const nodes = Array.from({ length: 300 }, (_, i) => makeNode(`node-${String(i).padStart(3, '0')}`));

  it('filters only enough nodes and starts the next cycle where this one stopped', () => {
    const s = makeSnapshot(nodes);
    const seen: string[] = [];
    const spy: FilterPlugin = { name: 'Spy', filter: (_c, n) => { seen.push(n.name); return null; } };
    const profile = createProfile([spy], { random: firstOfEqual });
    const r1 = schedulePod(makePod('a'), s, profile);
    // 300 nodes: 50 - 300/125 = 48% → 144 nodes.
    assert.deepEqual(r1, { node: 'node-000', evaluatedNodes: 144, feasibleNodes: 144 });
    assert.equal(seen.length, 144);
    assert.equal(profile.nextStartNodeIndex, 144);
    const r2 = schedulePod(makePod('b'), s, profile);
    assert.equal('node' in r2 && r2.node, 'node-144');
    schedulePod(makePod('c'), s, profile);
    schedulePod(makePod('d'), s, profile);
    assert.equal(seen[300], 'node-000', 'wraps around');
  });

  it('counts rejected nodes as processed for the round-robin', () => {
    const s = makeSnapshot(nodes);
    const rejectEven: FilterPlugin = { name: 'Odd', filter: (_c, n) => (Number(n.name.slice(5)) % 2 === 0 ? unschedulable('even') : null) };
    const profile = createProfile([rejectEven], { random: firstOfEqual });
    const r = schedulePod(makePod('a'), s, profile);
    assert.deepEqual(r, { node: 'node-001', evaluatedNodes: 288, feasibleNodes: 144 });
    assert.equal(profile.nextStartNodeIndex, 288);
  });

  it('returns the single feasible node without scoring', () => {
    const s = makeSnapshot([makeNode('a', { cpu: '1' }), makeNode('b', { cpu: '2' })]);
    assert.deepEqual(schedulePod(makePod('p', { cpu: '1500m' }), s, testProfile()), { node: 'b', evaluatedNodes: 2, feasibleNodes: 1 });
  });

  it('goes straight to the nominated node when it fits', () => {
    const s = makeSnapshot([makeNode('a', { cpu: '8' }), makeNode('b', { cpu: '1' })]);
    const r = schedulePod(makePod('p', { cpu: '500m', nominatedNodeName: 'b' }), s, testProfile());
    assert.deepEqual(r, { node: 'b', evaluatedNodes: 1, feasibleNodes: 1 });
  });

  it('keeps room nominated to a higher-priority pod', () => {
    const s = makeSnapshot([makeNode('a', { cpu: '1' }), makeNode('b', { cpu: '1' })]);
    s.nominate(makePod('vip', { cpu: '1', priority: 100 }), 'a');
    const r = schedulePod(makePod('p', { cpu: '1', priority: 0 }), s, testProfile());
    assert.equal('node' in r && r.node, 'b');
    const r2 = schedulePod(makePod('q', { cpu: '1', priority: 200 }), s, testProfile());
    assert.equal('node' in r2 && r2.node, 'a');
    s.assumePod(makePod('vip', { cpu: '1', priority: 100 }), 'a');
    assert.equal(s.hasNominations, false, 'binding clears the nomination');
  });

  it('reports no nodes', () => {
    const r = schedulePod(makePod('p'), makeSnapshot([]), testProfile());
    assert.ok('failure' in r);
    assert.equal(r.failure.message, 'no nodes available to schedule pods');
  });

  it('names the plugins that narrowed the nodes for the nodes they left out', () => {
    const s = makeSnapshot([makeNode('a', { cpu: '1' }), makeNode('b'), makeNode('c')]);
    const pod = makePod('p', {
      cpu: '2',
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] }] } } },
    });
    const r = schedulePod(pod, s, testProfile());
    assert.ok('failure' in r);
    assert.equal(r.failure.message, "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
      'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
  });
});
