/**
 * WriteTracker: the writes a controller made that its informer cache does not show yet, grouped by
 * the object they were made for (a service). A controller that acts on a cache which has not caught
 * up with its own writes creates duplicates or undoes its work; it asks stale() first and, if so,
 * looks again later. A write counts as seen once the cache holds that resourceVersion or a later
 * one (a deleted object: once the cache no longer holds it); writes unseen for ttlMs are given up.
 */
import type { KObject } from '../../api/index.js';

interface Pending { key: string; rv?: string; deletedUid?: string; at: number }

function notOlder(have: string | undefined, want: string): boolean {
  if (have === undefined) return false;
  if (/^\d+$/.test(have) && /^\d+$/.test(want)) return BigInt(have) >= BigInt(want);
  return have === want;
}

export class WriteTracker {
  private readonly groups = new Map<string, Map<string, Pending>>();

  constructor(private readonly ttlMs = 30_000, private readonly now: () => number = Date.now) {}

  /** A create or update of obj (as the server returned it), stored under its key. */
  wrote(group: string, key: string, obj: KObject): void {
    this.entries(group).set(key, { key, rv: obj.metadata.resourceVersion ?? '', at: this.now() });
  }

  /** A delete of the object with this key and uid. */
  deleted(group: string, key: string, uid: string | undefined): void {
    this.entries(group).set(key, { key, deletedUid: uid ?? '', at: this.now() });
  }

  /** The informer saw the object with this key go: a write of it can no longer show. */
  observeDeleted(key: string): void {
    for (const [g, m] of this.groups) {
      const p = m.get(key);
      if (p && p.deletedUid === undefined) m.delete(key);
      if (!m.size) this.groups.delete(g);
    }
  }

  /** Whether the cache (looked up by key) still lacks one of the group's writes. */
  stale(group: string, lookup: (key: string) => KObject | undefined): boolean {
    const m = this.groups.get(group);
    if (!m) return false;
    const now = this.now();
    let behind = false;
    for (const p of [...m.values()]) {
      const cur = lookup(p.key);
      const seen = p.deletedUid !== undefined
        ? !cur || (p.deletedUid !== '' && cur.metadata.uid !== p.deletedUid)
        : notOlder(cur?.metadata.resourceVersion, p.rv ?? '');
      if (seen || now - p.at > this.ttlMs) m.delete(p.key);
      else behind = true;
    }
    if (!m.size) this.groups.delete(group);
    return behind;
  }

  forget(group: string): void {
    this.groups.delete(group);
  }

  private entries(group: string): Map<string, Pending> {
    let m = this.groups.get(group);
    if (!m) this.groups.set(group, (m = new Map()));
    return m;
  }
}
