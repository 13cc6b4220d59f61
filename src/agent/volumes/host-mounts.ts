/**
 * The host operations volumes need: tmpfs mounts (memory-backed emptyDir, secret, downwardAPI and
 * projected volumes), finding mounts under a directory from /proc/self/mountinfo, unmounting, and
 * removing a volume directory without ever following a mount into someone else's data.
 */
import { execFile } from 'node:child_process';
import { lstat, readFile, readdir, realpath, rmdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';

function run(file: string, args: string[], timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')}: ${stderr.trim() || err.message}`));
      else resolve();
    });
  });
}

/** Decodes mountinfo's octal escapes (\040 for a space). */
function unescapeMountPath(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_m, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export interface MountEntry { mountPoint: string; fsType: string; source: string }

export async function listMounts(): Promise<MountEntry[]> {
  const text = await readFile('/proc/self/mountinfo', 'utf8');
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const fields = line.slice(0, sep).split(' ');
    const tail = line.slice(sep + 3).split(' ');
    out.push({ mountPoint: unescapeMountPath(fields[4] ?? ''), fsType: tail[0] ?? '', source: unescapeMountPath(tail[1] ?? '') });
  }
  return out;
}

export async function mountEntry(path: string): Promise<MountEntry | undefined> {
  const all = await listMounts();
  // The last entry for a mount point is the one on top.
  for (let i = all.length - 1; i >= 0; i--) if (all[i]!.mountPoint === path) return all[i];
  return undefined;
}

/** Mount points at or below `dir`, deepest first. */
export async function mountsUnder(dir: string): Promise<string[]> {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const points = (await listMounts()).map((m) => m.mountPoint).filter((p) => p === dir || p.startsWith(prefix));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

export async function mountTmpfs(target: string, sizeBytes?: number): Promise<void> {
  const opts = sizeBytes !== undefined && sizeBytes > 0 ? ['-o', `size=${Math.floor(sizeBytes)}`] : [];
  await run('mount', ['-t', 'tmpfs', ...opts, 'tmpfs', target]);
}

/** Unmounts every mount stacked on `target`; a busy one is detached lazily. */
export async function unmountAll(target: string): Promise<void> {
  for (let i = 0; i < 16 && await mountEntry(target); i++) {
    try {
      await run('umount', [target]);
    } catch {
      await run('umount', ['-l', target]);
    }
  }
}

/**
 * Removes `dir` and everything in it. Refuses when anything at or below it is still a mount point
 * (a bind mount of the same file system shares the device number, so mountinfo is asked first),
 * and never enters another device met on the way.
 */
export async function removeTree(dir: string): Promise<void> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const mounted = await mountsUnder(real);
  if (mounted.length > 0) throw new Error(`Cannot remove ${dir}: ${mounted[0]} is still mounted`);
  let rootDev: number;
  try {
    rootDev = (await lstat(dir)).dev;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const visit = async (path: string): Promise<void> => {
    const st = await lstat(path);
    if (st.dev !== rootDev) throw new Error(`Cannot remove ${path}: it is on another file system (still mounted)`);
    if (!st.isDirectory()) {
      await unlink(path);
      return;
    }
    for (const name of await readdir(path)) await visit(join(path, name));
    await rmdir(path);
  };
  await visit(dir);
}
