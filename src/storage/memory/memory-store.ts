/**
 * The memory driver's data: every key's versions (for reads at a revision) and the event log (for
 * watch replay), both trimmed by compaction. All operations are synchronous.
 */
import type { KeyValue, WatchEvent } from '../backend.js';
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError } from '../errors.js';
import { compareKeys } from '../keys.js';

/** One write to a key: its value afterwards, or undefined for a delete (a tombstone). */
interface Version {
  readonly rev: number;
  readonly kv: KeyValue | undefined;
}

export class MemoryStore {
  private readonly versions = new Map<string, Version[]>();
  private log: WatchEvent[] = [];
  revision = 0;
  compacted = 0;

  /** The value of key as of rev. */
  get(key: string, rev: number): KeyValue | undefined {
    const history = this.versions.get(key);
    return history ? valueAt(history, rev) : undefined;
  }

  /** Keys under prefix from start (inclusive) that exist at rev, in key order. */
  keys(prefix: string, start: string, rev: number): KeyValue[] {
    const found: KeyValue[] = [];
    for (const [key, history] of this.versions) {
      if (!key.startsWith(prefix) || compareKeys(key, start) < 0) continue;
      const kv = valueAt(history, rev);
      if (kv) found.push(kv);
    }
    return found.sort((a, b) => compareKeys(a.key, b.key));
  }

  create(key: string, value: string): WatchEvent {
    if (this.latest(key)) throw new KeyExistsError(key);
    const rev = this.revision + 1;
    return this.append({ type: 'put', kv: { key, value, createRevision: rev, modRevision: rev }, revision: rev });
  }

  update(key: string, value: string, expectedRev: number): WatchEvent {
    const current = this.current(key, expectedRev);
    const rev = this.revision + 1;
    const kv = { key, value, createRevision: current.createRevision, modRevision: rev };
    return this.append({ type: 'put', kv, prevKv: current, revision: rev });
  }

  delete(key: string, expectedRev: number): WatchEvent {
    const current = this.current(key, expectedRev);
    const rev = this.revision + 1;
    const kv = { ...current, modRevision: rev };
    return this.append({ type: 'delete', kv, prevKv: current, revision: rev });
  }

  /** Forgets every version not needed to read at rev or later, and the log up to rev. */
  compact(rev: number): void {
    for (const [key, history] of this.versions) {
      let keep = 0;
      while (keep + 1 < history.length && history[keep + 1].rev <= rev) keep++;
      if (history[keep].rev <= rev && history[keep].kv === undefined) keep++;
      if (keep === history.length) this.versions.delete(key);
      else if (keep > 0) history.splice(0, keep);
    }
    this.log = this.log.slice(firstAfter(this.log, rev));
    this.compacted = rev;
  }

  /** The events under prefix in (afterRev, uptoRev], in order. */
  events(prefix: string, afterRev: number, uptoRev: number): WatchEvent[] {
    const found: WatchEvent[] = [];
    for (let i = firstAfter(this.log, afterRev); i < this.log.length; i++) {
      const event = this.log[i];
      if (event.revision > uptoRev) break;
      if (event.kv.key.startsWith(prefix)) found.push(event);
    }
    return found;
  }

  private latest(key: string): KeyValue | undefined {
    const history = this.versions.get(key);
    return history ? history[history.length - 1].kv : undefined;
  }

  private current(key: string, expectedRev: number): KeyValue {
    const current = this.latest(key);
    if (!current) throw new KeyNotFoundError(key);
    if (expectedRev !== 0 && current.modRevision !== expectedRev) {
      throw new RevisionMismatchError(key, expectedRev, current);
    }
    return current;
  }

  private append(event: WatchEvent): WatchEvent {
    const key = event.kv.key;
    const version: Version = { rev: event.revision, kv: event.type === 'put' ? event.kv : undefined };
    const history = this.versions.get(key);
    if (history) history.push(version);
    else this.versions.set(key, [version]);
    this.log.push(event);
    this.revision = event.revision;
    return event;
  }
}

/** The value in a key's history as of rev (binary search over ascending revisions). */
function valueAt(history: Version[], rev: number): KeyValue | undefined {
  let lo = 0;
  let hi = history.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (history[mid].rev <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? undefined : history[lo - 1].kv;
}

/** Index of the first event with a revision greater than rev. */
function firstAfter(log: WatchEvent[], rev: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (log[mid].revision <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
