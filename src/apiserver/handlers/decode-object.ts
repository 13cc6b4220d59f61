/** Turns a request body into an object of the addressed kind, or a 400 saying what is wrong. */
import { apiVersionOf, badRequest, type KObject, type ResourceDef } from '../../api/index.js';
import { decodeBody, readBody, requireObject } from '../codec/body.js';
import { resourceTarget } from '../codec/protobuf/index.js';
import { checkBody, type FieldValidation } from '../rest/write-pipeline.js';
import type { HandlerCtx } from './context.js';

/** Checks apiVersion/kind against the resource, fills them when empty, and checks the schema. */
export function asObjectOf(def: ResourceDef, value: Record<string, unknown>, mode: FieldValidation, warnings: string[]): KObject {
  const want = apiVersionOf(def);
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (kind !== undefined && typeof kind !== 'string') throw badRequest(`Object 'Kind' is not a string`);
  if (kind && kind !== def.kind) {
    throw badRequest(`the kind in the body (${kind}) does not match the kind of the resource (${def.kind})`);
  }
  if (apiVersion && apiVersion !== want) {
    throw badRequest(`the API version in the data (${String(apiVersion)}) does not match the expected API version (${want})`);
  }
  value.apiVersion = want;
  value.kind = def.kind;
  if (value.metadata === undefined) value.metadata = {};
  const obj = value as unknown as KObject;
  checkBody(def, obj, mode, warnings);
  obj.metadata ??= {};
  return obj;
}

export async function readObject(ctx: HandlerCtx, mode: FieldValidation): Promise<KObject> {
  const body = await readBody(ctx.req);
  const value = requireObject(decodeBody(body, ctx.req.headers['content-type'], resourceTarget(ctx.def)));
  return asObjectOf(ctx.def, value, mode, ctx.warnings);
}
