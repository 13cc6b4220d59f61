/**
 * Whether a path is a live network namespace: a bind-mounted nsfs file (as `ip netns add` and the
 * runc runtime's sandboxes make), not a leftover empty file whose mount is gone.
 */
import { statfs } from 'node:fs/promises';

const NSFS_MAGIC = 0x6e736673;

export async function isNetnsAlive(path: string): Promise<boolean> {
  if (path === '') return false;
  try {
    const s = await statfs(path);
    return Number(s.type) === NSFS_MAGIC;
  } catch {
    return false;
  }
}
