/**
 * The sqlite driver's schema: one append-only log table whose row id is the revision, and a small
 * meta table (the compacted revision). Opening applies WAL mode and creates what is missing.
 */
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export type Synchronous = 'OFF' | 'NORMAL' | 'FULL';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_name_id ON log (name, id, deleted);
CREATE TABLE IF NOT EXISTS meta (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
`;

export function openDatabase(path: string, synchronous: Synchronous): SqliteDatabase {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** The newest revision ever written (kept by AUTOINCREMENT even when compaction deleted its row). */
export function readRevision(db: SqliteDatabase): number {
  const seq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'log'`).pluck().get() as number | undefined;
  const max = db.prepare('SELECT MAX(id) FROM log').pluck().get() as number | null;
  return Math.max(seq ?? 0, max ?? 0);
}

export function readMeta(db: SqliteDatabase, name: string): number {
  const value = db.prepare('SELECT value FROM meta WHERE name = ?').pluck().get(name) as number | undefined;
  return value ?? 0;
}
