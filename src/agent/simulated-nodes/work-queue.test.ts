import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkQueue } from './work-queue.js';

describe('WorkQueue', () => {
  it('runs at most `workers` syncs at once and each queued key once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: string[] = [];
    const q = new WorkQueue(async (k) => {
      inFlight++; peak = Math.max(peak, inFlight);
      seen.push(k);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
    }, 3, () => {});
    for (let i = 0; i < 20; i++) q.add(`k${i}`);
    for (let i = 0; i < 20; i++) q.add(`k${i}`);
    await q.idle();
    assert.equal(peak, 3);
    // k0…k2 were already being processed when added again, so they run once more; the rest were
    // still waiting, so the second add was absorbed.
    assert.equal(seen.length, 23);
    assert.equal(new Set(seen).size, 20);
  });

  it('re-runs a key added while it was being processed, never concurrently', async () => {
    let runs = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const q = new WorkQueue(async () => {
      runs++; concurrent++; maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((r) => setTimeout(r, 5));
      concurrent--;
    }, 4, () => {});
    q.add('a');
    await new Promise((r) => setTimeout(r, 1));
    q.add('a');
    await new Promise((r) => setTimeout(r, 20));
    await q.idle();
    assert.equal(runs, 2);
    assert.equal(maxConcurrent, 1);
  });

  it('delays keys with addAfter, the earliest request winning', async () => {
    const seen: Array<[string, number]> = [];
    const start = Date.now();
    const q = new WorkQueue(async (k) => { seen.push([k, Date.now() - start]); }, 1, () => {});
    q.addAfter('x', 200);
    q.addAfter('x', 30);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(seen.length, 1);
    assert.ok(seen[0][1] >= 25 && seen[0][1] < 100, `ran after ${seen[0][1]} ms`);
    q.stop();
  });
});
