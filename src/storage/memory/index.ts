/**
 * The memory:// driver: an in-memory append-only log with per-key version lists, for unit tests and
 * throwaway clusters. It follows the same contract (revisions, compaction, watch replay) as the others.
 */
import { MemoryBackend } from './memory-backend.js';

export { MemoryBackend } from './memory-backend.js';

export async function openMemoryBackend(): Promise<MemoryBackend> {
  return new MemoryBackend();
}
