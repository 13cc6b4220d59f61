import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BucketRateLimiter, defaultControllerRateLimiter, ItemExponentialRateLimiter, MaxOfRateLimiter } from './rate-limiter.js';

describe('rate limiters', () => {
  it('backs off per item exponentially from 5 ms to the cap, and forget() resets', () => {
    const rl = new ItemExponentialRateLimiter<string>(5, 1000_000);
    assert.deepEqual([1, 2, 3, 4].map(() => rl.when('a')), [5, 10, 20, 40]);
    assert.equal(rl.when('b'), 5, 'items back off independently');
    assert.equal(rl.numRequeues('a'), 4);
    for (let i = 0; i < 30; i++) rl.when('a');
    assert.equal(rl.when('a'), 1000_000, 'capped at 1000 s');
    rl.forget('a');
    assert.equal(rl.numRequeues('a'), 0);
    assert.equal(rl.when('a'), 5);
  });

  it('a token bucket lets a burst through, then paces at qps', () => {
    let now = 0;
    const rl = new BucketRateLimiter<string>(10, 100, () => now);
    for (let i = 0; i < 100; i++) assert.equal(rl.when(`i${i}`), 0);
    assert.equal(Math.round(rl.when('x')), 100);
    assert.equal(Math.round(rl.when('y')), 200);
    now += 1000; // ten tokens come back, two were borrowed
    assert.equal(Math.round(rl.when('z')), 0);
  });

  it('the default limiter takes the larger of the two waits', () => {
    let now = 0;
    const rl = new MaxOfRateLimiter<string>(new ItemExponentialRateLimiter<string>(5, 1000_000), new BucketRateLimiter<string>(10, 1, () => now));
    assert.equal(rl.when('a'), 5);
    assert.equal(Math.round(rl.when('b')), 100, 'the bucket is empty');
    const def = defaultControllerRateLimiter<string>();
    assert.equal(def.when('k'), 5);
    assert.equal(def.when('k'), 10);
    def.forget('k');
    assert.equal(def.numRequeues('k'), 0);
  });
});
