import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Expectations, EXPECTATIONS_TTL_MS } from './expectations.js';

describe('Expectations', () => {
  it('a key with no expectations is satisfied', () => {
    assert.equal(new Expectations().satisfied('ns/rs'), true);
  });

  it('creations and deletions must all be observed', () => {
    const e = new Expectations();
    e.expectCreations('ns/rs', 2);
    assert.equal(e.satisfied('ns/rs'), false);
    e.creationObserved('ns/rs');
    assert.equal(e.satisfied('ns/rs'), false);
    e.creationObserved('ns/rs');
    assert.equal(e.satisfied('ns/rs'), true);
    e.expectDeletions('ns/rs', 1);
    assert.equal(e.satisfied('ns/rs'), false);
    e.deletionObserved('ns/rs');
    assert.equal(e.satisfied('ns/rs'), true);
    e.raise('ns/rs', 1, 1);
    assert.deepEqual(e.pending('ns/rs'), { add: 1, del: 1 });
    e.delete('ns/rs');
    assert.equal(e.pending('ns/rs'), undefined);
    assert.equal(e.satisfied('ns/rs'), true);
  });

  it('expectations expire after the TTL (5 minutes)', () => {
    let now = 1_000_000;
    const e = new Expectations(undefined, () => now);
    e.expectCreations('k', 3);
    now += EXPECTATIONS_TTL_MS;
    assert.equal(e.satisfied('k'), false);
    now += 1;
    assert.equal(e.satisfied('k'), true);
    assert.equal(EXPECTATIONS_TTL_MS, 300_000);
  });

  it('deletions tracked by uid count each expected uid once', () => {
    const e = new Expectations();
    e.expectDeletionsOf('k', ['u1', 'u2']);
    e.deletionObserved('k', 'u1');
    e.deletionObserved('k', 'u1');
    e.deletionObserved('k', 'other');
    assert.equal(e.satisfied('k'), false);
    e.deletionObserved('k', 'u2');
    assert.equal(e.satisfied('k'), true);
  });
});
