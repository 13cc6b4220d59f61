import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { WatchEvent } from '../backend.js';
import { runConformance } from '../conformance.js';
import { CompactedError } from '../errors.js';
import { openBackend } from '../open.js';
import { openSqliteBackend } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'navarch-sqlite-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(dir, `store-${++files}.db`);

runConformance('sqlite', () => openSqliteBackend(freshPath()));

describe('sqlite backend', () => {
  it('keeps data, revisions and the compaction across a restart', async () => {
    const path = freshPath();
    const first = await openSqliteBackend(path);
    const a = await first.create('/registry/pods/default/a', 'a1');
    const a2 = await first.update('/registry/pods/default/a', 'a2', a.modRevision);
    const gone = await first.create('/registry/pods/default/gone', 'x');
    const deleted = await first.delete('/registry/pods/default/gone', gone.modRevision);
    await first.compact(a2.modRevision);
    await first.close();

    const second = await openBackend(`sqlite://${path}`);
    assert.equal(await second.currentRevision(), deleted.modRevision);
    assert.equal(await second.compactRevision(), a2.modRevision);
    assert.deepEqual(await second.get('/registry/pods/default/a'), a2);
    assert.equal(await second.get('/registry/pods/default/gone'), undefined);
    assert.deepEqual((await second.get('/registry/pods/default/gone', gone.modRevision))?.value, 'x');
    await assert.rejects(second.get('/registry/pods/default/a', a.modRevision), CompactedError);
    const next = await second.create('/registry/pods/default/b', 'b');
    assert.equal(next.modRevision, deleted.modRevision + 1);
    await second.close();
  });

  it('continues revisions after the newest row was compacted away', async () => {
    const path = freshPath();
    const first = await openSqliteBackend(path);
    const kv = await first.create('/k', 'v');
    const del = await first.delete('/k', kv.modRevision);
    await first.compact(del.modRevision);
    await first.close();
    const second = await openSqliteBackend(path);
    assert.equal(await second.currentRevision(), del.modRevision);
    assert.equal((await second.create('/k', 'again')).modRevision, del.modRevision + 1);
    await second.close();
  });

  it('commits the writes of one tick in one transaction', async () => {
    const b = await openSqliteBackend(freshPath());
    const before = b.transactions;
    const results = await Promise.allSettled([
      ...Array.from({ length: 200 }, (_, i) => b.create(`/registry/pods/ns/p${i}`, `v${i}`)),
      b.create('/registry/pods/ns/p0', 'duplicate'),
      b.update('/registry/pods/ns/missing', 'v', 0),
    ]);
    assert.equal(b.transactions - before, 1);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 200);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 2);
    assert.equal(await b.count('/registry/pods/'), 200);
    await b.create('/registry/pods/ns/later', 'v');
    assert.equal(b.transactions - before, 2);
    await b.close();
  });

  it('delivers one committed batch to watchers in revision order', async () => {
    const b = await openSqliteBackend(freshPath());
    const batches: WatchEvent[][] = [];
    const handle = b.watch('/registry/', 0, { onEvents: (events) => batches.push(events), onError: assert.fail });
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(Array.from({ length: 50 }, (_, i) => b.create(`/registry/x/${i}`, 'v')));
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0].map((e) => e.revision), Array.from({ length: 50 }, (_, i) => i + 1));
    handle.cancel();
    await b.close();
  });

  it('compacts automatically, keeping the newest revisions', async () => {
    const b = await openSqliteBackend(freshPath(), { autoCompaction: { intervalMs: 20, keep: 10 } });
    let kv = await b.create('/registry/k', '0');
    for (let i = 1; i < 40; i++) kv = await b.update('/registry/k', String(i), kv.modRevision);
    const deadline = Date.now() + 2000;
    while ((await b.compactRevision()) !== kv.modRevision - 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await b.compactRevision(), kv.modRevision - 10);
    assert.equal((await b.get('/registry/k', kv.modRevision - 10))?.value, '29');
    await assert.rejects(b.get('/registry/k', kv.modRevision - 11), CompactedError);
    await b.close();
  });

  it('replays long histories in pages and compacts in chunks', async () => {
    const b = await openSqliteBackend(freshPath());
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 1500 }, (_, i) => (round === 0 ? b.create(`/r/${i}`, 'v0') : b.update(`/r/${i}`, `v${round}`, 0))));
    }
    const events: WatchEvent[] = [];
    const handle = b.watch('/r/', 1000, { onEvents: (e) => events.push(...e), onError: assert.fail });
    const deadline = Date.now() + 5000;
    while (events.length < 3500 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(events.length, 3500);
    assert.equal(events[0].revision, 1001);
    assert.equal(events[3499].revision, 4500);
    handle.cancel();
    await b.compact(4000);
    assert.equal(await b.count('/r/'), 1500);
    assert.equal((await b.list('/r/', { revision: 4000 })).items.filter((kv) => kv.value === 'v2').length, 1000);
    await b.close();
  });
});
