/**
 * Where the last N lines of a file begin, found by reading backwards a block at a time (log files can
 * be large). Counted as the kubelet counts: the start is just after the (N+1)-th newline from the end,
 * so a file whose last line has no newline yet shows that piece as well.
 */
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 64 * 1024;
const NEWLINE = 0x0a;

/** The byte offset to read from to get the last `lines` lines (0 for negative: the whole file). */
export async function tailStart(file: FileHandle, size: number, lines: number): Promise<number> {
  if (lines < 0) return 0;
  let seen = 0;
  let right = size;
  const buf = Buffer.alloc(BLOCK);
  while (right > 0) {
    const left = Math.max(0, right - BLOCK);
    const length = right - left;
    const { bytesRead } = await file.read(buf, 0, length, left);
    for (let i = bytesRead - 1; i >= 0; i--) {
      if (buf[i] !== NEWLINE) continue;
      seen++;
      if (seen > lines) return left + i + 1;
    }
    right = left;
  }
  return 0;
}
