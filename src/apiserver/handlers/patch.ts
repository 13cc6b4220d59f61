/**
 * PATCH: JSON patch, merge patch and strategic merge patch, applied to the current object inside a
 * retrying read-modify-write, then checked like any other write; and server-side apply
 * (`application/apply-patch+yaml`), which creates the object when it does not exist.
 */
import { badRequest, conflict, invalid, StatusError, type KObject } from '../../api/index.js';
import { decodeBody, mediaType, readBody } from '../codec/body.js';
import {
  applyObject, decodeApplyBody, fieldManagerOf, forceOf, isStatus, managedFieldsScope, scaleConfigToParent,
  validatePatchOptions,
} from '../patch/apply/index.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { sendObject } from '../respond.js';
import { qualifiedResource } from '../rest/scope.js';
import { dryRunOf, fieldValidationOf, type HandlerCtx } from './context.js';
import { asObjectOf } from './decode-object.js';
import { fromScale, toScale } from './scale.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const ACCEPTED = 'application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml';

function patchTypeOf(ct: string | undefined): PatchType {
  switch (mediaType(ct)) {
    case 'application/json-patch+json': return 'json';
    case 'application/merge-patch+json': return 'merge';
    case 'application/strategic-merge-patch+json': return 'strategic';
    case 'application/apply-patch+yaml': return 'apply';
    default:
      throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED}`);
  }
}

export function applyPatch(ctx: HandlerCtx, type: Exclude<PatchType, 'apply'>, current: unknown, patch: unknown): unknown {
  if (type === 'json') return applyJsonPatch(current, patch);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw badRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  }
  if (type === 'merge') return applyMergePatch(current, patch);
  return applyStrategicMergePatch(ctx.def.schema, current, patch as Record<string, unknown>);
}

export async function handlePatch(ctx: HandlerCtx): Promise<void> {
  const type = patchTypeOf(ctx.req.headers['content-type']);
  validatePatchOptions(ctx.query, type === 'apply');
  const body = await readBody(ctx.req);
  if (type === 'apply') return handleApply(ctx, body);
  const patch = decodeBody(body, 'application/json');
  const mode = fieldValidationOf(ctx.query);
  const name = ctx.info.name ?? '';
  const sub = ctx.info.subresource;
  const scaleDef = ctx.def.subresources?.scale;
  const updated = await ctx.registry.guaranteedUpdate(ctx.scope, name, (cur: KObject) => {
    if (sub === 'scale' && scaleDef) {
      const scale = applyPatch(ctx, type === 'strategic' ? 'merge' : type, toScale(cur, scaleDef), patch) as Record<string, unknown>;
      return fromScale(cur, scale, scaleDef);
    }
    const patched = applyPatch(ctx, type, cur, patch);
    if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) {
      throw invalid(ctx.def, name, [{ type: 'FieldValueInvalid', field: '', message: 'Invalid value: the patch did not produce an object' }]);
    }
    return asObjectOf(ctx.def, patched as Record<string, unknown>, mode, ctx.warnings);
  }, {
    dryRun: dryRunOf(ctx.query),
    subresource: sub === 'scale' ? undefined : sub,
    managedFieldsSubresource: sub === 'scale' ? 'scale' : undefined,
    fieldManager: fieldManagerOf(ctx.query, ctx.req.headers['user-agent']),
    retryOnConflict: !namesResourceVersion(type, patch),
    warnings: ctx.warnings,
  });
  if (sub === 'scale' && scaleDef) {
    sendObject(ctx, 200, ctx.def, toScale(updated, scaleDef));
    return;
  }
  sendObject(ctx, 200, ctx.def, updated);
}

/**
 * Server-side apply: merge the configuration into the live object as its field manager, or create
 * the object from it (201) when there is none.
 */
async function handleApply(ctx: HandlerCtx, body: Buffer): Promise<void> {
  const mode = fieldValidationOf(ctx.query);
  const raw = decodeApplyBody(body, mode, ctx.warnings);
  const manager = ctx.query.get('fieldManager') ?? '';
  const force = forceOf(ctx.query);
  const name = ctx.info.name ?? '';
  const sub = ctx.info.subresource;
  const scaleDef = sub === 'scale' ? ctx.def.subresources?.scale : undefined;
  const config = scaleDef ? scaleConfigToParent(ctx.def, raw, scaleDef, name) : raw;
  const scope = managedFieldsScope(ctx.def, sub);
  const dryRun = dryRunOf(ctx.query);
  const metaOf = (o: Record<string, unknown>): Record<string, unknown> => (o.metadata && typeof o.metadata === 'object' ? o.metadata as Record<string, unknown> : {});
  const pinnedRv = metaOf(config).resourceVersion !== undefined;
  const respond = (code: number, obj: KObject): void => {
    sendObject(ctx, code, ctx.def, scaleDef ? toScale(obj, scaleDef) : obj);
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const updated = await ctx.registry.guaranteedUpdate(ctx.scope, name, (cur: KObject) => {
        const obj = applyObject(scope, cur, config, manager, force);
        // Without a resourceVersion in the configuration the apply is retried on a concurrent write.
        if (!pinnedRv) delete obj.metadata.resourceVersion;
        return asObjectOf(ctx.def, obj as unknown as Record<string, unknown>, 'Ignore', []);
      }, { dryRun, subresource: scaleDef ? undefined : sub, applied: true, fieldManager: manager, warnings: ctx.warnings });
      respond(200, updated);
      return;
    } catch (err) {
      if (!isStatus(err, 404, 'NotFound') || sub || attempt > 3) throw err;
    }
    const obj = applyObject(scope, undefined, config, manager, force);
    const objName = obj.metadata.name ?? '';
    if (objName !== name) throw badRequest(`the name of the object (${objName}) does not match the name on the URL (${name})`);
    if (obj.metadata.uid) {
      throw conflict(qualifiedResource(ctx.def), name, `uid mismatch: the provided object specified uid ${obj.metadata.uid}, and no existing object was found`);
    }
    try {
      const created = await ctx.registry.create(ctx.scope, asObjectOf(ctx.def, obj as unknown as Record<string, unknown>, 'Ignore', []), {
        dryRun, applied: true, fieldManager: manager, warnings: ctx.warnings, requester: ctx.user,
      });
      respond(201, created);
      return;
    } catch (err) {
      // Created meanwhile by someone else: apply to it.
      if (!isStatus(err, 409, 'AlreadyExists')) throw err;
    }
  }
}

/** Whether a patch asks for a particular resourceVersion (then a concurrent write is a conflict). */
function namesResourceVersion(type: PatchType, patch: unknown): boolean {
  if (type === 'json') {
    return Array.isArray(patch) && patch.some((op) => typeof op === 'object' && op !== null && (op as { path?: unknown }).path === '/metadata/resourceVersion');
  }
  const meta = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
  return typeof meta === 'object' && meta !== null && meta.resourceVersion !== undefined && meta.resourceVersion !== null;
}
