/**
 * Per-tick write batching: every write submitted before the next setImmediate is applied in ONE
 * SQLite transaction, in submission order. Each write still gets its own revision and its own result;
 * after the commit the batch's events go to the watchers.
 */
import type { KeyValue, WatchEvent } from '../backend.js';
import type { SqliteDatabase } from './schema.js';
import type { Statements } from './statements.js';
import { applyWrite, isWriteConflict, type WriteOp } from './write-ops.js';

interface Pending {
  readonly op: WriteOp;
  resolve(kv: KeyValue): void;
  reject(err: Error): void;
}

/** The batcher's view of the backend: the revision counter and the commit hook. */
export interface BatchTarget {
  revision: number;
  committed(events: WatchEvent[]): void;
}

export class WriteBatcher {
  private pending: Pending[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  /** Number of write transactions committed (one per non-empty tick). */
  transactions = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly st: Statements,
    private readonly target: BatchTarget,
  ) {}

  submit(op: WriteOp): Promise<KeyValue> {
    return new Promise<KeyValue>((resolve, reject) => {
      this.pending.push({ op, resolve, reject });
      if (!this.scheduled) this.scheduled = setImmediate(() => this.flush());
    });
  }

  /** Commits everything queued now (also used on close). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;

    const start = this.target.revision;
    const results: (WatchEvent | Error)[] = [];
    try {
      this.db.transaction(() => {
        let rev = start;
        for (const { op } of batch) {
          try {
            results.push(applyWrite(this.st, op, rev + 1));
            rev++;
          } catch (err) {
            if (!isWriteConflict(err)) throw err;
            results.push(err);
          }
        }
      }).immediate();
    } catch (err) {
      const cause = err instanceof Error ? err : new Error(String(err));
      const failure = new Error(`Cannot commit ${batch.length} writes: ${cause.message}`, { cause });
      for (const p of batch) p.reject(failure);
      return;
    }

    this.transactions++;
    const events: WatchEvent[] = [];
    for (const result of results) if (!(result instanceof Error)) events.push(result);
    if (events.length > 0) this.target.revision = events[events.length - 1].revision;
    this.target.committed(events);
    batch.forEach((p, i) => {
      const result = results[i];
      if (result instanceof Error) p.reject(result);
      else p.resolve(result.kv);
    });
  }

  /** Fails everything still queued (the backend closed before it could commit). */
  abort(reason: string): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const batch = this.pending;
    this.pending = [];
    for (const p of batch) p.reject(new Error(`Cannot write ${p.op.key}: ${reason}`));
  }
}
