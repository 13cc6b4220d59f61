/**
 * WATCH over HTTP: a chunked stream of newline-separated {"type","object"} events (objects, Table
 * rows, or metadata), bookmarks when asked for, closed after timeoutSeconds.
 */
import { apiVersionOf, type KObject } from '../../api/index.js';
import { startWatch, type OutEvent } from '../rest/watch.js';
import { includeObjectOf } from '../respond.js';
import { buildTable } from '../table.js';
import type { HandlerCtx } from './context.js';
import { selectionFilter } from './read.js';

const BOOKMARK_INTERVAL_MS = 60_000;

export async function handleWatch(ctx: HandlerCtx): Promise<void> {
  const q = ctx.query;
  const rep = ctx.rep;
  const nameFilter = ctx.info.name;
  const sel = selectionFilter(ctx);
  const filter = nameFilter ? (o: KObject) => o.metadata.name === nameFilter && sel(o) : sel;
  const sendInitial = q.get('sendInitialEvents') === 'true';
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  let headerSent = false;
  let lastRv = '';
  const encode = (e: OutEvent): string => {
    if (e.type === 'ERROR' || e.type === 'BOOKMARK') return JSON.stringify({ type: e.type, object: e.object });
    const obj = e.object as KObject;
    lastRv = obj.metadata.resourceVersion ?? lastRv;
    if (rep.kind === 'table') {
      const t = buildTable(ctx.def, [obj], { version: rep.version, includeObject: includeObjectOf(q), noHeaders: headerSent });
      headerSent = true;
      return JSON.stringify({ type: e.type, object: t });
    }
    if (rep.kind === 'metadata') {
      return JSON.stringify({ type: e.type, object: { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${rep.version}`, metadata: obj.metadata } });
    }
    return `{"type":"${e.type}","object":${e.json ?? JSON.stringify(obj)}}`;
  };
  const res = ctx.res;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  const write = (events: OutEvent[]): void => {
    if (res.writableEnded) return;
    res.write(events.map(encode).join('\n') + '\n');
  };
  const rv = q.get('resourceVersion') ?? undefined;
  const compactedRevision = rv && rv !== '0' && !sendInitial ? await ctx.registry.backend.compactRevision() : 0;
  const stream = startWatch(ctx.registry.cache, ctx.scope, {
    filter, resourceVersion: rv, sendInitialEvents: sendInitial, compactedRevision,
  }, write);
  lastRv ||= String(ctx.registry.cache.currentRevision);
  const bookmark = (extra?: Record<string, string>): void => {
    const rv = String(ctx.registry.cache.currentRevision);
    const metadata: Record<string, unknown> = { resourceVersion: rv };
    if (extra) metadata.annotations = extra;
    write([{ type: 'BOOKMARK', object: { kind: ctx.def.kind, apiVersion: apiVersionOf(ctx.def), metadata } as KObject }]);
  };
  if (sendInitial && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  const timeoutSeconds = Number(q.get('timeoutSeconds') ?? 0);
  const timeoutMs = timeoutSeconds > 0 ? timeoutSeconds * 1000 : (1800 + Math.random() * 1800) * 1000;
  const timers: NodeJS.Timeout[] = [setTimeout(() => finish(), timeoutMs)];
  if (bookmarks) timers.push(setInterval(() => bookmark(), BOOKMARK_INTERVAL_MS));
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    for (const t of timers) clearTimeout(t);
    stream.stop();
    if (!res.writableEnded) res.end();
  };
  await Promise.race([ctx.closed, new Promise<void>((resolve) => res.once('finish', () => resolve()))]);
  finish();
}
