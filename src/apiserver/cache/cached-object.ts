/** An object as the cache holds it: parsed, with its resourceVersion, and its JSON kept for joining lists. */
import type { KObject } from '../../api/index.js';
import type { KeyValue } from '../../storage/index.js';

export interface CachedObject {
  key: string;
  obj: KObject;
  json: string;
  rev: number;
}

/** Decodes a stored value, setting metadata.resourceVersion from the revision. */
export function decodeStored(key: string, value: string, rev: number): CachedObject {
  const obj = JSON.parse(value) as KObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(rev);
  return { key, obj, json: JSON.stringify(obj), rev };
}

export function fromKeyValue(kv: KeyValue): CachedObject {
  return decodeStored(kv.key, kv.value, kv.modRevision);
}

/** Encodes an object for storage: resourceVersion is not stored (the revision is). */
export function encodeForStorage(obj: KObject): string {
  const rv = obj.metadata.resourceVersion;
  delete obj.metadata.resourceVersion;
  const s = JSON.stringify(obj);
  if (rv !== undefined) obj.metadata.resourceVersion = rv;
  return s;
}
