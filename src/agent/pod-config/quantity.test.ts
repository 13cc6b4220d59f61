import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { add, ceilDiv, cmp, milliValue, parseDec, value } from './quantity.js';

describe('exact quantities', () => {
  const cases: Array<[string | number, number, number]> = [
    // input, Value(), MilliValue()
    ['100m', 1, 100],
    ['0.1', 1, 100],
    ['1', 1, 1000],
    ['1.5', 2, 1500],
    ['128Mi', 134217728, 134217728000],
    ['1Gi', 1073741824, 1073741824000],
    ['1.5Gi', 1610612736, 1610612736000],
    ['2e3', 2000, 2000000],
    ['1k', 1000, 1000000],
    ['1M', 1000000, 1000000000],
    ['500n', 1, 1],
    ['0', 0, 0],
    [2, 2, 2000],
    [0.25, 1, 250],
    ['.5', 1, 500],
  ];
  for (const [input, v, mv] of cases) {
    it(`reads ${JSON.stringify(input)} as Value ${v}, MilliValue ${mv}`, () => {
      assert.equal(value(input), v);
      assert.equal(milliValue(input), mv);
    });
  }

  it('treats absent and invalid quantities as zero, and rejects bad forms', () => {
    assert.equal(value(undefined), 0);
    assert.equal(milliValue('nonsense'), 0);
    assert.equal(parseDec('1.2.3'), undefined);
    assert.equal(parseDec('1Qi'), undefined);
    assert.equal(parseDec(''), undefined);
  });

  it('divides exactly, rounding up', () => {
    const q = (s: string) => parseDec(s)!;
    assert.equal(ceilDiv(q('100m'), q('1m')), 100n);
    assert.equal(ceilDiv(q('0.1'), q('1m')), 100n);
    assert.equal(ceilDiv(q('250m'), q('1')), 1n);
    assert.equal(ceilDiv(q('1Gi'), q('1Mi')), 1024n);
    assert.equal(ceilDiv(q('1G'), q('1Mi')), 954n);
    assert.equal(ceilDiv(q('0'), q('1')), 0n);
  });

  it('adds and compares across units', () => {
    const q = (s: string) => parseDec(s)!;
    assert.equal(cmp(add(q('500m'), q('0.5')), q('1')), 0);
    assert.equal(cmp(q('1Ki'), q('1k')), 1);
    assert.equal(cmp(q('1000m'), q('1')), 0);
    assert.equal(cmp(q('999m'), q('1')), -1);
  });
});
