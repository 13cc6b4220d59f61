/** Revision checks shared by the in-process drivers (memory and sqlite). */
import { CompactedError } from './errors.js';

/**
 * The revision a read should use: the requested one, or the current one when rev is 0 or absent.
 * Throws CompactedError below the compacted revision and an Error above the newest one.
 */
export function readRevision(rev: number | undefined, current: number, compacted: number): number {
  if (rev === undefined || rev === 0) return current;
  if (!Number.isInteger(rev) || rev < 0) throw new Error(`Cannot read revision ${rev}: not a revision`);
  if (rev < compacted) throw new CompactedError(rev, compacted);
  if (rev > current) throw new Error(`Cannot read revision ${rev}: newest revision is ${current}`);
  return rev;
}

/**
 * The revision a compaction should go to, or undefined when it is already compacted that far.
 * Throws an Error for a revision newer than the current one.
 */
export function compactTarget(rev: number, current: number, compacted: number): number | undefined {
  if (!Number.isInteger(rev) || rev < 0) throw new Error(`Cannot compact to ${rev}: not a revision`);
  if (rev > current) throw new Error(`Cannot compact to revision ${rev}: newest revision is ${current}`);
  return rev <= compacted ? undefined : rev;
}
