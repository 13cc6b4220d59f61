/** Routes a resource request to the verb's handler. */
import { methodNotSupported, notFound, StatusError } from '../../api/index.js';
import type { HandlerCtx } from './context.js';
import { handleBinding, handleBindingsCreate } from './binding.js';
import { handleComponentStatus } from './component-status.js';
import { handleCSRApproval } from './csr-approval.js';
import { handleEphemeralContainers } from './ephemeral-containers.js';
import { handleEviction } from './eviction.js';
import { handlePatch } from './patch.js';
import { handlePodLog } from './pod-log.js';
import { handlePodStream } from './pod-stream.js';
import { handleGet, handleList } from './read.js';
import { toScale } from './scale.js';
import { handleWatch } from './watch.js';
import { handleCreate, handleDelete, handleDeleteCollection, handleUpdate } from './write.js';
import { sendObject } from '../respond.js';
import { qualifiedResource } from '../rest/scope.js';
import { isCustomResource, rejectStrategicMergePatch } from '../crd/index.js';

export function resourceNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

function isWatch(ctx: HandlerCtx): boolean {
  const w = ctx.query.get('watch');
  return ctx.info.watchPath || w === 'true' || w === '1';
}

async function handleScaleGet(ctx: HandlerCtx): Promise<void> {
  const s = ctx.def.subresources?.scale;
  if (!s) throw resourceNotFound();
  const obj = await ctx.registry.get(ctx.scope, ctx.info.name ?? '');
  sendObject(ctx, 200, ctx.def, toScale(obj, s));
}

export async function dispatch(ctx: HandlerCtx): Promise<void> {
  const { info, def } = ctx;
  const method = ctx.req.method ?? 'GET';
  const sub = info.subresource;
  if (sub === 'binding' && def.group === '' && def.plural === 'pods' && ctx.req.method === 'POST') return handleBinding(ctx);
  if (def.group === '' && def.plural === 'bindings' && !sub && !info.name) {
    if (method !== 'POST') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    return handleBindingsCreate(ctx);
  }
  if (def.group === '' && def.plural === 'componentstatuses' && !sub) {
    if (method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    return handleComponentStatus(ctx);
  }
  if (sub === 'eviction' && def.group === '' && def.plural === 'pods' && info.name) {
    if (method !== 'POST') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    return handleEviction(ctx);
  }
  if (sub === 'ephemeralcontainers' && def.group === '' && def.plural === 'pods' && info.name) return handleEphemeralContainers(ctx);
  if ((sub === 'exec' || sub === 'attach' || sub === 'portforward') && def.group === '' && def.plural === 'pods' && info.name) {
    return handlePodStream(ctx, sub);
  }
  if (sub === 'log' && def.group === '' && def.plural === 'pods' && info.name) {
    if (method !== 'GET') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    return handlePodLog(ctx);
  }
  // certificatesigningrequests/approval: `kubectl certificate approve|deny`.
  if (sub === 'approval' && def.group === 'certificates.k8s.io' && def.plural === 'certificatesigningrequests' && info.name) {
    return handleCSRApproval(ctx);
  }
  if (sub && sub !== 'status' && sub !== 'scale' && !(sub === 'finalize' && def.deletionPending)) throw resourceNotFound();
  if (sub === 'status' && !def.subresources?.status) throw resourceNotFound();
  if (sub === 'scale' && !def.subresources?.scale) throw resourceNotFound();
  if (!info.name) {
    switch (method) {
      case 'GET': return isWatch(ctx) ? handleWatch(ctx) : handleList(ctx);
      case 'POST': return handleCreate(ctx);
      case 'DELETE':
        if (def.verbs && !def.verbs.includes('deletecollection')) throw methodNotSupported(qualifiedResource(def), 'deletecollection');
        return handleDeleteCollection(ctx);
      default: throw methodNotSupported(qualifiedResource(def), method.toLowerCase());
    }
  }
  switch (method) {
    case 'GET':
      if (isWatch(ctx)) return handleWatch(ctx);
      if (sub === 'scale') return handleScaleGet(ctx);
      return handleGet(ctx);
    case 'PUT':
      if (sub === 'scale') return handlePatch(withMergeOf(ctx));
      return handleUpdate(ctx);
    case 'PATCH':
      if (sub !== 'scale' && isCustomResource(def)) rejectStrategicMergePatch(ctx.req.headers['content-type']);
      return handlePatch(ctx);
    case 'DELETE':
      if (sub) throw methodNotSupported(qualifiedResource(def), 'delete');
      return handleDelete(ctx);
    case 'POST':
      throw methodNotSupported(qualifiedResource(def), 'create');
    default:
      throw notFound(qualifiedResource(def), info.name);
  }
}

/** PUT of a Scale is served as a merge patch of the whole Scale body. */
function withMergeOf(ctx: HandlerCtx): HandlerCtx {
  ctx.req.headers['content-type'] = 'application/merge-patch+json';
  return ctx;
}
