/**
 * fsGroup ownership, as the kubelet applies it to volumes it manages: every file and directory of
 * the volume gets the pod's fsGroup as its group; files gain group read (and write, unless the
 * volume is read-only: configMap, secret, downwardAPI, projected) and directories also group
 * execute and the setgid bit, so files created later inherit the group. Symlinks are re-grouped but
 * never chmod'ed (that would change their targets). The walk does not cross into other mounts.
 */
import { chmod, lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const RW_MASK = 0o660;
const RO_MASK = 0o440;
const EXEC_MASK = 0o110;
const SETGID = 0o2000;

export type FSGroupChangePolicy = 'Always' | 'OnRootMismatch';

/** The mode bits a path should end up with (permission, setuid/setgid/sticky kept). */
export function ownedMode(mode: number, isDir: boolean, readOnly: boolean): number {
  let mask = readOnly ? RO_MASK : RW_MASK;
  if (isDir) mask |= SETGID | EXEC_MASK;
  return (mode & 0o7777) | mask;
}

/** OnRootMismatch: the root already has the group, the setgid bit and the permissions. */
async function rootMatches(dir: string, gid: number, readOnly: boolean): Promise<boolean> {
  const st = await lstat(dir);
  return st.gid === gid && (st.mode & 0o7777) === ownedMode(st.mode, true, readOnly);
}

/** Applies fsGroup `gid` to everything under `dir` (inclusive). */
export async function setVolumeOwnership(dir: string, gid: number, readOnly: boolean, policy: FSGroupChangePolicy = 'Always'): Promise<void> {
  if (policy === 'OnRootMismatch' && await rootMatches(dir, gid, readOnly)) return;
  const rootDev = (await lstat(dir)).dev;
  const visit = async (path: string): Promise<void> => {
    const st = await lstat(path);
    if (st.dev !== rootDev) return;
    await lchown(path, -1, gid);
    if (st.isSymbolicLink()) return;
    await chmod(path, ownedMode(st.mode, st.isDirectory(), readOnly));
    if (st.isDirectory()) {
      for (const name of await readdir(path)) await visit(join(path, name));
    }
  };
  await visit(dir);
}
