import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalQuantity, roundUpToMilli } from './quantity-canonical.js';

describe('canonical quantities', () => {
  it('writes quantities as Kubernetes writes them back', () => {
    const cases: Array<[string | number, string]> = [
      ['1000m', '1'], ['0.5', '500m'], ['1500m', '1500m'], ['2000', '2k'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'],
      ['1.5Gi', '1536Mi'], ['128974848', '128974848'], ['0', '0'], ['0m', '0'], [2, '2'], ['100Mi', '100Mi'], ['-1', '-1'],
      ['1e3', '1k'], ['250m', '250m'], ['0.1', '100m'],
    ];
    for (const [input, want] of cases) assert.equal(canonicalQuantity(input), want, String(input));
  });

  it('leaves text that is not a quantity alone', () => {
    assert.equal(canonicalQuantity('lots'), 'lots');
  });

  it('rounds up to milli-units', () => {
    assert.equal(roundUpToMilli('0.0001'), '1m');
    assert.equal(roundUpToMilli('1.0005'), '1001m');
    assert.equal(roundUpToMilli('64Mi'), '64Mi');
  });
});
