/**
 * WATCH: events for one resource (optionally one namespace, selectors) from a resourceVersion.
 * Modifications that move an object into or out of the selection become ADDED or DELETED, as
 * Kubernetes does.
 */
import { badRequest, type KObject, type Status } from '../../api/index.js';
import type { CacheEvent, WatchCache } from '../cache/index.js';
import { clone, fromStorage, prefixOf, type Scope } from './scope.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface OutEvent {
  type: WatchEventType;
  object: KObject | Status;
  /** Pre-serialized object, when it can be reused. */
  json?: string;
}

export interface WatchRequest {
  filter: (obj: KObject) => boolean;
  resourceVersion?: string;
  /** Send the current state as ADDED events first (rv unset or "0"; or sendInitialEvents). */
  sendInitialEvents?: boolean;
  /** The store's compacted revision: watches from before it are too old. */
  compactedRevision?: number;
}

export interface WatchStream {
  stop(): void;
}

function tooOld(requested: number, oldest: number): Status {
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
    message: `too old resource version: ${requested} (${oldest})`, reason: 'Expired', code: 410,
  };
}

export function startWatch(
  cache: WatchCache, scope: Scope, req: WatchRequest, send: (events: OutEvent[]) => void,
): WatchStream {
  const prefix = prefixOf(scope);
  const rv = req.resourceVersion ?? '';
  if (rv && rv !== '0' && !/^\d+$/.test(rv)) throw badRequest(`Invalid value: "${rv}": a resource version must be a non-negative integer`);
  const convert = (o: KObject): KObject => (scope.def.storage ? fromStorage(scope.def, clone(o)) : o);
  const reuseJson = !scope.def.storage;
  const initial = rv === '' || rv === '0' || !!req.sendInitialEvents;
  let from = initial ? cache.currentRevision : Number(rv);
  const out: OutEvent[] = [];
  if (initial) {
    for (const c of cache.list(prefix)) {
      if (!req.filter(c.obj)) continue;
      const obj = convert(c.obj);
      out.push({ type: 'ADDED', object: obj, json: reuseJson ? c.json : undefined });
    }
    from = cache.currentRevision;
  }
  const onEvents = (events: CacheEvent[]): void => {
    const batch: OutEvent[] = [];
    for (const e of events) {
      const now = e.type !== 'DELETED' && req.filter(e.object.obj);
      const before = e.prev ? req.filter(e.prev.obj) : false;
      let type: WatchEventType | undefined;
      if (e.type === 'ADDED') type = now ? 'ADDED' : undefined;
      else if (e.type === 'DELETED') type = before || req.filter(e.object.obj) ? 'DELETED' : undefined;
      else if (now && before) type = 'MODIFIED';
      else if (now) type = 'ADDED';
      else if (before) type = 'DELETED';
      if (!type) continue;
      batch.push({ type, object: convert(e.object.obj), json: reuseJson ? e.object.json : undefined });
    }
    if (batch.length) send(batch);
  };
  if (out.length) send(out);
  const compacted = req.compactedRevision ?? 0;
  const cancel = from >= compacted ? cache.watch(prefix, from, onEvents) : undefined;
  if (!cancel) {
    send([{ type: 'ERROR', object: tooOld(from, Math.max(cache.oldestRevision, compacted)) }]);
    return { stop() {} };
  }
  return { stop: cancel };
}
