/**
 * Periodic compaction for backends that do not compact themselves (etcd): every interval, forget
 * history older than `keep` revisions behind the current one. Several servers sharing one etcd may
 * all run it; compacting to an already compacted revision is a no-op.
 */
import type { Backend } from './backend.js';

export interface AutoCompactionOptions {
  intervalMs: number;
  keep: number;
}

export const DEFAULT_AUTO_COMPACTION: AutoCompactionOptions = { intervalMs: 5 * 60_000, keep: 1000 };

/** Wraps a backend so that close() also stops its compaction timer. */
export function withAutoCompaction(backend: Backend, opts: AutoCompactionOptions = DEFAULT_AUTO_COMPACTION): Backend {
  const timer = setInterval(() => {
    void (async () => {
      const current = await backend.currentRevision();
      const target = current - opts.keep;
      if (target > (await backend.compactRevision())) await backend.compact(target);
    })().catch(() => undefined);
  }, opts.intervalMs);
  timer.unref();
  const close = backend.close.bind(backend);
  backend.close = async () => {
    clearInterval(timer);
    await close();
  };
  return backend;
}
