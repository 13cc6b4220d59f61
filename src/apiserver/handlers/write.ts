/** POST (create), PUT (replace) and DELETE of one object or a collection. */
import { badRequest, type KObject } from '../../api/index.js';
import { decodeBody, readBody } from '../codec/body.js';
import { sendJson, sendObject, sendSuccess } from '../respond.js';
import type { DeleteOptions } from '../rest/registry.js';
import { listObjects } from '../rest/list.js';
import { dryRunOf, fieldValidationOf, type HandlerCtx } from './context.js';
import { readObject } from './decode-object.js';
import { selectionFilter } from './read.js';
import { fieldManagerOf } from '../patch/apply/index.js';
import { apiVersionOf } from '../../api/index.js';

export async function handleCreate(ctx: HandlerCtx): Promise<void> {
  const obj = await readObject(ctx, fieldValidationOf(ctx.query));
  const created = await ctx.registry.create(ctx.scope, obj, {
    dryRun: dryRunOf(ctx.query), fieldManager: fieldManagerOf(ctx.query, ctx.req.headers['user-agent']), warnings: ctx.warnings,
    requester: ctx.user,
  });
  sendObject(ctx, 201, ctx.def, created);
}

export async function handleUpdate(ctx: HandlerCtx): Promise<void> {
  const obj = await readObject(ctx, fieldValidationOf(ctx.query));
  const updated = await ctx.registry.update(ctx.scope, ctx.info.name ?? '', obj, {
    dryRun: dryRunOf(ctx.query), subresource: ctx.info.subresource, fieldManager: fieldManagerOf(ctx.query, ctx.req.headers['user-agent']),
    warnings: ctx.warnings,
  });
  sendObject(ctx, 200, ctx.def, updated);
}

async function deleteOptions(ctx: HandlerCtx): Promise<DeleteOptions> {
  const q = ctx.query;
  const body = await readBody(ctx.req);
  let raw: Record<string, unknown> = {};
  if (body.length > 0) {
    const v = decodeBody(body, ctx.req.headers['content-type']);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) raw = v as Record<string, unknown>;
  }
  const opts: DeleteOptions = { dryRun: dryRunOf(q) || (Array.isArray(raw.dryRun) && raw.dryRun.includes('All')) };
  const grace = q.get('gracePeriodSeconds') ?? raw.gracePeriodSeconds;
  if (grace !== undefined && grace !== null) {
    const n = Number(grace);
    if (!Number.isInteger(n)) throw badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
    opts.gracePeriodSeconds = Math.max(0, n);
  }
  const policy = q.get('propagationPolicy') ?? raw.propagationPolicy;
  if (policy !== undefined && policy !== null) {
    if (policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
      throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    opts.propagationPolicy = policy;
  } else if (raw.orphanDependents === true || q.get('orphanDependents') === 'true') {
    opts.propagationPolicy = 'Orphan';
  }
  if (typeof raw.preconditions === 'object' && raw.preconditions !== null) opts.preconditions = raw.preconditions as DeleteOptions['preconditions'];
  return opts;
}

export async function handleDelete(ctx: HandlerCtx): Promise<void> {
  const opts = await deleteOptions(ctx);
  const name = ctx.info.name ?? '';
  const result = await ctx.registry.delete(ctx.scope, name, opts);
  if (!result.deleted || ctx.def.returnDeletedObject) {
    sendObject(ctx, 200, ctx.def, result.obj);
    return;
  }
  sendSuccess(ctx, { name, group: ctx.def.group || undefined, kind: ctx.def.plural, uid: result.obj.metadata.uid });
}

export async function handleDeleteCollection(ctx: HandlerCtx): Promise<void> {
  const opts = await deleteOptions(ctx);
  const out = await listObjects(ctx.registry.backend, ctx.registry.cache, ctx.scope, { filter: selectionFilter(ctx) });
  const deleted: KObject[] = [];
  for (const item of out.items) {
    const scope = { ...ctx.scope, namespace: item.obj.metadata.namespace ?? ctx.scope.namespace };
    try {
      const r = await ctx.registry.delete(scope, item.obj.metadata.name ?? '', opts);
      deleted.push(r.obj);
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
  sendJson(ctx, 200, { kind: ctx.def.listKind ?? `${ctx.def.kind}List`, apiVersion: apiVersionOf(ctx.def), metadata: { resourceVersion: out.resourceVersion }, items: deleted });
}
