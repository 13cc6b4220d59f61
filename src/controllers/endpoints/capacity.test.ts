import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countAddresses, truncateSubsets } from './capacity.js';
import type { EndpointAddress, EndpointSubset } from './types.js';

const addrs = (n: number, base: number): EndpointAddress[] => Array.from({ length: n }, (_, i) => ({ ip: `10.42.${base}.${i}` }));

describe('truncateSubsets', () => {
  it('leaves subsets that fit alone', () => {
    assert.equal(truncateSubsets([{ addresses: addrs(10, 0) }], 10), undefined);
  });

  it('cuts not-ready addresses first, in proportion', () => {
    const out = truncateSubsets([
      { addresses: addrs(4, 0), notReadyAddresses: addrs(4, 1) },
      { addresses: addrs(2, 2), notReadyAddresses: addrs(2, 3) },
    ], 9) as EndpointSubset[];
    assert.equal(countAddresses(out), 9);
    assert.equal(out[0].addresses?.length, 4);
    assert.equal(out[1].addresses?.length, 2);
    assert.equal(out[0].notReadyAddresses?.length, 2);
    assert.equal(out[1].notReadyAddresses?.length, 1);
  });

  it('keeps only ready addresses when they alone overflow', () => {
    const out = truncateSubsets([
      { addresses: addrs(6, 0), notReadyAddresses: addrs(3, 1) },
      { addresses: addrs(6, 2) },
    ], 10) as EndpointSubset[];
    assert.equal(countAddresses(out), 10);
    assert.equal(out[0].addresses?.length, 5);
    assert.equal(out[0].notReadyAddresses, undefined);
    assert.equal(out[1].addresses?.length, 5);
  });
});
