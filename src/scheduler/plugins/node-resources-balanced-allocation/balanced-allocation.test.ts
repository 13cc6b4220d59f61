import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import { balancedScore, nodeResourcesBalancedAllocation } from './balanced-allocation.js';

describe('NodeResourcesBalancedAllocation', () => {
  const plugin = nodeResourcesBalancedAllocation();

  it('scores 100 minus half the gap between the cpu and memory fractions', () => {
    const s = makeSnapshot([makeNode('n1', { cpu: '4', memory: '10000' }), makeNode('n2', { cpu: '6', memory: '10000' })],
      [makePod('e1', { nodeName: 'n1', cpu: '3', memory: '5000' }), makePod('e2', { nodeName: 'n2', cpu: '3', memory: '5000' })]);
    const { c } = preparedCycle(makePod('p', { cpu: '1', memory: '2000' }), s, [plugin]);
    // n1: cpu 4000/4000 = 1, memory 7000/10000 = 0.7 → std 0.15 → 85
    // n2: cpu 4000/6000 = 0.667, memory 0.7 → std 0.0167 → 98
    assert.deepEqual(s.nodes.map((n) => plugin.score(c, n)), [85, 98]);
  });

  it('uses real requests, so empty-request pods see the node as it is', () => {
    const s = makeSnapshot([makeNode('n', { cpu: '4', memory: '10000' })], [makePod('e', { nodeName: 'n', cpu: '3', memory: '5000' })]);
    const { c } = preparedCycle(makePod('p'), s, [plugin]);
    assert.equal(plugin.score(c, s.nodeInfo('n')!), 87); // fractions 0.75 and 0.5
  });

  it('uses the standard deviation beyond two resources and caps fractions at 1', () => {
    assert.equal(balancedScore([1, 1, 1]), 100);
    assert.equal(balancedScore([0, 0.5, 1]), 59); // std = sqrt(((0.5)^2 + 0 + 0.5^2) / 3) = 0.408
  });
});
