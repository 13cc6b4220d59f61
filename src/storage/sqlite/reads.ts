/**
 * Reads over the log at a revision: a key's newest row at or below it, a page of keys under a prefix
 * (the newest live row per key), counts, and the history a watch replays.
 */
import type { KeyValue, ListResult, WatchEvent } from '../backend.js';
import { prefixEnd, rangeStart } from '../keys.js';
import { type Statements, toKeyValue, toWatchEvent } from './statements.js';

/** Rows read per history query when replaying a watch. */
const REPLAY_PAGE = 1000;

export function getAt(st: Statements, key: string, rev: number): KeyValue | undefined {
  const row = st.at.get(key, rev);
  return row && !row.deleted ? toKeyValue(row) : undefined;
}

export function listAt(st: Statements, prefix: string, rev: number, limit: number, startKey?: string): ListResult {
  const range = { lo: rangeStart(prefix, startKey), hi: prefixEnd(prefix), rev };
  if (limit <= 0) {
    const items = st.list.all({ ...range, limit: -1 }).map(toKeyValue);
    return { items, revision: rev, more: false, remaining: 0 };
  }
  const rows = st.list.all({ ...range, limit: limit + 1 });
  if (rows.length <= limit) return { items: rows.map(toKeyValue), revision: rev, more: false, remaining: 0 };
  const items = rows.slice(0, limit).map(toKeyValue);
  const remaining = (st.count.get(range) ?? 0) - limit;
  return { items, revision: rev, more: true, remaining };
}

export function countAt(st: Statements, prefix: string, rev: number): number {
  return st.count.get({ lo: prefix, hi: prefixEnd(prefix), rev }) ?? 0;
}

/** Delivers the events under prefix in (afterRev, uptoRev], a page at a time. */
export function replay(
  st: Statements,
  prefix: string,
  afterRev: number,
  uptoRev: number,
  deliver: (events: WatchEvent[]) => void,
): void {
  const range = { lo: prefix, hi: prefixEnd(prefix) };
  let after = afterRev;
  while (after < uptoRev) {
    const rows = st.history.all({ ...range, after, upto: uptoRev, limit: REPLAY_PAGE });
    if (rows.length === 0) return;
    deliver(rows.map(toWatchEvent));
    if (rows.length < REPLAY_PAGE) return;
    after = rows[rows.length - 1].id;
  }
}
