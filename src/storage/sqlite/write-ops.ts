/**
 * One write (create, update or delete) applied inside the batch transaction: check the key's newest
 * row, then append the new row at the given revision. Storage errors leave the log untouched.
 */
import type { WatchEvent } from '../backend.js';
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError } from '../errors.js';
import { type LogRow, type Statements, toKeyValue } from './statements.js';

export type WriteOp =
  | { readonly kind: 'create'; readonly key: string; readonly value: string }
  | { readonly kind: 'update'; readonly key: string; readonly value: string; readonly expectedRev: number }
  | { readonly kind: 'delete'; readonly key: string; readonly expectedRev: number };

/** Appends the row for op at revision rev and returns its event (event.kv is the caller's result). */
export function applyWrite(st: Statements, op: WriteOp, rev: number): WatchEvent {
  const row = st.latest.get(op.key);
  const live = row && !row.deleted ? row : undefined;
  if (op.kind === 'create') {
    if (live) throw new KeyExistsError(op.key);
    st.insert.run(rev, op.key, 1, 0, rev, row ? row.id : 0, op.value);
    return { type: 'put', kv: { key: op.key, value: op.value, createRevision: rev, modRevision: rev }, revision: rev };
  }
  const current = checkCurrent(op.key, live, op.expectedRev);
  const prevKv = toKeyValue(current);
  if (op.kind === 'update') {
    st.insert.run(rev, op.key, 0, 0, current.create_revision, current.id, op.value);
    const kv = { key: op.key, value: op.value, createRevision: current.create_revision, modRevision: rev };
    return { type: 'put', kv, prevKv, revision: rev };
  }
  st.insert.run(rev, op.key, 0, 1, current.create_revision, current.id, current.value);
  return { type: 'delete', kv: { ...prevKv, modRevision: rev }, prevKv, revision: rev };
}

function checkCurrent(key: string, live: LogRow | undefined, expectedRev: number): LogRow {
  if (!live) throw new KeyNotFoundError(key);
  if (expectedRev !== 0 && live.id !== expectedRev) {
    throw new RevisionMismatchError(key, expectedRev, toKeyValue(live));
  }
  return live;
}

/** True for the errors a single write reports to its caller without failing the batch. */
export function isWriteConflict(err: unknown): err is KeyExistsError | KeyNotFoundError | RevisionMismatchError {
  return err instanceof KeyExistsError || err instanceof KeyNotFoundError || err instanceof RevisionMismatchError;
}
