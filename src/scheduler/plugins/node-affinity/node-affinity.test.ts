import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import type { NodeSelectorTermView, PodView } from '../../types.js';
import { ERR_REASON_POD, nodeAffinity } from './node-affinity.js';

const node = makeNode('node-1', { labels: { app: 'backend', zone: 'a', cores: '16' } });
const s = makeSnapshot([node, makeNode('node-2', { labels: { app: 'frontend', cores: '4' } })]);

function required(...terms: NodeSelectorTermView[]): PodView {
  return makePod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
}

function fits(pod: PodView, nodeName = 'node-1'): boolean {
  const { c, pre } = preparedCycle(pod, s, [nodeAffinity]);
  if (pre.status) return false;
  if (c.state.skipFilter.has('NodeAffinity')) return true;
  const st = nodeAffinity.filter(c, s.nodeInfo(nodeName)!);
  if (st) assert.deepEqual([st.code, st.reasons], ['UnschedulableAndUnresolvable', [ERR_REASON_POD]]);
  return st === null;
}

describe('NodeAffinity filter', () => {
  it('matches nodeSelector labels', () => {
    assert.equal(fits(makePod('p', { nodeSelector: { app: 'backend' } })), true);
    assert.equal(fits(makePod('p', { nodeSelector: { app: 'backend', zone: 'b' } })), false);
  });

  it('evaluates In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
    const t = (key: string, operator: string, values?: string[]) => required({ matchExpressions: [{ key, operator, values }] });
    assert.equal(fits(t('app', 'In', ['backend', 'x'])), true);
    assert.equal(fits(t('app', 'In', ['frontend'])), false);
    assert.equal(fits(t('app', 'NotIn', ['frontend'])), true);
    assert.equal(fits(t('missing', 'NotIn', ['x'])), true, 'NotIn matches nodes without the label');
    assert.equal(fits(t('zone', 'Exists')), true);
    assert.equal(fits(t('zone', 'DoesNotExist')), false);
    assert.equal(fits(t('cores', 'Gt', ['8'])), true);
    assert.equal(fits(t('cores', 'Gt', ['16'])), false);
    assert.equal(fits(t('cores', 'Lt', ['20'])), true);
    assert.equal(fits(t('app', 'Gt', ['1'])), false, 'a non-integer label never satisfies Gt');
    assert.equal(fits(t('cores', 'Gt', ['many'])), false, 'a term that does not parse matches nothing');
  });

  it('ORs terms and ANDs the requirements inside a term; an empty term matches nothing', () => {
    assert.equal(fits(required({ matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] })), true);
    assert.equal(fits(required({ matchExpressions: [{ key: 'app', operator: 'In', values: ['backend'] }, { key: 'zone', operator: 'In', values: ['b'] }] })), false);
    assert.equal(fits(required({})), false);
  });

  it('requires both nodeSelector and affinity', () => {
    const pod = required({ matchExpressions: [{ key: 'app', operator: 'Exists' }] });
    pod.spec!.nodeSelector = { zone: 'b' };
    assert.equal(fits(pod), false);
  });

  it('matches metadata.name fields and narrows the nodes in PreFilter', () => {
    const pod = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] });
    const { pre } = preparedCycle(pod, s, [nodeAffinity]);
    assert.deepEqual([...pre.nodeNames!], ['node-2']);
    assert.equal(fits(pod, 'node-2'), true);
    assert.equal(fits(pod, 'node-1'), false);
    assert.equal(fits(required({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['node-1'] }] }), 'node-1'), false);
  });

  it('rejects conflicting name terms in PreFilter', () => {
    const pod = required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] });
    const { pre } = preparedCycle(pod, s, [nodeAffinity]);
    assert.deepEqual([pre.status?.code, pre.status?.reasons], ['UnschedulableAndUnresolvable', ['pod affinity terms conflict']]);
  });
});

describe('NodeAffinity score', () => {
  it('sums the weights of matching preferred terms, normalized to 100', () => {
    const pod = makePod('p', {
      affinity: {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 2, preference: { matchExpressions: [{ key: 'app', operator: 'In', values: ['frontend'] }] } },
            { weight: 5, preference: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['2'] }] } },
          ],
        },
      },
    });
    const { c } = preparedCycle(pod, s, [nodeAffinity]);
    assert.equal(nodeAffinity.preScore(c, s.nodes), null);
    const scores = s.nodes.map((n) => nodeAffinity.score(c, n));
    assert.deepEqual(scores, [5, 7]);
    nodeAffinity.normalizeScore!(c, s.nodes, scores);
    assert.deepEqual(scores, [71, 100]);
  });

  it('skips scoring without preferred terms', () => {
    const { c } = preparedCycle(makePod('p'), s, [nodeAffinity]);
    assert.equal(nodeAffinity.preScore(c, s.nodes)?.code, 'Skip');
  });
});
