/**
 * storageVersionHash of discovery: the first 8 bytes of SHA-256 over "group/version/kind" of the
 * version objects are stored as, base64-encoded (as Kubernetes computes it; clients compare it only
 * for equality, e.g. the storage version migrator).
 */
import { createHash } from 'node:crypto';

export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}
