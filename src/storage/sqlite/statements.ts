/**
 * Prepared statements over the log table and the mapping from its rows to KeyValues and WatchEvents.
 * "Current state" queries pick, per key, the newest row at or below a revision (index on name, id).
 */
import type Database from 'better-sqlite3';
import type { KeyValue, WatchEvent } from '../backend.js';
import type { SqliteDatabase } from './schema.js';

/** A row of the log table. */
export interface LogRow {
  id: number;
  name: string;
  created: number;
  deleted: number;
  create_revision: number;
  prev_revision: number;
  value: string;
}

/** A log row joined with the row it superseded (for watch replay). */
export interface HistoryRow extends LogRow {
  prev_value: string | null;
  prev_create_revision: number | null;
}

export interface RangeParams {
  lo: string;
  hi: string;
  rev: number;
}

export interface HistoryParams {
  lo: string;
  hi: string;
  after: number;
  upto: number;
  limit: number;
}

const COLUMNS = 'id, name, created, deleted, create_revision, prev_revision, value';

export class Statements {
  readonly latest: Database.Statement<[string], LogRow>;
  readonly at: Database.Statement<[string, number], LogRow>;
  readonly insert: Database.Statement<[number, string, number, number, number, number, string]>;
  readonly list: Database.Statement<[RangeParams & { limit: number }], LogRow>;
  readonly count: Database.Statement<[RangeParams], number>;
  readonly history: Database.Statement<[HistoryParams], HistoryRow>;
  readonly setMeta: Database.Statement<[string, number]>;
  readonly deleteSuperseded: Database.Statement<[number, number]>;
  readonly deleteTombstones: Database.Statement<[number, number]>;

  constructor(db: SqliteDatabase) {
    this.latest = db.prepare(`SELECT ${COLUMNS} FROM log WHERE name = ? ORDER BY id DESC LIMIT 1`);
    this.at = db.prepare(`SELECT ${COLUMNS} FROM log WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1`);
    this.insert = db.prepare(`INSERT INTO log (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.list = db.prepare(
      `SELECT ${COLUMNS} FROM log AS l
       WHERE l.name >= @lo AND l.name < @hi AND l.id <= @rev AND l.deleted = 0
         AND l.id = (SELECT MAX(n.id) FROM log AS n WHERE n.name = l.name AND n.id <= @rev)
       ORDER BY l.name LIMIT @limit`,
    );
    this.count = db
      .prepare(
        `SELECT COUNT(*) FROM (
           SELECT MAX(id), deleted FROM log WHERE name >= @lo AND name < @hi AND id <= @rev GROUP BY name
         ) WHERE deleted = 0`,
      )
      .pluck() as Database.Statement<[RangeParams], number>;
    this.history = db.prepare(
      `SELECT l.id, l.name, l.created, l.deleted, l.create_revision, l.prev_revision, l.value,
              p.value AS prev_value, p.create_revision AS prev_create_revision
       FROM log AS l LEFT JOIN log AS p ON p.id = l.prev_revision AND l.created = 0
       WHERE l.id > @after AND l.id <= @upto AND l.name >= @lo AND l.name < @hi
       ORDER BY l.id LIMIT @limit`,
    );
    this.setMeta = db.prepare(
      'INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
    this.deleteSuperseded = db.prepare(
      'DELETE FROM log WHERE id IN (SELECT prev_revision FROM log WHERE id > ? AND id <= ? AND prev_revision > 0)',
    );
    this.deleteTombstones = db.prepare('DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1');
  }
}

export function toKeyValue(row: LogRow): KeyValue {
  return { key: row.name, value: row.value, createRevision: row.create_revision, modRevision: row.id };
}

/** The watch event a history row stands for. */
export function toWatchEvent(row: HistoryRow): WatchEvent {
  const kv = toKeyValue(row);
  if (row.deleted) {
    const prevKv = { ...kv, modRevision: row.prev_revision };
    return { type: 'delete', kv, prevKv, revision: row.id };
  }
  if (row.created || row.prev_value === null || row.prev_create_revision === null) {
    return { type: 'put', kv, revision: row.id };
  }
  const prevKv = { key: row.name, value: row.prev_value, createRevision: row.prev_create_revision, modRevision: row.prev_revision };
  return { type: 'put', kv, prevKv, revision: row.id };
}
