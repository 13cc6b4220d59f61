import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuantity, milliValue, isQuantity } from './quantity.js';

describe('quantity', () => {
  it('parses decimal, binary and exponent suffixes', () => {
    assert.equal(parseQuantity('100m'), 0.1);
    assert.equal(parseQuantity('128Mi'), 128 * 2 ** 20);
    assert.equal(parseQuantity('1.5'), 1.5);
    assert.equal(parseQuantity('2e3'), 2000);
    assert.equal(parseQuantity('1k'), 1000);
    assert.equal(parseQuantity(2), 2);
    assert.equal(milliValue('250m'), 250);
    assert.equal(milliValue('1'), 1000);
  });
  it('rejects what Kubernetes rejects', () => {
    for (const bad of ['', 'abc', '1 Gi', '1Gb', '1..2', 'Mi', '--1']) assert.equal(isQuantity(bad), false, bad);
  });
});
