import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimitedTimedQueue } from './rate-limited-queue.js';

describe('RateLimitedTimedQueue', () => {
  it('hands out one value at once, then one per 1/qps seconds, each once until removed', async () => {
    let t = 1_000_000;
    const q = new RateLimitedTimedQueue(0.1, () => t);
    const handled: string[] = [];
    const take = () => q.try(async (v) => { handled.push(v); return { done: true }; });
    assert.equal(q.add('a'), true);
    assert.equal(q.add('b'), true);
    assert.equal(q.add('a'), false);
    await take();
    assert.deepEqual(handled, ['a']);
    t += 5_000;
    await take();
    assert.deepEqual(handled, ['a']);
    t += 5_000;
    await take();
    assert.deepEqual(handled, ['a', 'b']);
    assert.equal(q.add('a'), false, 'a handled value stays seen');
    assert.equal(q.remove('a'), true);
    assert.equal(q.add('a'), true);
    t += 10_000;
    await take();
    assert.deepEqual(handled, ['a', 'b', 'a']);
  });

  it('retries failed values after their delay and stops at 0 QPS', async () => {
    let t = 0;
    const q = new RateLimitedTimedQueue(1000, () => t);
    let calls = 0;
    q.add('x');
    await q.try(async () => { calls++; return { done: false, retryAfterMs: 50 }; });
    assert.equal(calls, 1);
    t += 10;
    await q.try(async () => { calls++; return { done: true }; });
    assert.equal(calls, 1, 'not due yet');
    t += 100;
    q.swapLimiter(0);
    await q.try(async () => { calls++; return { done: true }; });
    assert.equal(calls, 1, 'stopped');
    q.swapLimiter(1000);
    t += 1000;
    await q.try(async () => { calls++; return { done: true }; });
    assert.equal(calls, 2);
    assert.equal(q.has('x'), false);
  });
});
