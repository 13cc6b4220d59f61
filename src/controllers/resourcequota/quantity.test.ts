import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addQuantities, canonical, comparableValues, formatQuantity, milliValue, parseQuantity, quantityOf, subtractQuantities, unitValue,
} from './quantity.js';

const q = (s: string | number) => {
  const v = parseQuantity(s);
  assert.ok(v, `${s} parses`);
  return v;
};

describe('quota quantities', () => {
  it('parses with the format of the suffix and rounds finer than 1n up', () => {
    assert.deepEqual(q('100m'), { nano: 100_000_000n, format: 'DecimalSI' });
    assert.deepEqual(q('1Gi'), { nano: (1n << 30n) * 1_000_000_000n, format: 'BinarySI' });
    assert.deepEqual(q('2e3'), { nano: 2_000_000_000_000n, format: 'DecimalExponent' });
    assert.deepEqual(q(4), { nano: 4_000_000_000n, format: 'DecimalSI' });
    assert.equal(q('0.0000000001').nano, 1n);
    assert.equal(q('-1').nano, -1_000_000_000n);
    for (const bad of ['', 'abc', '1Qi', '1.2.3', '--1']) assert.equal(parseQuantity(bad), undefined, bad);
  });

  it('writes the canonical text of each format', () => {
    const cases: Array<[string, string]> = [
      ['1000m', '1'], ['0.5', '500m'], ['1500000', '1500k'], ['1.5Gi', '1536Mi'], ['2048Mi', '2Gi'], ['1536Ki', '1536Ki'],
      ['0.5Ki', '512'], ['1e3', '1e3'], ['12e6', '12e6'], ['1e0', '1'], ['0', '0'], ['0Gi', '0'], ['100m', '100m'],
      ['1G', '1G'], ['1536870912', '1536870912'], ['-2Gi', '-2Gi'], ['1n', '1n'],
    ];
    for (const [input, want] of cases) assert.equal(canonical(input), want, input);
    assert.equal(canonical('lots'), 'lots');
  });

  it('adds and subtracts keeping the first operand format unless it is zero', () => {
    assert.equal(formatQuantity(addQuantities(quantityOf(0), q('512Mi'))), '512Mi');
    assert.equal(formatQuantity(addQuantities(q('512Mi'), q('512Mi'))), '1Gi');
    assert.equal(formatQuantity(addQuantities(q('1G'), q('512Mi'))), '1536870912');
    assert.equal(formatQuantity(addQuantities(q('500m'), q('1'))), '1500m');
    assert.equal(formatQuantity(subtractQuantities(q('1Gi'), q('512Mi'))), '512Mi');
    assert.equal(formatQuantity(subtractQuantities(quantityOf(0), q('1Gi'))), '-1Gi');
  });

  it('rounds values up to whole units and milli-units', () => {
    assert.equal(unitValue(q('1500m')), 2n);
    assert.equal(unitValue(q('-1500m')), -1n);
    assert.equal(milliValue(q('0.5m')), 1n);
    assert.equal(milliValue(q('2')), 2000n);
  });

  it('compares in milli-units unless a value is too large for them', () => {
    assert.deepEqual(comparableValues(q('100m'), q('1'), q('0')), [100n, 1000n, 0n]);
    assert.deepEqual(comparableValues(q('1.5'), q('10Ei')), [2n, 10n * (1n << 60n)]);
  });
});
