/**
 * The `certificatesigningrequests/approval` subresource (what `kubectl certificate approve|deny`
 * PUTs): GET answers the request; PUT and PATCH change only status.conditions — the spec, the
 * certificate and everything else in the body are dropped, missing condition timestamps are filled
 * in — under the approval rules: Approved and Denied may be added here (and nowhere else), no
 * Approved/Denied/Failed condition is removed, Approved and Denied never together. The write goes
 * through the registry's status path (spec kept as stored), recorded in managedFields as "approval".
 */
import { nowTimestamp } from '../rest/object-meta-ops.js';
import { badRequest, StatusError, type KObject, type ResourceDef } from '../../api/index.js';
import { validateCSRUpdate, withApprovalOf, type CertificateSigningRequestLike } from '../../api/types/certificates/index.js';
import { sendObject } from '../respond.js';
import type { Registry } from '../rest/registry.js';
import type { Scope } from '../rest/scope.js';
import { dryRunOf, fieldValidationOf, type HandlerCtx } from './context.js';
import { readObject } from './decode-object.js';
import { handlePatch } from './patch.js';
import { handleGet } from './read.js';
import { fieldManagerOf } from '../patch/apply/index.js';

/** The CSR's ResourceDef with the approval rules in place of the status rules. */
function approvalScope(scope: Scope): Scope {
  const def: ResourceDef = {
    ...scope.def,
    validateUpdate: (obj, old) => validateCSRUpdate(obj as CertificateSigningRequestLike, old as CertificateSigningRequestLike, 'approval'),
  };
  return { ...scope, def };
}

/**
 * The registry as the subresource sees it: every read-modify-write keeps only the conditions of what
 * the caller produced, and is written as a status write recorded under the "approval" subresource.
 */
export function approvalRegistry(registry: Registry): Registry {
  const guaranteedUpdate: Registry['guaranteedUpdate'] = (scope, name, mutate, opts = {}) =>
    registry.guaranteedUpdate(approvalScope(scope), name,
      async (cur) => withApprovalOf(await mutate(structuredClone(cur)), cur, nowTimestamp()),
      { ...opts, subresource: 'status', managedFieldsSubresource: 'approval' });
  return Object.create(registry, { guaranteedUpdate: { value: guaranteedUpdate } }) as Registry;
}

async function handlePut(ctx: HandlerCtx): Promise<void> {
  const body: KObject = await readObject(ctx, fieldValidationOf(ctx.query));
  const name = ctx.info.name ?? '';
  if (body.metadata.name && body.metadata.name !== name) {
    throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  }
  const updated = await approvalRegistry(ctx.registry).guaranteedUpdate(ctx.scope, name, () => body, {
    dryRun: dryRunOf(ctx.query), retryOnConflict: !body.metadata.resourceVersion,
    fieldManager: fieldManagerOf(ctx.query, ctx.req.headers['user-agent']), warnings: ctx.warnings,
  });
  sendObject(ctx, 200, ctx.def, updated);
}

export async function handleCSRApproval(ctx: HandlerCtx): Promise<void> {
  switch (ctx.req.method ?? 'GET') {
    case 'GET': return handleGet(ctx);
    case 'PUT': return handlePut(ctx);
    case 'PATCH': return handlePatch({ ...ctx, registry: approvalRegistry(ctx.registry) });
    default: throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
}
