import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SyncRunner } from './sync-runner.js';

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('SyncRunner', () => {
  it('coalesces requests: many at once give one run, requests during a run give one more', async () => {
    let runs = 0;
    let release!: () => void;
    const r = new SyncRunner(async () => {
      runs++;
      if (runs === 1) await new Promise<void>((res) => { release = res; });
    }, { minIntervalMs: 0, periodMs: 60_000, retryMs: 60_000 });
    r.start();
    for (let i = 0; i < 100; i++) r.request();
    await tick(5);
    assert.equal(runs, 1);
    for (let i = 0; i < 100; i++) r.request();
    const next = r.nextRun();
    release();
    await next;
    assert.equal(runs, 2);
    await tick(5);
    assert.equal(runs, 2);
    await r.stop();
  });

  it('waits out the minimum interval before the next run', async () => {
    const starts: number[] = [];
    const r = new SyncRunner(async () => { starts.push(performance.now()); }, { minIntervalMs: 200, periodMs: 60_000, retryMs: 60_000 });
    r.start();
    await r.nextRun();
    r.request();
    await r.nextRun();
    assert.equal(starts.length, 2);
    assert.ok(starts[1]! - starts[0]! >= 190, `second run ${starts[1]! - starts[0]!} ms after the first`);
    await r.stop();
  });

  it('retries after a failure, runs now on demand, and does nothing once stopped', async () => {
    let runs = 0;
    const log: string[] = [];
    const r = new SyncRunner(async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
    }, { minIntervalMs: 0, periodMs: 60_000, retryMs: 10, log: (l) => log.push(l) });
    r.start();
    await r.nextRun();
    await r.nextRun();
    assert.equal(runs, 2);
    assert.deepEqual(log, ['service proxy: sync failed: boom']);
    await r.runNow();
    assert.equal(runs, 3);
    await r.stop();
    r.request();
    await tick(20);
    assert.equal(runs, 3);
  });
});
