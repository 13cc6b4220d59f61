/** The sqlite:// Backend: reads straight from the log, writes through the per-tick batcher. */
import type { Backend, KeyValue, ListOptions, ListResult, WatchCallbacks, WatchEvent, WatchHandle } from '../backend.js';
import { readRevision } from '../revisions.js';
import { WatchHub } from '../watch-hub.js';
import { type AutoCompaction, COMPACT_META, Compactor } from './compactor.js';
import { countAt, getAt, listAt, replay } from './reads.js';
import { openDatabase, readMeta, readRevision as readStoredRevision, type SqliteDatabase, type Synchronous } from './schema.js';
import { Statements } from './statements.js';
import { WriteBatcher } from './write-batch.js';

export interface SqliteOptions {
  /** SQLite's synchronous pragma (default FULL: every committed batch is durable). */
  synchronous?: Synchronous;
  /** Automatic compaction (default every 5 minutes, keeping the last 1,000 revisions). */
  autoCompaction?: Partial<AutoCompaction>;
  /** Called when an automatic compaction fails (default: a process warning). */
  onCompactionError?: (err: Error) => void;
}

const DEFAULT_AUTO: AutoCompaction = { intervalMs: 5 * 60 * 1000, keep: 1000 };

export class SqliteBackend implements Backend {
  private readonly db: SqliteDatabase;
  private readonly st: Statements;
  private readonly hub: WatchHub;
  private readonly batcher: WriteBatcher;
  private readonly compactor: Compactor;
  private readonly state: { revision: number; compacted: number; closed: boolean };

  constructor(readonly path: string, opts: SqliteOptions = {}) {
    this.db = openDatabase(path, opts.synchronous ?? 'FULL');
    this.st = new Statements(this.db);
    this.state = { revision: readStoredRevision(this.db), compacted: readMeta(this.db, COMPACT_META), closed: false };
    const state = this.state;
    const st = this.st;
    this.hub = new WatchHub({
      currentRevision: () => state.revision,
      compactRevision: () => state.compacted,
      replay: (prefix, afterRev, uptoRev, deliver) => replay(st, prefix, afterRev, uptoRev, deliver),
    });
    const hub = this.hub;
    this.batcher = new WriteBatcher(this.db, st, {
      get revision() {
        return state.revision;
      },
      set revision(rev: number) {
        state.revision = rev;
      },
      committed: (events: WatchEvent[]) => hub.publish(events),
    });
    this.compactor = new Compactor(this.db, st, state);
    const onError = opts.onCompactionError ?? ((err: Error) => process.emitWarning(err.message, 'CompactionWarning'));
    this.compactor.start({ ...DEFAULT_AUTO, ...opts.autoCompaction }, onError);
  }

  /** Number of write transactions committed since opening (one per tick that wrote). */
  get transactions(): number {
    return this.batcher.transactions;
  }

  async get(key: string, rev?: number): Promise<KeyValue | undefined> {
    this.checkOpen('read');
    return getAt(this.st, key, this.readAt(rev));
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.checkOpen('list');
    return listAt(this.st, prefix, this.readAt(opts.revision), opts.limit ?? 0, opts.startKey);
  }

  async count(prefix: string): Promise<number> {
    this.checkOpen('count');
    return countAt(this.st, prefix, this.state.revision);
  }

  create(key: string, value: string): Promise<KeyValue> {
    return this.write({ kind: 'create', key, value });
  }

  update(key: string, value: string, expectedRev: number): Promise<KeyValue> {
    return this.write({ kind: 'update', key, value, expectedRev });
  }

  delete(key: string, expectedRev: number): Promise<KeyValue> {
    return this.write({ kind: 'delete', key, expectedRev });
  }

  watch(prefix: string, afterRev: number, cb: WatchCallbacks): WatchHandle {
    this.checkOpen('watch');
    return this.hub.watch(prefix, afterRev, cb);
  }

  async compact(rev: number): Promise<void> {
    this.checkOpen('compact');
    await this.compactor.compact(rev);
  }

  async currentRevision(): Promise<number> {
    return this.state.revision;
  }

  async compactRevision(): Promise<number> {
    return this.state.compacted;
  }

  async close(): Promise<void> {
    if (this.state.closed) return;
    this.batcher.flush();
    this.state.closed = true;
    this.hub.closeAll();
    await this.compactor.stop();
    this.db.close();
  }

  private write(op: Parameters<WriteBatcher['submit']>[0]): Promise<KeyValue> {
    if (this.state.closed) return Promise.reject(new Error(`Cannot write ${op.key}: the sqlite backend is closed`));
    return this.batcher.submit(op);
  }

  private readAt(rev: number | undefined): number {
    return readRevision(rev, this.state.revision, this.state.compacted);
  }

  private checkOpen(action: string): void {
    if (this.state.closed) throw new Error(`Cannot ${action}: the sqlite backend at ${this.path} is closed`);
  }
}
