/**
 * The sqlite://PATH driver, after k3s's kine: one append-only log table in a WAL-mode SQLite file
 * whose row ids are the revisions. Writes made in the same tick commit in one transaction, watches fan
 * out in-process from the committed batches, and a compactor trims superseded history.
 */
import { SqliteBackend, type SqliteOptions } from './sqlite-backend.js';

export { SqliteBackend, type SqliteOptions } from './sqlite-backend.js';

export async function openSqliteBackend(path: string, opts?: SqliteOptions): Promise<SqliteBackend> {
  return new SqliteBackend(path, opts);
}
