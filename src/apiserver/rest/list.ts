/**
 * LIST: served from the watch cache, or from storage when a consistent page (limit/continue) or an
 * exact old revision is asked for. Items keep their serialized JSON so the response is joined.
 */
import { badRequest, expired, StatusError, type KObject } from '../../api/index.js';
import { CompactedError, type Backend } from '../../storage/index.js';
import { fromKeyValue, type CachedObject, type WatchCache } from '../cache/index.js';
import { decodeContinue, encodeContinue } from './continue-token.js';
import { clone, fromStorage, prefixOf, type Scope } from './scope.js';

export interface ListQuery {
  filter: (obj: KObject) => boolean;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListItem { obj: KObject; json: string }

export interface ListOutcome {
  items: ListItem[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

const TOO_OLD_CONTINUE = 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function toItem(scope: Scope, c: CachedObject): ListItem {
  if (!scope.def.storage && c.obj.apiVersion === apiVersionOfScope(scope)) return { obj: c.obj, json: c.json };
  const obj = fromStorage(scope.def, clone(c.obj));
  return { obj, json: JSON.stringify(obj) };
}

function apiVersionOfScope(scope: Scope): string {
  return scope.def.group ? `${scope.def.group}/${scope.def.version}` : scope.def.version;
}

function parseRv(rv: string): number {
  if (!/^\d+$/.test(rv)) throw badRequest(`Invalid value: "${rv}": a resource version must be a non-negative integer`);
  return Number(rv);
}

export async function listObjects(backend: Backend, cache: WatchCache, scope: Scope, q: ListQuery): Promise<ListOutcome> {
  const prefix = prefixOf(scope);
  const limit = q.limit && q.limit > 0 ? q.limit : 0;
  const rv = q.resourceVersion ?? '';
  const exact = q.resourceVersionMatch === 'Exact';
  if (q.continueToken) {
    if (rv) throw badRequest('specifying resource version is not allowed when using continue');
    const tok = decodeContinue(q.continueToken);
    return listFromStorage(backend, scope, prefix, q, limit, tok.rev, prefix + tok.start);
  }
  if ((limit && rv !== '0') || exact) {
    const at = rv && rv !== '0' ? parseRv(rv) : 0;
    return listFromStorage(backend, scope, prefix, q, limit, at, undefined);
  }
  let target = 0;
  if (rv === '') target = await backend.currentRevision();
  else if (rv !== '0') target = parseRv(rv);
  if (target && !(await cache.waitFor(target))) {
    if (rv !== '') throw new StatusError(504, 'Timeout', `Too large resource version: ${target}, current: ${cache.currentRevision}`, { retryAfterSeconds: 1 });
    return listFromStorage(backend, scope, prefix, q, 0, 0, undefined);
  }
  const items: ListItem[] = [];
  for (const c of cache.list(prefix)) if (q.filter(c.obj)) items.push(toItem(scope, c));
  return { items, resourceVersion: String(cache.currentRevision) };
}

async function listFromStorage(
  backend: Backend, scope: Scope, prefix: string, q: ListQuery, limit: number, rev: number, startKey: string | undefined,
): Promise<ListOutcome> {
  const items: ListItem[] = [];
  let start = startKey;
  let at = rev || undefined;
  let readRev = 0;
  let lastKey: string | undefined;
  let more = false;
  let remaining = 0;
  try {
    for (;;) {
      const pageSize = limit ? Math.max(limit - items.length, 1) : 0;
      const page = await backend.list(prefix, { revision: at, limit: pageSize || undefined, startKey: start });
      readRev = page.revision;
      at = page.revision;
      for (const kv of page.items) {
        lastKey = kv.key;
        const c = fromKeyValue(kv);
        if (q.filter(c.obj)) items.push(toItem(scope, c));
        if (limit && items.length >= limit) break;
      }
      const stoppedEarly = lastKey !== undefined && lastKey !== page.items[page.items.length - 1]?.key;
      more = page.more || stoppedEarly;
      remaining = page.remaining;
      if (!limit || items.length >= limit || !page.more || page.items.length === 0) break;
      start = `${lastKey}\0`;
    }
  } catch (err) {
    if (err instanceof CompactedError) {
      if (startKey !== undefined) throw expired(TOO_OLD_CONTINUE);
      throw expired(`The resourceVersion for the provided list is too old.`);
    }
    throw err;
  }
  const out: ListOutcome = { items, resourceVersion: String(readRev) };
  if (limit && more && lastKey !== undefined) {
    out.continueToken = encodeContinue({ rev: readRev, start: `${lastKey.slice(prefix.length)}\0` });
    if (q.filter.length === 0 || remaining > 0) out.remainingItemCount = remaining;
  }
  return out;
}
