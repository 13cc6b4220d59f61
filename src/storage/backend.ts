/**
 * The storage contract, shaped after etcd's key-value API. Every driver (sqlite, etcd, memory)
 * implements it and passes the one conformance suite in conformance.ts.
 *
 * Revisions are global and strictly increasing; the revision that last wrote a key is that object's
 * resourceVersion. Values are opaque strings (the API server stores JSON without resourceVersion).
 */

export interface KeyValue {
  key: string;
  value: string;
  /** Revision at which this key was created (kept across updates). */
  createRevision: number;
  /** Revision of the last write to this key. */
  modRevision: number;
}

export interface ListOptions {
  /** Read as of this revision (0 or absent: the current one). Fails with CompactedError if compacted. */
  revision?: number;
  /** At most this many items (0 or absent: no limit). */
  limit?: number;
  /** Start at this key (inclusive); used for continue tokens. Keys are compared as byte strings. */
  startKey?: string;
}

export interface ListResult {
  items: KeyValue[];
  /** The revision the list was read at. */
  revision: number;
  /** True when more keys under the prefix follow the last returned item. */
  more: boolean;
  /** Number of keys remaining after the returned items (when more is true). */
  remaining: number;
}

export type WatchEventType = 'put' | 'delete';

export interface WatchEvent {
  type: WatchEventType;
  /** For put: the new value. For delete: the deleted key with the last value and modRevision = the delete revision. */
  kv: KeyValue;
  /** The value before this event (absent for a create). */
  prevKv?: KeyValue;
  /** The revision of this event. */
  revision: number;
}

export interface WatchHandle {
  /** Stop delivering events. */
  cancel(): void;
}

export interface WatchCallbacks {
  onEvents(events: WatchEvent[]): void;
  /** Called once if the watch cannot continue (for example the start revision was compacted). */
  onError(err: Error): void;
}

export interface Backend {
  /** Current value of key, or as of revision rev. undefined when absent. */
  get(key: string, rev?: number): Promise<KeyValue | undefined>;
  /** Keys starting with prefix, in key order. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Count keys under prefix at the current revision. */
  count(prefix: string): Promise<number>;
  /** Creates key; throws KeyExistsError if present. Returns the new KeyValue. */
  create(key: string, value: string): Promise<KeyValue>;
  /**
   * Replaces key's value if its modRevision equals expectedRev (0: any). Throws KeyNotFoundError if
   * absent, RevisionMismatchError (carrying the current KeyValue) if the revision differs.
   */
  update(key: string, value: string, expectedRev: number): Promise<KeyValue>;
  /**
   * Deletes key if its modRevision equals expectedRev (0: any). Returns the deleted KeyValue (its last
   * value) with the delete's revision in modRevision. Throws KeyNotFoundError / RevisionMismatchError.
   */
  delete(key: string, expectedRev: number): Promise<KeyValue>;
  /**
   * Delivers, in revision order, every event under prefix with revision > afterRev, then live events.
   * If afterRev is older than the compacted revision, onError receives a CompactedError.
   */
  watch(prefix: string, afterRev: number, cb: WatchCallbacks): WatchHandle;
  /** Forgets history older than rev; reads and watches at older revisions fail with CompactedError. */
  compact(rev: number): Promise<void>;
  /** The newest revision written. */
  currentRevision(): Promise<number>;
  /** The oldest revision still readable (the last compaction). */
  compactRevision(): Promise<number>;
  close(): Promise<void>;
}
