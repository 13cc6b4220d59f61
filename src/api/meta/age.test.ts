import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration } from './age.js';

describe('humanDuration', () => {
  it('formats like kubectl', () => {
    const s = 1000;
    assert.equal(humanDuration(5 * s), '5s');
    assert.equal(humanDuration(119 * s), '119s');
    assert.equal(humanDuration(150 * s), '2m30s');
    assert.equal(humanDuration(600 * s), '10m');
    assert.equal(humanDuration(3 * 3600 * s + 120 * s), '3h2m');
    assert.equal(humanDuration(30 * 3600 * s), '30h');
    assert.equal(humanDuration(50 * 3600 * s), '2d2h');
    assert.equal(humanDuration(10 * 86400 * s), '10d');
    assert.equal(humanDuration(-5 * s), '<invalid>');
  });
});
