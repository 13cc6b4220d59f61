import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImageRecord } from './image-record.js';
import { ImagesFile } from './images-file.js';

const rec = (id: string): ImageRecord => ({
  id, repoTags: [`docker.io/library/${id}:1`], repoDigests: [], manifestDigest: '', layers: [], size: 1, config: {},
  platform: { os: 'linux', architecture: 'amd64' }, pulledAt: '',
});

describe('images.json shared between processes', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), `navarch-images-file-${process.pid}-`)); });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  it('reads again only what another writer changed', async () => {
    const a = new ImagesFile(join(dir, 'one.json'));
    const b = new ImagesFile(join(dir, 'one.json'));
    assert.deepEqual(await a.read(), []);
    assert.equal(a.readIfChanged(), undefined, 'nothing changed yet');
    await b.update((images) => [...images, rec('x')]);
    assert.deepEqual(a.readIfChanged()?.map((i) => i.id), ['x']);
    assert.equal(a.readIfChanged(), undefined);
    await a.update((images) => [...images, rec('y')]);
    assert.equal(a.readIfChanged(), undefined, 'its own write is not news');
    assert.deepEqual(b.readIfChanged()?.map((i) => i.id), ['x', 'y']);
  });

  it('serializes concurrent updates so none is lost, and releases its lock', async () => {
    const path = join(dir, 'two.json');
    const writers = [new ImagesFile(path), new ImagesFile(path), new ImagesFile(path)];
    await Promise.all(Array.from({ length: 12 }, (_, i) => writers[i % 3]!.update((images) => [...images, rec(`i${i}`)])));
    assert.equal((await writers[0]!.read()).length, 12);
    assert.ok(!existsSync(`${path}.lock`));
  });

  it('takes over a lock whose process is gone, and leaves the file alone when told nothing changed', async () => {
    const path = join(dir, 'three.json');
    const dead = spawnSync('true').pid;
    assert.ok(dead !== undefined && dead > 0);
    writeFileSync(`${path}.lock`, String(dead));
    const f = new ImagesFile(path);
    await f.update(() => [rec('z')]);
    assert.deepEqual((await f.read()).map((i) => i.id), ['z']);
    assert.deepEqual((await f.update(() => undefined)).map((i) => i.id), ['z']);
    await assert.rejects(new ImagesFile(path).update(() => { throw new Error('boom'); }), /boom/);
    assert.ok(!existsSync(`${path}.lock`), 'a failed change releases the lock');
  });
});
