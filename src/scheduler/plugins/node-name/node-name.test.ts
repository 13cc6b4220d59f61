import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import { ERR_REASON_NODE_NAME, nodeName } from './node-name.js';

describe('NodeName', () => {
  const s = makeSnapshot([makeNode('node-1'), makeNode('node-2')]);
  it('lets any node take a pod that names none', () => {
    const { c } = preparedCycle(makePod('p'), s, [nodeName]);
    assert.equal(nodeName.filter(c, s.nodeInfo('node-1')!), null);
  });
  it('accepts only the named node', () => {
    const { c } = preparedCycle(makePod('p', { nodeName: 'node-1' }), s, [nodeName]);
    assert.equal(nodeName.filter(c, s.nodeInfo('node-1')!), null);
    const st = nodeName.filter(c, s.nodeInfo('node-2')!);
    assert.deepEqual([st?.code, st?.reasons], ['UnschedulableAndUnresolvable', [ERR_REASON_NODE_NAME]]);
    assert.equal(ERR_REASON_NODE_NAME, "node(s) didn't match the requested node name");
  });
});
