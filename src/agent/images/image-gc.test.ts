import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDockerSave } from './archive-fixture.js';
import { ImageGC, type ImageFsStats } from './image-gc.js';
import type { ImageRecord } from './image-record.js';
import { ImageStore } from './image-store.js';
import { emptyRegistriesConfig } from './registries-config.js';

const MIN = 60_000;

describe('image garbage collection', () => {
  let dir: string;
  let store: ImageStore;
  const ids: Record<string, string> = {};
  const name = (img: ImageRecord): string => img.repoTags[0]!.replace(/^docker\.io\/library\/|:1$/g, '');
  /** A 1000-byte filesystem: `base` bytes of other data plus 100 bytes per image in the store. */
  let base = 0;
  const fsStats = async (): Promise<ImageFsStats> => ({ capacityBytes: 1000, availableBytes: 1000 - base - store.list().length * 100 });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), `navarch-imagegc-${process.pid}-`));
    store = new ImageStore({ root: join(dir, 'images'), registries: emptyRegistriesConfig(), platform: { os: 'linux', architecture: 'amd64' } });
    await store.init();
    for (const n of ['a', 'b', 'c', 'd']) {
      const save = join(dir, n);
      const [img] = writeDockerSave(save, [{ names: [`${n}:1`], layers: [{ [n]: n }] }]);
      await store.importArchive(save);
      ids[n] = img!.id;
    }
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('frees down to the low threshold, least recently used first, never images in use or younger than the minimum age', async () => {
    let now = 1_000_000;
    const events: string[] = [];
    const gc = new ImageGC({ store, fsStats, now: () => now, event: (type, reason, message) => events.push(`${type} ${reason} ${message}`) });

    // 50 + 400 = 45 %: nothing to do, but images are detected and c marked used.
    base = 50;
    const idle = await gc.runOnce(new Set([ids.c!]));
    assert.deepEqual({ usage: idle.usagePercent, toFree: idle.bytesToFree, removed: idle.removed }, { usage: 45, toFree: 0, removed: [] });

    // 90 %: everything was first seen less than 2 minutes ago, so nothing may go.
    now += MIN;
    base = 500;
    const young = await gc.runOnce(new Set([ids.a!]));
    assert.equal(young.usagePercent, 90);
    assert.equal(young.bytesToFree, 100);
    assert.deepEqual(young.removed, []);
    assert.deepEqual(events, ['Warning FreeDiskSpaceFailed Failed to garbage collect required amount of images. '
      + 'Attempted to free 100 bytes, but only found 0 bytes eligible to free.']);

    // 95 %: b was never used, c used before a; d runs now. 150 bytes are needed: b, then c.
    now += 2 * MIN;
    base = 550;
    const r = await gc.runOnce(new Set([ids.d!]));
    assert.equal(r.usagePercent, 95);
    assert.equal(r.bytesToFree, 150);
    assert.deepEqual(r.removed.map(name), ['b', 'c']);
    assert.equal(r.freedBytes, 200);
    assert.equal(r.error, undefined);
    assert.deepEqual(store.list().map(name).sort(), ['a', 'd']);
    assert.equal(events.length, 1, 'no new warning');
    assert.ok(!existsSync(store.layers.layerDir(r.removed[0]!.layers[0]!.diffID)), "a removed image's layer is deleted");

    // Over the threshold again with only the image in use left unused-free: a goes, d stays, and the shortfall is reported.
    now += MIN;
    base = 800;
    const last = await gc.runOnce(new Set([ids.d!]));
    assert.deepEqual(last.removed.map(name), ['a']);
    assert.deepEqual(store.list().map(name), ['d']);
    assert.match(last.error ?? '', /^Failed to garbage collect required amount of images\. Attempted to free 200 bytes, but only found 100 bytes eligible to free\.$/);
    assert.equal(events.length, 2);
  });

  it('treats an unmeasurable filesystem as the kubelet does, and does nothing with a high threshold of 100', async () => {
    const events: string[] = [];
    const broken = new ImageGC({ store, fsStats: async () => ({ capacityBytes: 0, availableBytes: 0 }), event: (_t, reason, message) => events.push(`${reason}: ${message}`) });
    await assert.rejects(broken.runOnce(new Set()), { message: 'Cannot collect images: invalid capacity 0 on image filesystem' });
    assert.deepEqual(events, ['InvalidDiskCapacity: invalid capacity 0 on image filesystem']);
    const off = new ImageGC({ store, fsStats: async () => ({ capacityBytes: 100, availableBytes: 0 }), policy: { highThresholdPercent: 100, minAgeMs: 0 } });
    assert.deepEqual((await off.runOnce(new Set())).removed, []);
    assert.throws(() => new ImageGC({ store, policy: { highThresholdPercent: 70, lowThresholdPercent: 80 } }), /low threshold \(80%\) is above the high threshold \(70%\)/);
  });

  it('measures the real image filesystem by default', async () => {
    const gc = new ImageGC({ store });
    const r = await gc.runOnce(new Set());
    assert.ok(r.usagePercent >= 0 && r.usagePercent <= 100);
  });
});
