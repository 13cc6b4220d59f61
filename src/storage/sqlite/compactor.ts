/**
 * Compaction of the log: deletes every row superseded at or below the target revision and every
 * tombstone up to it, in chunks (one transaction each, yielding between them), recording progress
 * in the meta table. An optional timer compacts automatically, keeping the newest revisions.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { compactTarget } from '../revisions.js';
import type { SqliteDatabase } from './schema.js';
import type { Statements } from './statements.js';

/** Revisions compacted per transaction, so a large compaction never blocks writers for long. */
const CHUNK = 10_000;

export const COMPACT_META = 'compact_revision';

/** The compactor's view of the backend. */
export interface CompactionTarget {
  readonly revision: number;
  compacted: number;
  readonly closed: boolean;
}

export interface AutoCompaction {
  /** How often to compact, in milliseconds (0: never). */
  intervalMs: number;
  /** Revisions kept behind the current one. */
  keep: number;
}

export class Compactor {
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly st: Statements,
    private readonly target: CompactionTarget,
  ) {}

  /** Compacts up to rev; concurrent calls run one after another. */
  compact(rev: number): Promise<void> {
    const run = this.queue.then(() => this.run(rev));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts the automatic compactor. */
  start(auto: AutoCompaction, onError: (err: Error) => void): void {
    if (auto.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      const rev = this.target.revision - auto.keep;
      if (rev > this.target.compacted) this.compact(rev).catch(onError);
    }, auto.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a running compaction to finish its current chunk. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue;
  }

  private async run(rev: number): Promise<void> {
    const end = compactTarget(rev, this.target.revision, this.target.compacted);
    if (end === undefined) return;
    while (this.target.compacted < end && !this.target.closed) {
      const from = this.target.compacted;
      const to = Math.min(from + CHUNK, end);
      this.db.transaction(() => {
        this.st.deleteSuperseded.run(from, to);
        this.st.deleteTombstones.run(from, to);
        this.st.setMeta.run(COMPACT_META, to);
      }).immediate();
      this.target.compacted = to;
      if (to < end) await yieldToLoop();
    }
  }
}
