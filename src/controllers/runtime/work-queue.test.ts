import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RateLimiter } from './rate-limiter.js';
import { WorkQueue } from './work-queue.js';

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** True when nothing is ready to be handed out after ms. */
async function emptyAfter<T>(q: WorkQueue<T>, ms: number): Promise<boolean> {
  await tick(ms);
  return q.len() === 0;
}

describe('WorkQueue', () => {
  it('hands out an item added several times once, in order of first add', async () => {
    const q = new WorkQueue<string>();
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    assert.equal(q.len(), 3);
    assert.deepEqual([await q.get(), await q.get(), await q.get()], ['a', 'b', 'c']);
    assert.ok(await emptyAfter(q, 20));
  });

  it('an item added while processed is handed out again only after done()', async () => {
    const q = new WorkQueue<string>();
    q.add('a');
    const item = await q.get();
    q.add('a');
    q.add('a');
    assert.ok(await emptyAfter(q, 20), 'never to two workers at once');
    q.done(item as string);
    assert.equal(await q.get(), 'a');
    q.done('a');
    assert.ok(await emptyAfter(q, 20), 'the two adds while processing count once');
  });

  it('a waiting get() receives the next add', async () => {
    const q = new WorkQueue<string>();
    const p = q.get();
    q.add('x');
    assert.equal(await p, 'x');
  });

  it('addAfter delays an item; the earlier of two delays wins', async () => {
    const q = new WorkQueue<string>();
    q.addAfter('late', 60);
    assert.ok(await emptyAfter(q, 20));
    assert.equal(await q.get(), 'late');
    q.addAfter('b', 500);
    q.addAfter('b', 30);
    const start = Date.now();
    assert.equal(await q.get(), 'b');
    assert.ok(Date.now() - start < 400, 'came at the earlier time');
  });

  it('addRateLimited waits as the limiter says; forget() clears the failures', async () => {
    const asked: string[] = [];
    const limiter: RateLimiter<string> = {
      when: (item) => { asked.push(item); return 50; },
      forget: (item) => { asked.push(`forget ${item}`); },
      numRequeues: () => 7,
    };
    const q = new WorkQueue<string>(limiter);
    q.addRateLimited('k');
    assert.ok(await emptyAfter(q, 15));
    assert.equal(await q.get(), 'k');
    q.forget('k');
    assert.deepEqual(asked, ['k', 'forget k']);
    assert.equal(q.numRequeues('k'), 7);
  });

  it('rate-limited retries of one failing item back off exponentially', async () => {
    const q = new WorkQueue<string>();
    const times: number[] = [];
    q.add('k');
    for (let i = 0; i < 6; i++) {
      const k = await q.get();
      times.push(Date.now());
      q.addRateLimited(k as string);
      q.done(k as string);
    }
    // waits of 5, 10, 20, 40, 80 ms: 155 ms at least in all
    assert.ok(times[5] - times[0] >= 150, `took ${times[5] - times[0]} ms`);
    assert.equal(q.numRequeues('k'), 6);
  });

  it('shutdown: waiting get()s end, adds are ignored, queued items still come out', async () => {
    const q = new WorkQueue<string>();
    const waiting = q.get();
    q.shutdown();
    assert.equal(await waiting, undefined);
    q.add('ignored');
    assert.equal(await q.get(), undefined);

    const q2 = new WorkQueue<string>();
    q2.add('a');
    q2.addAfter('delayed', 10);
    q2.shutdown();
    assert.equal(await q2.get(), 'a');
    await tick(30);
    assert.equal(await q2.get(), undefined, 'delayed items are dropped');
  });

  it('shutdownWithDrain waits for items in progress', async () => {
    const q = new WorkQueue<string>();
    q.add('a');
    const item = await q.get();
    let drained = false;
    const p = q.shutdownWithDrain().then(() => { drained = true; });
    await tick(20);
    assert.equal(drained, false);
    q.done(item as string);
    await p;
    assert.equal(drained, true);
  });

  it('waits out delays longer than a Node timer can hold (no early firing)', async () => {
    const q = new WorkQueue<string>();
    q.addAfter('next-year', 2 ** 31 + 60_000);
    await tick(20);
    q.add('now');
    assert.equal(await q.get(), 'now');
    q.done('now');
    q.add('again');
    assert.equal(await q.get(), 'again', 'the far item is still waiting');
    q.shutdown();
  });
});
