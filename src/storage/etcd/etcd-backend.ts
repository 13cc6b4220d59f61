/**
 * The etcd:// Backend over the etcd3 client's raw KV calls: creates and conditional writes are
 * transactions comparing the key's create or mod revision, reads pass the revision through, and
 * etcd's compaction errors become CompactedError.
 */
import { Etcd3, type ICompare, type IRequestOp, type ITxnResponse } from 'etcd3';
import type { Backend, KeyValue, ListOptions, ListResult, WatchCallbacks, WatchHandle } from '../backend.js';
import { CompactedError, KeyExistsError, KeyNotFoundError, RevisionMismatchError } from '../errors.js';
import { rangeStart } from '../keys.js';
import { CompactTracker } from './compact-tracker.js';
import { isCompactedError, keyBytes, prefixEndBytes, toKeyValue, ZERO_KEY } from './convert.js';
import { watchEtcd } from './etcd-watch.js';

export class EtcdBackend implements Backend {
  private readonly client: Etcd3;
  private readonly tracker: CompactTracker;
  private readonly watches = new Set<WatchHandle>();

  /** endpoints: HOST:PORT (or full http:// URLs). */
  constructor(readonly endpoints: string[]) {
    const hosts = endpoints.map((e) => (/^https?:\/\//.test(e) ? e : `http://${e}`));
    this.client = new Etcd3({ hosts, dialTimeout: 5000 });
    this.tracker = new CompactTracker(
      (rev) => this.probe(rev),
      () => this.currentRevision(),
    );
  }

  async get(key: string, rev?: number): Promise<KeyValue | undefined> {
    const res = await this.read(rev, () => this.client.kv.range({ key: keyBytes(key), revision: rev ?? 0 }));
    return res.kvs.length > 0 ? toKeyValue(res.kvs[0]) : undefined;
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    const rev = opts.revision ?? 0;
    const res = await this.read(rev, () =>
      this.client.kv.range({
        key: keyBytes(rangeStart(prefix, opts.startKey)),
        range_end: prefixEndBytes(prefix),
        revision: rev,
        limit: opts.limit ?? 0,
      }),
    );
    const items = res.kvs.map(toKeyValue);
    const remaining = res.more ? Number(res.count) - items.length : 0;
    return { items, revision: rev || Number(res.header.revision), more: res.more, remaining };
  }

  async count(prefix: string): Promise<number> {
    const res = await this.client.kv.range({ key: keyBytes(prefix), range_end: prefixEndBytes(prefix), count_only: true });
    return Number(res.count);
  }

  async create(key: string, value: string): Promise<KeyValue> {
    const k = keyBytes(key);
    const res = await this.client.kv.txn({
      compare: [{ key: k, target: 'Create', result: 'Equal', create_revision: 0 }],
      success: [{ request_put: { key: k, value: Buffer.from(value) } }],
      failure: [],
    });
    if (!res.succeeded) throw new KeyExistsError(key);
    const rev = Number(res.header.revision);
    return { key, value, createRevision: rev, modRevision: rev };
  }

  async update(key: string, value: string, expectedRev: number): Promise<KeyValue> {
    const k = keyBytes(key);
    const res = await this.conditional(key, expectedRev, { request_put: { key: k, value: Buffer.from(value), prev_kv: true } });
    const prev = res.responses[0].response_put.prev_kv;
    return { key, value, createRevision: Number(prev.create_revision), modRevision: Number(res.header.revision) };
  }

  async delete(key: string, expectedRev: number): Promise<KeyValue> {
    const res = await this.conditional(key, expectedRev, { request_delete_range: { key: keyBytes(key), prev_kv: true } });
    const prev = res.responses[0].response_delete_range.prev_kvs[0];
    return { ...toKeyValue(prev), modRevision: Number(res.header.revision) };
  }

  watch(prefix: string, afterRev: number, cb: WatchCallbacks): WatchHandle {
    const handle = watchEtcd(this.client, this.tracker, prefix, afterRev, cb);
    this.watches.add(handle);
    return {
      cancel: () => {
        this.watches.delete(handle);
        handle.cancel();
      },
    };
  }

  async compact(rev: number): Promise<void> {
    try {
      await this.client.kv.compact({ revision: rev, physical: false });
    } catch (err) {
      if (!isCompactedError(err)) throw err; // already compacted at or past rev: nothing to do
    }
    this.tracker.note(rev);
  }

  async currentRevision(): Promise<number> {
    const res = await this.client.kv.range({ key: ZERO_KEY, count_only: true });
    return Number(res.header.revision);
  }

  compactRevision(): Promise<number> {
    return this.tracker.resolve();
  }

  async close(): Promise<void> {
    for (const handle of this.watches) handle.cancel();
    this.watches.clear();
    this.client.close();
  }

  /** Runs a transaction guarded by the key's mod revision (or its existence when expectedRev is 0). */
  private async conditional(key: string, expectedRev: number, op: IRequestOp): Promise<ITxnResponse> {
    const k = keyBytes(key);
    const guard: ICompare =
      expectedRev === 0
        ? { key: k, target: 'Create', result: 'Greater', create_revision: 0 }
        : { key: k, target: 'Mod', result: 'Equal', mod_revision: expectedRev };
    const res = await this.client.kv.txn({ compare: [guard], success: [op], failure: [{ request_range: { key: k } }] });
    if (res.succeeded) return res;
    const current = res.responses[0].response_range.kvs[0];
    if (!current) throw new KeyNotFoundError(key);
    throw new RevisionMismatchError(key, expectedRev, toKeyValue(current));
  }

  /** Runs a read at rev, turning etcd's compaction error into CompactedError. */
  private async read<T>(rev: number | undefined, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (!rev || !isCompactedError(err)) throw err;
      this.tracker.note(rev + 1);
      throw new CompactedError(rev, await this.tracker.resolve());
    }
  }

  private async probe(rev: number): Promise<boolean> {
    try {
      await this.client.kv.range({ key: ZERO_KEY, revision: rev, count_only: true });
      return true;
    } catch (err) {
      if (isCompactedError(err)) return false;
      throw err;
    }
  }
}
