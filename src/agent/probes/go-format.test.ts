import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goDuration, goIntOrString, goStringSlice } from './go-format.js';

describe('Go formatting', () => {
  it('prints durations as time.Duration does', () => {
    assert.equal(goDuration(1000), '1s');
    assert.equal(goDuration(10_000), '10s');
    assert.equal(goDuration(250), '250ms');
    assert.equal(goDuration(0), '0s');
    assert.equal(goDuration(60_000), '1m0s');
    assert.equal(goDuration(90_500), '1m30.5s');
    assert.equal(goDuration(3_600_000), '1h0m0s');
  });

  it('prints slices and int-or-strings', () => {
    assert.equal(goStringSlice(['sh', '-c', 'exit 1']), '[sh -c exit 1]');
    assert.equal(goIntOrString(8080), '{0 8080 }');
    assert.equal(goIntOrString('http'), '{1 0 http}');
  });
});
