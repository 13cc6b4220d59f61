/** GET of one object and LIST of a collection (as objects, a Table, or metadata). */
import { apiVersionOf } from '../../api/index.js';
import { compileFieldSelector, matches, parseFieldSelector, parseLabelSelector } from '../selectors/index.js';
import { listObjects } from '../rest/list.js';
import { sendJson, sendObject, includeObjectOf } from '../respond.js';
import { buildTable } from '../table.js';
import type { HandlerCtx } from './context.js';
import type { KObject } from '../../api/index.js';

export async function handleGet(ctx: HandlerCtx): Promise<void> {
  const obj = await ctx.registry.get(ctx.scope, ctx.info.name ?? '', ctx.query.get('resourceVersion') ?? undefined);
  sendObject(ctx, 200, ctx.def, obj);
}

export function selectionFilter(ctx: HandlerCtx): (obj: KObject) => boolean {
  const labels = parseLabelSelector(ctx.query.get('labelSelector'));
  const fields = compileFieldSelector(parseFieldSelector(ctx.query.get('fieldSelector')), ctx.def);
  if (labels.length === 0) return fields;
  return (obj) => matches(labels, obj.metadata.labels) && fields(obj);
}

export async function handleList(ctx: HandlerCtx): Promise<void> {
  const q = ctx.query;
  const limit = q.has('limit') ? Number(q.get('limit')) : undefined;
  const out = await listObjects(ctx.registry.backend, ctx.registry.cache, ctx.scope, {
    filter: selectionFilter(ctx),
    limit: Number.isFinite(limit) ? limit : undefined,
    continueToken: q.get('continue') ?? undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
  });
  const rep = ctx.rep;
  if (rep.kind === 'table') {
    sendJson(ctx, 200, buildTable(ctx.def, out.items.map((i) => i.obj), {
      version: rep.version, includeObject: includeObjectOf(q), resourceVersion: out.resourceVersion,
      continueToken: out.continueToken, remainingItemCount: out.remainingItemCount,
    }));
    return;
  }
  const meta: Record<string, unknown> = { resourceVersion: out.resourceVersion };
  if (out.continueToken) meta.continue = out.continueToken;
  if (out.remainingItemCount !== undefined) meta.remainingItemCount = out.remainingItemCount;
  if (rep.kind === 'metadata') {
    sendJson(ctx, 200, {
      kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${rep.version}`, metadata: meta,
      items: out.items.map((i) => ({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${rep.version}`, metadata: i.obj.metadata })),
    });
    return;
  }
  const head = JSON.stringify({ kind: ctx.def.listKind ?? `${ctx.def.kind}List`, apiVersion: apiVersionOf(ctx.def), metadata: meta });
  const json = `${head.slice(0, -1)},"items":[${out.items.map((i) => i.json).join(',')}]}`;
  sendJson(ctx, 200, undefined, json);
}
