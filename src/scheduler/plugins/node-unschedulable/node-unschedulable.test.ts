import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import { ERR_REASON_UNSCHEDULABLE, nodeUnschedulable } from './node-unschedulable.js';

describe('NodeUnschedulable', () => {
  const s = makeSnapshot([makeNode('open'), makeNode('cordoned', { unschedulable: true })]);
  it('keeps new pods off a cordoned node', () => {
    const { c } = preparedCycle(makePod('p'), s, [nodeUnschedulable]);
    assert.equal(nodeUnschedulable.filter(c, s.nodeInfo('open')!), null);
    const st = nodeUnschedulable.filter(c, s.nodeInfo('cordoned')!);
    assert.deepEqual([st?.code, st?.reasons], ['UnschedulableAndUnresolvable', ['node(s) were unschedulable']]);
    assert.equal(ERR_REASON_UNSCHEDULABLE, 'node(s) were unschedulable');
  });
  it('lets pods tolerating the unschedulable taint in', () => {
    for (const t of [
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
      { operator: 'Exists' },
    ]) {
      const { c } = preparedCycle(makePod('p', { tolerations: [t] }), s, [nodeUnschedulable]);
      assert.equal(nodeUnschedulable.filter(c, s.nodeInfo('cordoned')!), null, JSON.stringify(t));
    }
    const { c } = preparedCycle(makePod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }] }), s, [nodeUnschedulable]);
    assert.notEqual(nodeUnschedulable.filter(c, s.nodeInfo('cordoned')!), null);
  });
});
