/** Conformance: watch history replay, live events, compaction and cancellation. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WatchCallbacks, WatchEvent } from './backend.js';
import type { ConformanceContext } from './conformance.js';
import { CompactedError } from './errors.js';

/** Collects what a watch delivers and lets a test wait for it. */
class Collector implements WatchCallbacks {
  readonly events: WatchEvent[] = [];
  readonly errors: Error[] = [];
  private wake: (() => void) | undefined;

  onEvents(events: WatchEvent[]): void {
    this.events.push(...events);
    this.wake?.();
  }

  onError(err: Error): void {
    this.errors.push(err);
    this.wake?.();
  }

  async waitFor(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        assert.fail(`Timed out waiting for ${what}: ${this.events.length} events, errors: ${this.errors.join('; ')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  eventCount(n: number): Promise<void> {
    return this.waitFor(() => this.events.length >= n || this.errors.length > 0, `${n} events`);
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function watchTests(ctx: ConformanceContext): void {
  describe('watch', () => {
    it('replays history after a revision, then delivers live events in order with prevKv', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const pods = `${ns}pods/`;
      const start = await b.currentRevision();
      const a1 = await b.create(`${pods}a`, 'a1');
      const a2 = await b.update(`${pods}a`, 'a2', a1.modRevision);
      const b1 = await b.create(`${pods}b`, 'b1');
      await b.create(`${ns}podsx/sibling`, 'no');
      const aGone = await b.delete(`${pods}a`, a2.modRevision);

      const seen = new Collector();
      const handle = b.watch(pods, start, seen);
      await seen.eventCount(4);
      assert.deepEqual(seen.errors, []);
      assert.deepEqual(seen.events.slice(0, 4), [
        { type: 'put', kv: a1, revision: a1.modRevision },
        { type: 'put', kv: a2, prevKv: a1, revision: a2.modRevision },
        { type: 'put', kv: b1, revision: b1.modRevision },
        { type: 'delete', kv: aGone, prevKv: a2, revision: aGone.modRevision },
      ]);

      const b2 = await b.update(`${pods}b`, 'b2', b1.modRevision);
      await b.create(`${ns}podsx/other`, 'no');
      const bGone = await b.delete(`${pods}b`, 0);
      const c1 = await b.create(`${pods}c`, 'c1');
      await seen.eventCount(7);
      assert.deepEqual(seen.events.slice(4), [
        { type: 'put', kv: b2, prevKv: b1, revision: b2.modRevision },
        { type: 'delete', kv: bGone, prevKv: b2, revision: bGone.modRevision },
        { type: 'put', kv: c1, revision: c1.modRevision },
      ]);
      handle.cancel();
    });

    it('watches from the current revision with only live events', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      await b.create(`${ns}old`, 'old');
      const seen = new Collector();
      const handle = b.watch(ns, await b.currentRevision(), seen);
      const kvs = await Promise.all([b.create(`${ns}x`, 'x'), b.create(`${ns}y`, 'y'), b.create(`${ns}z`, 'z')]);
      await seen.eventCount(3);
      assert.deepEqual(seen.events.map((e) => e.kv), [...kvs].sort((p, q) => p.modRevision - q.modRevision));
      const revs = seen.events.map((e) => e.revision);
      for (let i = 1; i < revs.length; i++) assert.ok(revs[i] > revs[i - 1]);
      handle.cancel();
    });

    it('fails a watch from a compacted revision with CompactedError', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const v1 = await b.create(`${ns}a`, 'v1');
      const v2 = await b.update(`${ns}a`, 'v2', v1.modRevision);
      const v3 = await b.update(`${ns}a`, 'v3', v2.modRevision);
      await b.compact(v3.modRevision);
      const seen = new Collector();
      const handle = b.watch(ns, v1.modRevision - 1, seen);
      await seen.waitFor(() => seen.errors.length > 0, 'the compaction error');
      assert.equal(seen.errors.length, 1);
      const err = seen.errors[0];
      assert.ok(err instanceof CompactedError, String(err));
      assert.ok(err.compacted >= v3.modRevision);
      assert.deepEqual(seen.events, []);
      handle.cancel();

      const ok = new Collector();
      const fromCompacted = b.watch(ns, v3.modRevision, ok);
      const v4 = await b.update(`${ns}a`, 'v4', v3.modRevision);
      await ok.eventCount(1);
      assert.deepEqual(ok.errors, []);
      assert.deepEqual(ok.events, [{ type: 'put', kv: v4, prevKv: v3, revision: v4.modRevision }]);
      fromCompacted.cancel();
    });

    it('stops delivering after cancel', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const seen = new Collector();
      const handle = b.watch(ns, await b.currentRevision(), seen);
      await b.create(`${ns}a`, 'a');
      await seen.eventCount(1);
      handle.cancel();
      await b.create(`${ns}b`, 'b');
      await b.update(`${ns}a`, 'a2', 0);
      await settle(200);
      assert.equal(seen.events.length, 1);
      assert.deepEqual(seen.errors, []);
    });

    it('cancels a watch before it delivered anything', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const start = await b.currentRevision();
      await b.create(`${ns}a`, 'a');
      const seen = new Collector();
      b.watch(ns, start, seen).cancel();
      await b.create(`${ns}b`, 'b');
      await settle(200);
      assert.deepEqual(seen.events, []);
      assert.deepEqual(seen.errors, []);
    });
  });
}
