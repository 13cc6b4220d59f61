import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repackSubsets } from './repack-subsets.js';

describe('repackSubsets', () => {
  it('merges addresses by port set, not-ready winning, sorted numerically', () => {
    const http = { name: 'http', port: 80, protocol: 'TCP' };
    const out = repackSubsets([
      { addresses: [{ ip: '10.0.0.10' }], ports: [http] },
      { addresses: [{ ip: '10.0.0.9' }], ports: [http] },
      { addresses: [{ ip: '10.0.0.9' }], ports: [http] },
      { notReadyAddresses: [{ ip: '10.0.0.11' }], ports: [http] },
      { addresses: [{ ip: '10.0.0.11' }], ports: [http] },
    ]);
    assert.deepEqual(out, [{ addresses: [{ ip: '10.0.0.9' }, { ip: '10.0.0.10' }], notReadyAddresses: [{ ip: '10.0.0.11' }], ports: [http] }]);
  });

  it('keeps addresses with the same IP but different targets apart', () => {
    const out = repackSubsets([
      { addresses: [{ ip: '10.0.0.1', targetRef: { uid: 'b' } }] },
      { addresses: [{ ip: '10.0.0.1', targetRef: { uid: 'a' } }] },
    ]);
    assert.deepEqual(out, [{ addresses: [{ ip: '10.0.0.1', targetRef: { uid: 'a' } }, { ip: '10.0.0.1', targetRef: { uid: 'b' } }] }]);
  });

  it('gives nothing for nothing', () => {
    assert.deepEqual(repackSubsets([]), []);
  });
});
