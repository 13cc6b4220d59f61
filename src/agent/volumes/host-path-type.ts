/**
 * hostPath's `type`: what must exist at the path before the pod may use it, creating it for the
 * ...OrCreate types (a 0755 directory, an empty 0644 file), with the kubelet's error text when the
 * check fails ("hostPath type check failed: /x is not a directory"). Symlinks are followed.
 */
import { chmod, mkdir, open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { osErrorText } from './os-error.js';

export const HOST_PATH_TYPES = [
  '', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice',
] as const;
export type HostPathType = (typeof HOST_PATH_TYPES)[number];

class HostPathTypeError extends Error {}

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

function failed(path: string, what: string): Error {
  return new HostPathTypeError(`hostPath type check failed: ${path} is not ${what}`);
}

/** Checks (and for the ...OrCreate types makes) what the type asks for at `path`. */
export async function checkHostPathType(path: string, type: string | undefined): Promise<void> {
  try {
    await check(path, type ?? '');
  } catch (err) {
    throw err instanceof HostPathTypeError ? err : new HostPathTypeError(osErrorText(err));
  }
}

async function check(path: string, t: string): Promise<void> {
  if (t === '') return;
  let st = await statOrUndefined(path);
  switch (t) {
    case 'DirectoryOrCreate':
      if (!st) {
        await mkdir(path, { recursive: true, mode: 0o755 });
        await chmod(path, 0o755);
        return;
      }
      if (!st.isDirectory()) throw failed(path, 'a directory');
      return;
    case 'Directory':
      if (!st?.isDirectory()) throw failed(path, 'a directory');
      return;
    case 'FileOrCreate':
      if (!st) {
        const fh = await open(path, 'a', 0o644);
        await fh.close();
        st = await statOrUndefined(path);
      }
      if (!st?.isFile()) throw failed(path, 'a file');
      return;
    case 'File':
      if (!st?.isFile()) throw failed(path, 'a file');
      return;
    case 'Socket':
      if (!st?.isSocket()) throw failed(path, 'a socket file');
      return;
    case 'CharDevice':
      if (!st?.isCharacterDevice()) throw failed(path, 'a character device');
      return;
    case 'BlockDevice':
      if (!st?.isBlockDevice()) throw failed(path, 'a block device');
      return;
    default:
      throw new HostPathTypeError(`${t} is an invalid volume type`);
  }
}
