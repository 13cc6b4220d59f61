/**
 * A document ready to serve: its JSON text, a stable hash of that text (SHA-512, upper-case hex, as
 * Kubernetes puts in /openapi/v3 URLs) and the ETag to answer with and to compare If-None-Match to.
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from './json.js';

export interface ServedDocument {
  readonly json: string;
  readonly hash: string;
  /** The quoted hash: `"ABC…"`. */
  readonly etag: string;
}

export function servedDocument(doc: JsonObject): ServedDocument {
  const json = JSON.stringify(doc);
  const hash = createHash('sha512').update(json).digest('hex').toUpperCase();
  return { json, hash, etag: `"${hash}"` };
}

/**
 * One cached value per resource set: documents are computed once for a given ResourceDef array
 * (by identity) and reused until the server passes a new array.
 */
export function perResourceSet<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, build(key));
    return cache.get(key) as V;
  };
}
