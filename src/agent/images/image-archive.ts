/**
 * The files of an image archive, whatever its container: a directory (an OCI image layout on
 * disk), or a tar (gzipped or not) unpacked into a staging directory inside the image store, so
 * its blobs can then be renamed into the store instead of copied. Paths are the archive's, relative
 * and `/`-separated; symbolic and hard links between archive files (old `docker save` archives link
 * layers shared by several images) are followed, and nothing may point outside the archive.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, open, readFile, realpath, rm, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { once } from 'node:events';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream';
import { safePath } from './apply-layer.js';
import { tarReader } from './tar-reader.js';

export interface ArchiveFiles {
  /** The absolute path of a regular file of the archive, or undefined when it has none at `rel`. */
  file(rel: string): Promise<string | undefined>;
  /** Whether files may be renamed away (they are a staged copy, not the user's). */
  readonly staged: boolean;
  /** Removes the staging directory, if any. */
  close(): Promise<void>;
}

/** Reads an archive at `path` (file or directory); a tar is unpacked under `stagingDir`. */
export async function openArchive(path: string, stagingDir: string): Promise<ArchiveFiles> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`Cannot import ${path}: no such file or directory`);
    throw err;
  }
  if (st.isDirectory()) return directoryFiles(path);
  if (!st.isFile()) throw new Error(`Cannot import ${path}: it is neither a file nor a directory`);
  try {
    return await stageTar(path, stagingDir);
  } catch (err) {
    await rm(stagingDir, { recursive: true, force: true });
    const msg = (err as Error).message.replace(/^Cannot read tar archive: /, 'it is not a readable tar archive: ').replace(/^Cannot unpack layer: /, '');
    throw new Error(`Cannot import ${path}: ${msg}`);
  }
}

function directoryFiles(root: string): ArchiveFiles {
  let realRoot: string | undefined;
  return {
    staged: false,
    async file(rel) {
      realRoot ??= await realpath(root);
      let target: string;
      try {
        target = await realpath(join(root, safePath(rel)));
      } catch {
        return undefined;
      }
      const inside = relative(realRoot, target);
      if (inside.startsWith(`..${sep}`) || inside === '..') return undefined;
      return (await stat(target)).isFile() ? target : undefined;
    },
    async close() { /* the user's directory stays */ },
  };
}

async function stageTar(path: string, dir: string): Promise<ArchiveFiles> {
  await mkdir(dir, { recursive: true });
  const links = new Map<string, string>(); // archive path → archive path it points at
  const files = new Map<string, string>(); // archive path → staged file
  const head = Buffer.alloc(2);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 2, 0);
  } finally {
    await fh.close();
  }
  const input = createReadStream(path);
  let source: AsyncIterable<Buffer> = input;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    pipeline(input, gunzip, () => undefined);
    source = gunzip;
  }
  const tar = tarReader(source);
  let n = 0;
  try {
    for (let e = await tar.next(); e !== undefined; e = await tar.next()) {
      const rel = safePath(e.name);
      if (rel === '') continue;
      if (e.type === 'symlink') {
        links.set(rel, e.linkname.startsWith('/') ? safePath(e.linkname) : posix.normalize(posix.join(posix.dirname(rel), e.linkname)));
      } else if (e.type === 'hardlink') {
        links.set(rel, safePath(e.linkname));
      } else if (e.type === 'file') {
        const staged = join(dir, `f${n++}`);
        const out = createWriteStream(staged, { mode: 0o600 });
        await tar.content(async (chunk) => {
          if (!out.write(chunk)) await once(out, 'drain');
        });
        out.end();
        await once(out, 'finish');
        files.set(rel, staged);
      }
    }
  } finally {
    input.destroy();
  }
  return {
    staged: true,
    async file(rel) {
      let p = safePathOrUndefined(rel);
      for (let hops = 0; p !== undefined && hops < 16; hops++) {
        const staged = files.get(p);
        if (staged !== undefined) return staged;
        p = links.get(p);
        if (p !== undefined && (p === '..' || p.startsWith('../'))) return undefined;
      }
      return undefined;
    },
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function safePathOrUndefined(rel: string): string | undefined {
  try {
    return safePath(rel);
  } catch {
    return undefined;
  }
}

/** Reads a small file (a manifest or config) whole; refuses one larger than `limit` bytes. */
export async function readSmall(path: string, limit = 16 << 20): Promise<Buffer> {
  const st = await lstat(path);
  if (st.size > limit) throw new Error(`${path} is larger than ${limit} bytes`);
  return readFile(path);
}
