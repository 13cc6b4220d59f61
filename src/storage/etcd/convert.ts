/**
 * Translation between etcd's wire shapes and the storage contract: key bytes and prefix ranges,
 * KeyValues and watch events, and etcd's error messages.
 */
import type { IEvent, IKeyValue } from 'etcd3';
import type { KeyValue, WatchEvent } from '../backend.js';

/** etcd's smallest key; as a range end it means "to the end of the key space". */
export const ZERO_KEY = Buffer.from([0]);

export function keyBytes(key: string): Buffer {
  return key === '' ? ZERO_KEY : Buffer.from(key);
}

/** The exclusive byte range end of the keys starting with prefix (etcd's prefix end). */
export function prefixEndBytes(prefix: string): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return ZERO_KEY;
}

export function toKeyValue(kv: IKeyValue): KeyValue {
  return {
    key: kv.key.toString(),
    value: kv.value.toString(),
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
  };
}

/** A watch event; deletes carry the last value (from prev_kv) with the delete's revision. */
export function toWatchEvent(event: IEvent): WatchEvent {
  const revision = Number(event.kv.mod_revision);
  const prevKv = event.prev_kv ? toKeyValue(event.prev_kv) : undefined;
  if (event.type === 'Delete') {
    const key = event.kv.key.toString();
    const kv = prevKv ? { ...prevKv, modRevision: revision } : { key, value: '', createRevision: 0, modRevision: revision };
    return prevKv ? { type: 'delete', kv, prevKv, revision } : { type: 'delete', kv, revision };
  }
  const kv = toKeyValue(event.kv);
  return prevKv ? { type: 'put', kv, prevKv, revision } : { type: 'put', kv, revision };
}

/** True for etcd's "mvcc: required revision has been compacted" (from any call or a watch cancel). */
export function isCompactedError(err: unknown): boolean {
  return err instanceof Error && err.message.includes('required revision has been compacted');
}
