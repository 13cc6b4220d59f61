/**
 * POST pods/<name>/binding: the scheduler's way of placing a pod. Sets spec.nodeName once (a second
 * binding is a 409, as Kubernetes answers) and marks the PodScheduled condition. POST
 * namespaces/<ns>/bindings (the older form) binds the pod its metadata.name names.
 */
import { badRequest, conflict, type KObject } from '../../api/index.js';
import { decodeBody, readBody, requireObject } from '../codec/body.js';
import { sendJson } from '../respond.js';
import { nowTimestamp } from '../rest/object-meta-ops.js';
import { qualifiedResource } from '../rest/scope.js';
import { dryRunOf, type HandlerCtx } from './context.js';

interface Binding { metadata?: { name?: string; uid?: string }; target?: { kind?: string; name?: string } }
interface PodLike extends KObject {
  spec?: { nodeName?: string };
  status?: { conditions?: Array<{ type: string; status: string; lastTransitionTime?: string | null; lastProbeTime?: string | null }> };
}

export async function handleBinding(ctx: HandlerCtx): Promise<void> {
  const body = requireObject(decodeBody(await readBody(ctx.req), ctx.req.headers['content-type'])) as Binding;
  await bind(ctx, ctx.info.name ?? '', body);
}

/** POST namespaces/<ns>/bindings: the binding names its pod. */
export async function handleBindingsCreate(ctx: HandlerCtx): Promise<void> {
  const body = requireObject(decodeBody(await readBody(ctx.req), ctx.req.headers['content-type'])) as Binding;
  const name = body.metadata?.name;
  if (!name) throw badRequest('name or generateName is required');
  const pods = ctx.registry.index.lookup('', 'v1', 'pods');
  if (!pods) throw badRequest('pods are not served');
  await bind({ ...ctx, def: pods, scope: { def: pods, loc: ctx.registry.index.storageOf(pods), namespace: ctx.scope.namespace } }, name, body);
}

async function bind(ctx: HandlerCtx, name: string, body: Binding): Promise<void> {
  const target = body.target?.name;
  if (!target) throw badRequest('Binding.target.name is required');
  if (body.target?.kind && body.target.kind !== 'Node') throw badRequest(`Binding target kind "${body.target.kind}" is not supported`);
  if (body.metadata?.name && body.metadata.name !== name) throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  await ctx.registry.guaranteedUpdate(ctx.scope, name, (cur) => {
    const pod = cur as PodLike;
    if (body.metadata?.uid && body.metadata.uid !== pod.metadata.uid) {
      throw conflict(qualifiedResource(ctx.def), name, `Precondition failed: UID in precondition: ${body.metadata.uid}, UID in object meta: ${pod.metadata.uid ?? ''}`);
    }
    if (pod.metadata.deletionTimestamp) throw conflict(qualifiedResource(ctx.def), name, 'pod is being deleted, cannot be assigned to a host');
    if (pod.spec?.nodeName) throw conflict(qualifiedResource(ctx.def), name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    pod.spec = { ...pod.spec, nodeName: target };
    return pod;
  }, { dryRun: dryRunOf(ctx.query), subresource: 'binding', fieldManager: 'kube-scheduler' });
  // PodScheduled is status: written through the status path so the main-resource update rules hold.
  await ctx.registry.guaranteedUpdate(ctx.scope, name, (cur) => {
    const pod = cur as PodLike;
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: nowTimestamp() });
    pod.status = { ...pod.status, conditions };
    return pod;
  }, { dryRun: dryRunOf(ctx.query), subresource: 'status', fieldManager: 'kube-scheduler' });
  sendJson(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}
