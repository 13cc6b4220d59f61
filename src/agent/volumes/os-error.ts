/**
 * Go's rendering of a failed system call (`open /x/y: no such file or directory`), so messages the
 * kubelet would pass through from the os package read the same here.
 */
const TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'file exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  ELOOP: 'too many levels of symbolic links',
  EBUSY: 'device or resource busy',
};

export function osErrorText(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
    const what = TEXT[e.code] ?? e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
    return e.path ? `${e.syscall} ${e.path}: ${what}` : `${e.syscall}: ${what}`;
  }
  return err instanceof Error ? err.message : String(err);
}
