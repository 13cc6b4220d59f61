/**
 * PATCH: JSON patch, merge patch and strategic merge patch, applied to the current object inside a
 * retrying read-modify-write, then checked like any other write.
 */
import { badRequest, invalid, StatusError, type KObject } from '../../api/index.js';
import { decodeBody, mediaType, readBody } from '../codec/body.js';
import { applyJsonPatch } from '../patch/json-patch.js';
import { applyMergePatch } from '../patch/merge-patch.js';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch.js';
import { sendObject } from '../respond.js';
import { dryRunOf, fieldValidationOf, type HandlerCtx } from './context.js';
import { asObjectOf } from './decode-object.js';
import { fromScale, toScale } from './scale.js';

export type PatchType = 'json' | 'merge' | 'strategic';

function patchTypeOf(ct: string | undefined): PatchType {
  switch (mediaType(ct)) {
    case 'application/json-patch+json': return 'json';
    case 'application/merge-patch+json': return 'merge';
    case 'application/strategic-merge-patch+json': return 'strategic';
    default:
      throw new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`);
  }
}

export function applyPatch(ctx: HandlerCtx, type: PatchType, current: unknown, patch: unknown): unknown {
  if (type === 'json') return applyJsonPatch(current, patch);
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw badRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  }
  if (type === 'merge') return applyMergePatch(current, patch);
  return applyStrategicMergePatch(ctx.def.schema, current, patch as Record<string, unknown>);
}

export async function handlePatch(ctx: HandlerCtx): Promise<void> {
  const type = patchTypeOf(ctx.req.headers['content-type']);
  const patch = decodeBody(await readBody(ctx.req), 'application/json');
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
  }, { dryRun: dryRunOf(ctx.query), subresource: sub === 'scale' ? undefined : sub, fieldManager: ctx.query.get('fieldManager') ?? undefined });
  if (sub === 'scale' && scaleDef) {
    sendObject(ctx, 200, ctx.def, toScale(updated, scaleDef));
    return;
  }
  sendObject(ctx, 200, ctx.def, updated);
}
