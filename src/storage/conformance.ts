/**
 * The one conformance suite every driver passes: runConformance(name, open) registers node:test
 * suites for key-value semantics, lists, compaction and watches. Each test works under its own key
 * prefix, so drivers backed by a shared server (etcd) can run it without a fresh store per test.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Backend } from './backend.js';
import { listTests } from './conformance-list.js';
import { watchTests } from './conformance-watch.js';
import { CompactedError, KeyExistsError, KeyNotFoundError, RevisionMismatchError } from './errors.js';

/** What the test groups get: the backend opened for the current test and a fresh key prefix. */
export interface ConformanceContext {
  backend(): Backend;
  /** A new prefix ending in '/', unique to this call (e.g. /registry/conformance-x1/). */
  prefix(): string;
}

let prefixCounter = 0;
const run = Date.now().toString(36);

export function runConformance(name: string, open: () => Promise<Backend>): void {
  describe(`${name} backend conformance`, () => {
    let current: Backend | undefined;
    const ctx: ConformanceContext = {
      backend: () => {
        if (!current) throw new Error('Cannot run the test: no backend is open');
        return current;
      },
      prefix: () => `/registry/conformance-${run}-${++prefixCounter}/`,
    };
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    keyValueTests(ctx);
    listTests(ctx);
    watchTests(ctx);
  });
}

function keyValueTests(ctx: ConformanceContext): void {
  describe('key-value', () => {
    it('creates a key once and refuses to create it again', async () => {
      const b = ctx.backend();
      const key = `${ctx.prefix()}a`;
      const kv = await b.create(key, 'v1');
      assert.equal(kv.key, key);
      assert.equal(kv.value, 'v1');
      assert.ok(kv.modRevision > 0);
      assert.equal(kv.createRevision, kv.modRevision);
      assert.deepEqual(await b.get(key), kv);
      await assert.rejects(b.create(key, 'v2'), KeyExistsError);
      assert.equal((await b.get(key))?.value, 'v1');
    });

    it('updates only at the expected revision and reports the current value otherwise', async () => {
      const b = ctx.backend();
      const key = `${ctx.prefix()}a`;
      const v1 = await b.create(key, 'v1');
      const v2 = await b.update(key, 'v2', v1.modRevision);
      assert.ok(v2.modRevision > v1.modRevision);
      assert.equal(v2.createRevision, v1.createRevision);
      const err = await b.update(key, 'v3', v1.modRevision).then(
        () => assert.fail('update with a stale revision succeeded'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof RevisionMismatchError);
      assert.equal(err.expected, v1.modRevision);
      assert.deepEqual(err.current, v2);
      const v3 = await b.update(key, 'v3', 0);
      assert.equal(v3.value, 'v3');
      assert.deepEqual(await b.get(key), v3);
    });

    it('fails to update or delete a missing key with KeyNotFoundError', async () => {
      const b = ctx.backend();
      const key = `${ctx.prefix()}missing`;
      await assert.rejects(b.update(key, 'v', 0), KeyNotFoundError);
      await assert.rejects(b.update(key, 'v', 5), KeyNotFoundError);
      await assert.rejects(b.delete(key, 0), KeyNotFoundError);
      await assert.rejects(b.delete(key, 5), KeyNotFoundError);
      const kv = await b.create(key, 'v');
      await b.delete(key, kv.modRevision);
      await assert.rejects(b.update(key, 'v', 0), KeyNotFoundError);
      await assert.rejects(b.delete(key, 0), KeyNotFoundError);
    });

    it('deletes at the expected revision and returns the last value', async () => {
      const b = ctx.backend();
      const key = `${ctx.prefix()}a`;
      const v1 = await b.create(key, 'v1');
      const v2 = await b.update(key, 'v2', v1.modRevision);
      const err = await b.delete(key, v1.modRevision).then(
        () => assert.fail('delete with a stale revision succeeded'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof RevisionMismatchError);
      assert.deepEqual(err.current, v2);
      const deleted = await b.delete(key, v2.modRevision);
      assert.equal(deleted.key, key);
      assert.equal(deleted.value, 'v2');
      assert.equal(deleted.createRevision, v1.createRevision);
      assert.ok(deleted.modRevision > v2.modRevision);
      assert.equal(await b.get(key), undefined);
      assert.equal(await b.currentRevision(), deleted.modRevision);
    });

    it('reads a key as of an older revision', async () => {
      const b = ctx.backend();
      const key = `${ctx.prefix()}a`;
      const v1 = await b.create(key, 'v1');
      const v2 = await b.update(key, 'v2', v1.modRevision);
      const gone = await b.delete(key, v2.modRevision);
      assert.deepEqual(await b.get(key, v1.modRevision), v1);
      assert.deepEqual(await b.get(key, v2.modRevision), v2);
      assert.equal(await b.get(key, gone.modRevision), undefined);
      assert.equal(await b.get(key, v1.modRevision - 1), undefined);
      assert.equal(await b.get(key), undefined);
    });

    it('gives every write a strictly greater revision', async () => {
      const b = ctx.backend();
      const key = `${ctx.prefix()}a`;
      const before = await b.currentRevision();
      const revs = [before];
      const c1 = await b.create(key, 'v1');
      revs.push(c1.modRevision);
      const u1 = await b.update(key, 'v2', c1.modRevision);
      revs.push(u1.modRevision);
      revs.push((await b.delete(key, u1.modRevision)).modRevision);
      const c2 = await b.create(key, 'again');
      revs.push(c2.modRevision);
      assert.equal(c2.createRevision, c2.modRevision);
      for (let i = 1; i < revs.length; i++) assert.ok(revs[i] > revs[i - 1], `revisions ${revs.join(', ')}`);
      assert.equal(await b.currentRevision(), c2.modRevision);
    });

    it('gives concurrent writes in one tick distinct revisions and their own results', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const created = await Promise.all(Array.from({ length: 25 }, (_, i) => b.create(`${ns}k${i}`, `v${i}`)));
      assert.equal(new Set(created.map((kv) => kv.modRevision)).size, created.length);
      created.forEach((kv, i) => assert.equal(kv.value, `v${i}`));
      const results = await Promise.allSettled([b.create(`${ns}same`, 'one'), b.create(`${ns}same`, 'two')]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.ok(rejected?.reason instanceof KeyExistsError);
      const updates = await Promise.allSettled([
        b.update(`${ns}k0`, 'x', created[0].modRevision),
        b.update(`${ns}k0`, 'y', created[0].modRevision),
      ]);
      assert.equal(updates.filter((r) => r.status === 'fulfilled').length, 1);
      const stale = updates.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.ok(stale?.reason instanceof RevisionMismatchError);
    });

    it('compacts: reads below the compacted revision fail, reads at it succeed', async () => {
      const b = ctx.backend();
      const ns = ctx.prefix();
      const v1 = await b.create(`${ns}a`, 'v1');
      const v2 = await b.update(`${ns}a`, 'v2', v1.modRevision);
      const v3 = await b.update(`${ns}a`, 'v3', v2.modRevision);
      await b.compact(v3.modRevision);
      assert.ok((await b.compactRevision()) >= v3.modRevision);
      const err = await b.get(`${ns}a`, v1.modRevision).then(
        () => assert.fail('read below the compacted revision succeeded'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof CompactedError, String(err));
      assert.equal(err.requested, v1.modRevision);
      assert.ok(err.compacted >= v3.modRevision);
      await assert.rejects(b.list(ns, { revision: v2.modRevision }), CompactedError);
      assert.deepEqual(await b.get(`${ns}a`, v3.modRevision), v3);
      assert.deepEqual((await b.list(ns, { revision: v3.modRevision })).items, [v3]);
      await b.compact(v2.modRevision); // older than the last compaction: nothing to do
      assert.deepEqual(await b.get(`${ns}a`), v3);
    });
  });
}
