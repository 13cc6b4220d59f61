import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tolerationVerdict } from './tolerations.js';

const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReady = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' };

describe('tolerationVerdict', () => {
  it('evicts at once when a taint is not tolerated', () => {
    assert.deepEqual(tolerationVerdict([unreachable], undefined), { tolerated: false });
    assert.deepEqual(tolerationVerdict([unreachable, notReady], [{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute' }]), { tolerated: false });
  });

  it('uses the shortest bounded toleration; unbounded ones tolerate forever', () => {
    const defaults = [
      { key: notReady.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
    ];
    assert.deepEqual(tolerationVerdict([unreachable, notReady], defaults), { tolerated: true, forMs: 30_000 });
    assert.deepEqual(tolerationVerdict([unreachable], [{ operator: 'Exists' }]), { tolerated: true, forMs: undefined });
    assert.deepEqual(tolerationVerdict([unreachable], [{ key: unreachable.key, operator: 'Exists', tolerationSeconds: -5 }]), { tolerated: true, forMs: 0 });
  });
});
