/**
 * The kubelet's atomic writer: projects a set of files into a volume directory so that readers
 * never see a half-updated volume. The real files live in a hidden timestamped directory
 * (`..2026_11_22_10_00_00.1234567890`); `..data` is a symlink to it, and every top-level entry of the
 * payload is a symlink through `..data`. An update writes a new timestamped directory and swaps
 * `..data` with one rename. Names beginning with `..` are reserved.
 */
import { randomInt } from 'node:crypto';
import { chmod, chown, lchown, lstat, mkdir, readFile, readdir, readlink, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';

export interface FileProjection {
  data: Buffer;
  /** Permission bits (0-0777). */
  mode: number;
  /** Owner uid of the file (the volume source's defaultUser / item user), else unchanged. */
  uid?: number;
}

export type Payload = Map<string, FileProjection>;

export const DATA_DIR = '..data';
const NEW_DATA_DIR = '..data_tmp';
const MAX_NAME = 255;
const MAX_PATH = 4096;

/** Why a payload path is refused, as the kubelet words it, or undefined when it is fine. */
export function invalidPath(p: string): string | undefined {
  if (p === '') return `invalid path: must not be empty: ${JSON.stringify(p)}`;
  if (p.startsWith('/')) return `invalid path: must be relative path: ${p}`;
  if (p.length > MAX_PATH) return `invalid path: must be less than or equal to ${MAX_PATH} characters`;
  const parts = p.split('/');
  for (const part of parts) {
    if (part === '..') return `invalid path: must not contain '..': ${p}`;
    if (part.length > MAX_NAME) return `invalid path: filenames must be less than or equal to ${MAX_NAME} characters`;
  }
  if (parts[0]!.startsWith('..') && parts[0]!.length > 2) return `invalid path: must not start with '..': ${p}`;
  return undefined;
}

/** Go's time.Format("..2006_01_02_15_04_05.") in UTC. */
function timestampPrefix(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `..${now.getUTCFullYear()}_${p(now.getUTCMonth() + 1)}_${p(now.getUTCDate())}_${p(now.getUTCHours())}_${p(now.getUTCMinutes())}_${p(now.getUTCSeconds())}.`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Every path (files and directories) under dir, relative, with '/' separators. */
async function walkRelative(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    out.push(rel);
    if (e.isDirectory()) out.push(...await walkRelative(join(dir, e.name), rel));
  }
  return out;
}

async function differs(oldDir: string, payload: Payload): Promise<boolean> {
  for (const [p, f] of payload) {
    let current: Buffer;
    try {
      current = await readFile(join(oldDir, p));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw err;
    }
    if (!current.equals(f.data)) return true;
  }
  return false;
}

export interface WriteOptions {
  /** Called after the new files are written and before they become visible (the fsGroup walk). */
  setPerms?: (targetDir: string) => Promise<void>;
  /** Group for the user-visible symlinks made after setPerms (fsGroup). */
  linkGroup?: number;
  now?: () => Date;
}

/**
 * Writes `payload` (relative path -> file) into `targetDir`, which must exist. Returns false when
 * nothing changed on disk (same contents, no paths to remove), true when a new version was swapped in.
 */
export async function writeAtomic(targetDir: string, payload: Payload, opts: WriteOptions = {}): Promise<boolean> {
  const clean: Payload = new Map();
  for (const [p, f] of payload) {
    const bad = invalidPath(p);
    if (bad) throw new Error(bad);
    clean.set(posix.normalize(p), f);
  }

  const dataLink = join(targetDir, DATA_DIR);
  let oldTs = '';
  try {
    oldTs = await readlink(dataLink);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const oldTsPath = oldTs ? join(targetDir, oldTs) : '';

  let toRemove: string[] = [];
  if (oldTs) {
    const wanted = new Set<string>();
    for (const p of clean.keys()) {
      for (let sub = p; sub !== '' && sub !== '.'; sub = posix.dirname(sub)) wanted.add(sub);
    }
    const present = (await exists(oldTsPath)) ? await walkRelative(oldTsPath) : [];
    toRemove = present.filter((p) => !wanted.has(p));
    if (toRemove.length === 0 && !(await differs(oldTsPath, clean)) && await visibleLinksPresent(targetDir, clean)) return false;
  }

  const now = (opts.now ?? (() => new Date()))();
  const tsName = `${timestampPrefix(now)}${randomInt(0, 2 ** 32 - 1)}`;
  const tsDir = join(targetDir, tsName);
  await mkdir(tsDir);
  try {
    await chmod(tsDir, 0o755);
    for (const [p, f] of clean) {
      const full = join(tsDir, p);
      await mkdir(posix.dirname(full), { recursive: true, mode: 0o755 });
      await writeFile(full, f.data, { mode: f.mode });
      await chmod(full, f.mode);
      if (f.uid !== undefined) await chown(full, f.uid, -1);
    }
    if (opts.setPerms) await opts.setPerms(targetDir);

    const tmpLink = join(targetDir, NEW_DATA_DIR);
    await rm(tmpLink, { force: true });
    await symlink(tsName, tmpLink);
    if (opts.linkGroup !== undefined) await lchown(tmpLink, -1, opts.linkGroup);
    await rename(tmpLink, dataLink);
  } catch (err) {
    await rm(tsDir, { recursive: true, force: true });
    throw err;
  }

  await createVisibleLinks(targetDir, clean, opts.linkGroup);
  for (const p of toRemove) {
    if (p.includes('/')) continue; // only the top-level links live outside ..data
    await unlink(join(targetDir, p)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  if (oldTsPath) await rm(oldTsPath, { recursive: true, force: true });
  return true;
}

function topLevelNames(payload: Payload): Set<string> {
  const names = new Set<string>();
  for (const p of payload.keys()) names.add(p.split('/')[0]!);
  return names;
}

async function visibleLinksPresent(targetDir: string, payload: Payload): Promise<boolean> {
  for (const name of topLevelNames(payload)) {
    if (!(await exists(join(targetDir, name)))) return false;
  }
  return true;
}

async function createVisibleLinks(targetDir: string, payload: Payload, group: number | undefined): Promise<void> {
  for (const name of topLevelNames(payload)) {
    const visible = join(targetDir, name);
    if (await exists(visible)) continue;
    await symlink(posix.join(DATA_DIR, name), visible);
    if (group !== undefined) await lchown(visible, -1, group);
  }
}
