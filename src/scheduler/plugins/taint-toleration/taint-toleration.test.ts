import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import type { TaintView, TolerationView } from '../../types.js';
import { taintToleration } from './taint-toleration.js';
import { toleratesTaint } from './tolerations.js';

function filterOn(taints: TaintView[], tolerations?: TolerationView[]) {
  const s = makeSnapshot([makeNode('n', { taints })]);
  const { c } = preparedCycle(makePod('p', { tolerations }), s, [taintToleration]);
  return taintToleration.filter(c, s.nodeInfo('n')!);
}

describe('TaintToleration filter', () => {
  it('rejects untolerated NoSchedule and NoExecute taints, naming the first', () => {
    const st = filterOn([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.deepEqual([st?.code, st?.reasons], ['UnschedulableAndUnresolvable', ['node(s) had untolerated taint {dedicated: gpu}']]);
    assert.deepEqual(filterOn([{ key: 'a', effect: 'PreferNoSchedule' }, { key: 'b', effect: 'NoExecute' }])?.reasons, ['node(s) had untolerated taint {b: }']);
  });

  it('ignores PreferNoSchedule taints', () => {
    assert.equal(filterOn([{ key: 'a', value: 'b', effect: 'PreferNoSchedule' }]), null);
  });

  it('matches tolerations by key, value, operator and effect', () => {
    const taint = { key: 'key1', value: 'value1', effect: 'NoSchedule' };
    assert.equal(filterOn([taint], [{ key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }]), null);
    assert.equal(filterOn([taint], [{ key: 'key1', value: 'value1' }]), null, 'no operator means Equal; no effect means all');
    assert.equal(filterOn([taint], [{ key: 'key1', operator: 'Exists' }]), null);
    assert.equal(filterOn([taint], [{ operator: 'Exists' }]), null, 'empty key with Exists tolerates everything');
    assert.notEqual(filterOn([taint], [{ key: 'key1', operator: 'Equal', value: 'other' }]), null);
    assert.notEqual(filterOn([taint], [{ key: 'key1', operator: 'Exists', effect: 'NoExecute' }]), null);
    assert.notEqual(filterOn([taint], [{ key: 'key2', operator: 'Exists' }]), null);
  });

  it('needs every NoSchedule/NoExecute taint tolerated', () => {
    const taints = [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', value: 'x', effect: 'NoExecute' }];
    assert.deepEqual(filterOn(taints, [{ key: 'a', operator: 'Exists' }])?.reasons, ['node(s) had untolerated taint {b: x}']);
    assert.equal(filterOn(taints, [{ key: 'a', operator: 'Exists' }, { key: 'b', value: 'x' }]), null);
  });

  it('rejects unknown operators', () => {
    assert.equal(toleratesTaint({ key: 'a', operator: 'Gt', value: '1' }, { key: 'a', value: '1', effect: 'NoSchedule' }), false);
  });
});

describe('TaintToleration score', () => {
  it('prefers nodes with fewer untolerated PreferNoSchedule taints', () => {
    const soft = (key: string): TaintView => ({ key, value: 'v', effect: 'PreferNoSchedule' });
    const s = makeSnapshot([
      makeNode('one', { taints: [soft('a')] }),
      makeNode('none'),
      makeNode('two', { taints: [soft('a'), soft('b')] }),
      makeNode('tolerated', { taints: [soft('c'), { key: 'd', effect: 'NoSchedule' }] }),
    ]);
    const { c } = preparedCycle(makePod('p', { tolerations: [{ key: 'c', operator: 'Exists', effect: 'PreferNoSchedule' }, { key: 'd', operator: 'Exists' }] }), s, [taintToleration]);
    taintToleration.preScore(c, s.nodes);
    const scores = s.nodes.map((n) => taintToleration.score(c, n));
    assert.deepEqual(scores, [1, 0, 2, 0]);
    taintToleration.normalizeScore!(c, s.nodes, scores);
    assert.deepEqual(scores, [50, 100, 0, 100]);
  });
});
