/**
 * Unpacks one layer's tar stream into its own directory in the form overlayfs stacks: `.wh.NAME`
 * entries become whiteouts (character device 0/0 named NAME), `.wh..wh..opq` marks its directory
 * opaque, and everything else keeps its mode, owner, times and xattrs. No entry may leave the
 * directory, through `..` or through a symbolic link the layer itself made.
 */
import { constants } from 'node:fs';
import { chmod, chown, lchown, link, lstat, lutimes, mkdir, open, rm, symlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { applySpecialOps, deviceNode, opaque, whiteout, type SpecialOp } from './special-files.js';
import { tarReader, type TarEntry } from './tar-reader.js';

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE = '.wh..wh..opq';

export interface ApplyStats { entries: number; bytes: number; whiteouts: number }

export async function applyLayer(tarStream: AsyncIterable<Buffer>, root: string): Promise<ApplyStats> {
  const tar = tarReader(tarStream);
  const symlinks = new Set<string>();
  const special: SpecialOp[] = [];
  const dirTimes: Array<{ path: string; mtime: number }> = [];
  const stats: ApplyStats = { entries: 0, bytes: 0, whiteouts: 0 };
  await mkdir(root, { recursive: true });

  for (let entry = await tar.next(); entry !== undefined; entry = await tar.next()) {
    stats.entries++;
    const rel = safePath(entry.name);
    checkParents(rel, symlinks, entry.name);
    const parts = rel === '' ? [] : rel.split('/');
    const base = parts[parts.length - 1] ?? '';
    const parentRel = parts.slice(0, -1).join('/');
    const target = rel === '' ? root : join(root, rel);
    if (parts.length > 0) await mkdir(join(root, parentRel), { recursive: true });

    if (base === OPAQUE) {
      special.push(opaque(join(root, parentRel)));
      stats.whiteouts++;
      continue;
    }
    if (base.startsWith(WHITEOUT_PREFIX)) {
      const hidden = join(root, parentRel, base.slice(WHITEOUT_PREFIX.length));
      await rm(hidden, { recursive: true, force: true });
      special.push(whiteout(hidden));
      stats.whiteouts++;
      continue;
    }

    switch (entry.type) {
      case 'dir': {
        if (rel !== '') await ensureDir(target);
        symlinks.delete(rel);
        await chown(target, entry.uid, entry.gid);
        await chmod(target, entry.mode);
        dirTimes.push({ path: target, mtime: entry.mtime });
        break;
      }
      case 'file':
      case 'other': {
        symlinks.delete(rel);
        const fh = await replacing(target, () => open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
        try {
          await tar.content(async (chunk) => { await fh.write(chunk); });
          stats.bytes += entry.size;
          await fh.chown(entry.uid, entry.gid);
          await fh.chmod(entry.mode);
          await fh.utimes(entry.mtime, entry.mtime);
        } finally {
          await fh.close();
        }
        break;
      }
      case 'symlink': {
        await replacing(target, () => symlink(entry.linkname, target));
        symlinks.add(rel);
        await lchown(target, entry.uid, entry.gid);
        await lutimes(target, entry.mtime, entry.mtime);
        break;
      }
      case 'hardlink': {
        const from = safePath(entry.linkname);
        checkParents(from, symlinks, entry.linkname);
        if (symlinks.has(from)) throw new Error(`Cannot unpack layer: hard link "${entry.name}" points at a symbolic link`);
        await replacing(target, () => link(join(root, from), target));
        symlinks.delete(rel);
        break;
      }
      case 'char':
      case 'block':
      case 'fifo': {
        await clear(target);
        symlinks.delete(rel);
        special.push(deviceNode(target, entry.type, entry.mode, entry.devmajor, entry.devminor));
        break;
      }
    }
    for (const [name, value] of Object.entries(entry.xattrs)) {
      special.push({ kind: 'xattr', path: target, name, value });
    }
  }
  await applySpecialOps(special);
  // Directory times last: creating entries inside a directory changes its mtime.
  for (const d of dirTimes.reverse()) await utimes(d.path, d.mtime, d.mtime);
  return stats;
}

/** The entry's path relative to the layer root, or throws if it would leave it. */
export function safePath(name: string): string {
  const parts: string[] = [];
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') throw new Error(`Cannot unpack layer: entry "${name}" leaves the layer`);
    parts.push(p);
  }
  return parts.join('/');
}

function checkParents(rel: string, symlinks: Set<string>, name: string): void {
  if (symlinks.size === 0) return;
  const parts = rel.split('/');
  for (let i = 1; i < parts.length; i++) {
    if (symlinks.has(parts.slice(0, i).join('/'))) {
      throw new Error(`Cannot unpack layer: entry "${name}" passes through a symbolic link`);
    }
  }
}

async function ensureDir(path: string): Promise<void> {
  try {
    const st = await lstat(path);
    if (st.isDirectory()) return;
    await rm(path, { force: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(path);
}

/** Creates with `make`; if something is already there (a file, link or directory), removes it first. */
async function replacing<T>(path: string, make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  await clear(path);
  return make();
}

async function clear(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

export type { TarEntry };
