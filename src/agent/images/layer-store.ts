/**
 * Content-addressed storage shared by every image: blobs (compressed layers, configs) under
 * `blobs/sha256/<hex>`, and each layer unpacked once under `layers/<diffID hex>` — the directories
 * that overlayfs stacks as a container's read-only lower layers. Writes go to a temporary name and
 * are renamed into place, so a crash never leaves a half-written blob or layer under its real name.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { applyLayer } from './apply-layer.js';
import { ContentPins } from './content-pins.js';
import { processAlive } from './images-file.js';
import { isGzipLayer, isZstdLayer } from './manifest.js';

export class LayerStore {
  private readonly locks = new Map<string, Promise<unknown>>();
  /** Blobs and layers being stored for an image not recorded yet, by this or another process. */
  private readonly pins: ContentPins;

  constructor(readonly root: string) {
    this.pins = new ContentPins(join(root, 'pins'));
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
    await mkdir(join(this.root, 'layers'), { recursive: true });
    for (const dir of ['blobs/sha256', 'layers']) {
      for (const name of await readdir(join(this.root, dir))) {
        if (!name.includes('.partial-') && !name.startsWith('.tmp-')) continue;
        // Another process (the agent, or a `navarch images` command) may be writing it right now.
        const owner = /-(\d+)-[a-z0-9]*$/.exec(name);
        const pid = owner ? Number(owner[1]) : 0;
        if (pid > 0 && (pid === process.pid || processAlive(pid))) continue;
        await rm(join(this.root, dir, name), { recursive: true, force: true });
      }
    }
  }

  blobPath(digest: string): string {
    return join(this.root, 'blobs', 'sha256', hex(digest));
  }

  /** The unpacked directory of a layer, named by its diffID (the digest of the uncompressed tar). */
  layerDir(diffID: string): string {
    return join(this.root, 'layers', hex(diffID));
  }

  hasBlob(digest: string): Promise<boolean> {
    return exists(this.blobPath(digest));
  }

  hasLayer(diffID: string): Promise<boolean> {
    return exists(this.layerDir(diffID));
  }

  /** A temporary name inside the store (same filesystem, so it can be renamed into place). */
  tempPath(kind: string): string {
    return join(this.root, 'layers', `.tmp-${kind}-${process.pid}-${Math.random().toString(36).slice(2)}`);
  }

  /** Keeps content (blob digests, layer diffIDs) from prune while an image that uses it is being stored; call the result to release. */
  pin(digests: Iterable<string>): () => void {
    return this.pins.pin(digests);
  }

  /** Everything pinned now, by any process. */
  pinned(): Set<string> {
    return this.pins.all();
  }

  /** Runs `fn` with no other holder of `key` in this process (one download or unpack at a time). */
  async exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    for (;;) {
      const held = this.locks.get(key);
      if (held === undefined) break;
      await held.catch(() => undefined);
    }
    const p = fn();
    this.locks.set(key, p);
    try {
      return await p;
    } finally {
      this.locks.delete(key);
    }
  }

  /** Unpacks a stored layer blob, checking that its content hashes to `diffID`. */
  async unpack(blobDigest: string, mediaType: string, diffID: string): Promise<void> {
    await this.exclusive(`layer:${diffID}`, async () => {
      if (await this.hasLayer(diffID)) return;
      if (isZstdLayer(mediaType)) throw new Error(`Cannot unpack layer ${blobDigest}: zstd layers are not supported`);
      const tmp = join(this.root, 'layers', `.tmp-${hex(diffID).slice(0, 16)}-${process.pid}-${Math.random().toString(36).slice(2)}`);
      const hash = createHash('sha256');
      const file = createReadStream(this.blobPath(blobDigest));
      let source: AsyncIterable<Buffer> = file;
      if (isGzipLayer(mediaType)) {
        const gunzip = createGunzip();
        pipeline(file, gunzip, () => undefined); // an error destroys gunzip, which ends the reading below
        source = gunzip;
      }
      const tapped = hashing(source, hash);
      try {
        await applyLayer(tapped, tmp);
        for await (const _ of tapped) { /* hash what follows the end-of-archive blocks */ }
        const got = `sha256:${hash.digest('hex')}`;
        if (got !== diffID) throw new Error(`Cannot unpack layer ${blobDigest}: its content is ${got}, the image config says ${diffID}`);
        try {
          await rename(tmp, this.layerDir(diffID));
        } catch (err) {
          // Another process unpacked the same layer first: keep its copy.
          if (!(await this.hasLayer(diffID))) throw err;
          await rm(tmp, { recursive: true, force: true });
        }
      } catch (err) {
        file.destroy();
        await rm(tmp, { recursive: true, force: true });
        throw err;
      }
    });
  }

  async listLayers(): Promise<string[]> {
    const names = await readdir(join(this.root, 'layers'));
    return names.filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
  }

  async listBlobs(): Promise<string[]> {
    const names = await readdir(join(this.root, 'blobs', 'sha256'));
    return names.filter((n) => /^[a-f0-9]{64}$/.test(n)).map((n) => `sha256:${n}`);
  }

  async removeLayer(diffID: string): Promise<void> {
    const trash = await this.trashLayer(diffID);
    if (trash !== undefined) await rm(trash, { recursive: true, force: true });
  }

  /** Moves a layer out of sight at once (its files are deleted later); the temporary name, if it existed. */
  async trashLayer(diffID: string): Promise<string | undefined> {
    const trash = join(this.root, 'layers', `.tmp-rm-${hex(diffID).slice(0, 16)}-${process.pid}-${Math.random().toString(36).slice(2)}`);
    try {
      await rename(this.layerDir(diffID), trash);
      return trash;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async removeBlob(digest: string): Promise<void> {
    await rm(this.blobPath(digest), { force: true });
  }
}

/** Passes chunks through while feeding them to a hash; resumable after a partial read. */
function hashing(source: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): AsyncIterableIterator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const self: AsyncIterableIterator<Buffer> = {
    async next() {
      const r = await it.next();
      if (!r.done) hash.update(r.value);
      return r;
    },
    [Symbol.asyncIterator]() { return self; },
  };
  return self;
}

export function hex(digest: string): string {
  const m = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (!m) throw new Error(`Cannot use digest "${digest}": only sha256 digests are stored`);
  return m[1]!;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
