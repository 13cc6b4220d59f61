/**
 * POST pods/<name>/eviction: a deletion that respects PodDisruptionBudgets (policy/v1 or v1beta1
 * Eviction, as `kubectl drain` sends). Pods that are Pending, finished or already terminating go at
 * once. Otherwise the one PDB whose selector matches the pod decides: while it allows a disruption
 * the allowance is decremented and the pod recorded in its DisruptedPods, then the pod gets the
 * DisruptionTarget condition (EvictionByEvictionAPI) and is deleted with the Eviction's
 * deleteOptions; when it does not, 429 TooManyRequests with the DisruptionBudget cause. A pod that
 * is not Ready may go without using the budget when the budget is met (IfHealthyBudget, the
 * default) or always (AlwaysAllow). Several matching PDBs: 500, as Kubernetes does.
 */
import { badRequest, field, forbidden, kindFields, object, StatusError, conflict, type KObject, type LabelSelector, type ObjectSchema } from '../../api/index.js';
import { decodeBody, readBody, requireObject } from '../codec/body.js';
import { deleteOptionsTarget, type ProtobufTarget } from '../codec/protobuf/index.js';
import { DeleteOptionsSchema } from '../openapi/index.js';
import { fieldManagerOf } from '../patch/apply/index.js';
import { sendJson } from '../respond.js';
import { listObjects } from '../rest/list.js';
import { nowTimestamp } from '../rest/object-meta-ops.js';
import type { DeleteOptions } from '../rest/registry.js';
import type { Scope } from '../rest/scope.js';
import { fromLabelSelector, matches } from '../selectors/index.js';
import type { HandlerCtx } from './context.js';

const evictionSchema = (version: string): ObjectSchema => object(`io.k8s.api.policy.${version}.Eviction`,
  'A request to delete a pod subject to its disruption budget; POSTed to the pod\'s eviction subresource.', () => ({
    ...kindFields(),
    deleteOptions: field(DeleteOptionsSchema, 'How the pod is deleted.', { proto: 2 }),
  }), { gvk: { group: 'policy', version, kind: 'Eviction' } });

const SCHEMAS: Readonly<Record<string, ObjectSchema>> = { 'policy/v1': evictionSchema('v1'), 'policy/v1beta1': evictionSchema('v1beta1') };
const TARGET: ProtobufTarget = {
  kind: 'Eviction',
  schemaFor: (apiVersion, kind) => (kind === 'Eviction' ? SCHEMAS[apiVersion] : deleteOptionsTarget.schemaFor(apiVersion, kind)),
};

/** Pods whose evictions are granted but not yet seen deleted by the disruption controller, at most. */
const MAX_DISRUPTED_PODS = 2000;
const RETRIES = 20;
const POD_RESOURCE = { group: '', resource: 'Pod' };

interface Pod extends KObject {
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string | null; lastProbeTime?: string | null }> };
}
interface Pdb extends KObject {
  spec?: { selector?: LabelSelector | null; unhealthyPodEvictionPolicy?: string };
  status?: {
    observedGeneration?: number; disruptedPods?: Record<string, string>; disruptionsAllowed?: number; currentHealthy?: number;
    desiredHealthy?: number; expectedPods?: number; conditions?: Array<Record<string, unknown> & { type: string; status: string }>;
  };
}

function tooManyRequests(ctx: HandlerCtx, cause: string, retryAfterSeconds = 0): StatusError {
  if (retryAfterSeconds > 0 && !ctx.res.headersSent) ctx.res.setHeader('Retry-After', String(retryAfterSeconds));
  return new StatusError(429, 'TooManyRequests', 'Cannot evict pod as it would violate the pod\'s disruption budget.', {
    causes: [{ reason: 'DisruptionBudget', message: cause }], ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  });
}

const stillProcessing = (ctx: HandlerCtx, pdb: string): StatusError => tooManyRequests(ctx, `The disruption budget ${pdb} is still being processed by the server.`, 10);

const isConflict = (err: unknown): boolean => err instanceof StatusError && err.reason === 'Conflict';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const backoff = (): Promise<void> => sleep(500 * (1 + Math.random() * 0.1));

function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Pending, finished and terminating pods are evicted without asking their budget. */
function canIgnorePdb(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

function withResourceVersion(opts: DeleteOptions, rv: string | undefined): DeleteOptions {
  return { ...opts, preconditions: { ...opts.preconditions, resourceVersion: rv } };
}

/** The Eviction's deleteOptions, with the request's dryRun (they must agree when both are given). */
function deleteOptionsOf(raw: Record<string, unknown> | undefined, queryDryRun: string[]): DeleteOptions {
  const bodyDryRun = Array.isArray(raw?.dryRun) ? (raw.dryRun as string[]) : [];
  if (bodyDryRun.length && queryDryRun.length && bodyDryRun.join('\u0000') !== queryDryRun.join('\u0000')) {
    throw new StatusError(500, '', `Non-matching dry-run options in request and content: [${queryDryRun.join(' ')}] and [${bodyDryRun.join(' ')}]`);
  }
  const dryRun = (bodyDryRun.length ? bodyDryRun : queryDryRun).includes('All');
  const opts: DeleteOptions = { dryRun };
  const grace = raw?.gracePeriodSeconds;
  if (grace !== undefined && grace !== null) {
    if (typeof grace !== 'number' || !Number.isInteger(grace)) throw badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
    opts.gracePeriodSeconds = Math.max(0, grace);
  }
  const policy = raw?.propagationPolicy;
  if (policy !== undefined && policy !== null) {
    if (policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
      throw badRequest(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${String(policy)}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    opts.propagationPolicy = policy;
  } else if (raw?.orphanDependents === true) {
    opts.propagationPolicy = 'Orphan';
  }
  const pre = raw?.preconditions as DeleteOptions['preconditions'] | null | undefined;
  if (pre && (pre.uid || pre.resourceVersion)) opts.preconditions = { uid: pre.uid || undefined, resourceVersion: pre.resourceVersion || undefined };
  return opts;
}

export async function handleEviction(ctx: HandlerCtx): Promise<void> {
  const name = ctx.info.name ?? '';
  const body = requireObject(decodeBody(await readBody(ctx.req), ctx.req.headers['content-type'], TARGET));
  if (body.kind !== undefined && body.kind !== 'Eviction') {
    throw badRequest(`the kind in the body (${String(body.kind)}) does not match the kind of the resource (Eviction)`);
  }
  if (body.apiVersion !== undefined && !SCHEMAS[String(body.apiVersion)]) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (policy/v1)`);
  }
  const meta = (body.metadata ?? {}) as { name?: string; namespace?: string };
  if (meta.name !== name) throw badRequest('name in URL does not match name in Eviction object');
  if (meta.namespace && meta.namespace !== ctx.scope.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const options = deleteOptionsOf(body.deleteOptions as Record<string, unknown> | undefined, ctx.query.getAll('dryRun'));
  const rvPinned = !!options.preconditions?.resourceVersion;
  const fieldManager = fieldManagerOf(ctx.query, ctx.req.headers['user-agent']);
  const evict = (opts: DeleteOptions): Promise<void> => addConditionAndDelete(ctx, name, opts, fieldManager);

  // Pods that already count as disrupted go without asking their budget.
  let pod: Pod;
  for (let attempt = 1; ; attempt++) {
    pod = (await ctx.registry.get(ctx.scope, name)) as Pod;
    if (!canIgnorePdb(pod)) break;
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' || !!pod.metadata.deletionTimestamp;
    try {
      await evict(!finished && !rvPinned ? withResourceVersion(options, pod.metadata.resourceVersion) : options);
      return sendSuccess(ctx);
    } catch (err) {
      if (!isConflict(err) || rvPinned || attempt >= RETRIES) throw err;
      await backoff();
    }
  }

  const pdbs = await matchingPdbs(ctx, pod);
  let pinPod = false;
  if (pdbs.length > 1) throw new StatusError(500, '', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const pdb = pdbs[0];
  if (pdb) {
    const st = pdb.obj.status ?? {};
    const unhealthyMayGo = !isReady(pod) && (pdb.obj.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow'
      || ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0));
    if (unhealthyMayGo) pinPod = true;
    else await checkAndDecrement(ctx, pdb.scope, pdb.obj.metadata.name ?? '', name, !!options.dryRun);
  }
  try {
    await evict(pinPod ? withResourceVersion(options, pod.metadata.resourceVersion) : options);
  } catch (err) {
    // The unready pod changed since it was judged: let the client try again.
    if (isConflict(err) && pinPod && !rvPinned) throw stillProcessing(ctx, pdb?.obj.metadata.name ?? '');
    throw err;
  }
  sendSuccess(ctx);
}

function sendSuccess(ctx: HandlerCtx): void {
  sendJson(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
}

/** The PDBs in the pod's namespace whose (non-empty) selector matches it. */
async function matchingPdbs(ctx: HandlerCtx, pod: Pod): Promise<Array<{ obj: Pdb; scope: Scope }>> {
  const def = ctx.registry.index.lookup('policy', 'v1', 'poddisruptionbudgets');
  if (!def) return [];
  const scope: Scope = { def, loc: ctx.registry.index.storageOf(def), namespace: ctx.scope.namespace };
  const list = await listObjects(ctx.registry.backend, ctx.registry.cache, scope, { filter: () => true });
  return list.items.map((i) => i.obj as Pdb).filter((p) => {
    const sel = p.spec?.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) return false;
    if ((sel.matchExpressions ?? []).some((e) => !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator))) return false;
    return matches(fromLabelSelector(sel), pod.metadata.labels);
  }).map((obj) => ({ obj, scope }));
}

/** Uses one disruption of the budget (recording the pod in DisruptedPods), or says why it cannot. */
async function checkAndDecrement(ctx: HandlerCtx, scope: Scope, pdbName: string, podName: string, dryRun: boolean): Promise<void> {
  const check = (pdb: Pdb): Pdb => {
    const st = pdb.status ?? {};
    if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw stillProcessing(ctx, pdbName);
    const allowed = st.disruptionsAllowed ?? 0;
    if (allowed < 0) throw forbidden(`poddisruptionbudget.policy "${pdbName}" is forbidden: pdb disruptions allowed is negative`);
    if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED_PODS) {
      throw forbidden(`poddisruptionbudget.policy "${pdbName}" is forbidden: DisruptedPods map too big - too many evictions not confirmed by PDB controller`);
    }
    if (allowed === 0) {
      throw tooManyRequests(ctx, `The disruption budget ${pdbName} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
    }
    const status = { ...st, disruptionsAllowed: allowed - 1, disruptedPods: { ...st.disruptedPods, [podName]: nowTimestamp() } };
    if (status.disruptionsAllowed === 0) {
      const now = nowTimestamp();
      const conds = (st.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed');
      const old = st.conditions?.find((c) => c.type === 'DisruptionAllowed');
      status.conditions = [...conds, {
        ...old, type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: (old?.message as string | undefined) ?? '',
        observedGeneration: st.observedGeneration, lastTransitionTime: old?.status === 'False' ? old.lastTransitionTime : now,
      }];
    }
    return { ...pdb, status };
  };
  if (dryRun) {
    check((await ctx.registry.get(scope, pdbName)) as Pdb);
    return;
  }
  try {
    await ctx.registry.guaranteedUpdate(scope, pdbName, (cur) => check(cur as Pdb), { subresource: 'status', fieldManager: 'kube-apiserver' });
  } catch (err) {
    if (isConflict(err)) {
      throw new StatusError(504, 'Timeout', `Timeout: couldn't update PodDisruptionBudget "${pdbName}" due to conflicts`, { retryAfterSeconds: 10 });
    }
    throw err;
  }
}

/** Marks the pod DisruptionTarget=True (EvictionByEvictionAPI), then deletes it with the options. */
async function addConditionAndDelete(ctx: HandlerCtx, name: string, opts: DeleteOptions, fieldManager: string): Promise<void> {
  let del = opts;
  if (!opts.dryRun) {
    const updated = await ctx.registry.guaranteedUpdate(ctx.scope, name, (cur) => {
      const pod = cur as Pod;
      const pre = opts.preconditions;
      if (pre?.uid && pre.uid !== pod.metadata.uid) {
        throw conflict(POD_RESOURCE, name, `the UID in the precondition (${pre.uid}) does not match the UID in record (${pod.metadata.uid ?? ''}). The object might have been deleted and then recreated`);
      }
      if (pre?.resourceVersion && pre.resourceVersion !== pod.metadata.resourceVersion) {
        throw conflict(POD_RESOURCE, name, `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${pod.metadata.resourceVersion ?? ''}). The object might have been modified`);
      }
      const conditions = [...(pod.status?.conditions ?? [])];
      const i = conditions.findIndex((c) => c.type === 'DisruptionTarget');
      const old = i >= 0 ? conditions[i] : undefined;
      const next = {
        type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting',
        lastProbeTime: old?.lastProbeTime ?? null, lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : nowTimestamp(),
      };
      if (i >= 0) conditions[i] = next; else conditions.push(next);
      pod.status = { ...pod.status, conditions };
      return pod;
    }, { subresource: 'status', fieldManager });
    if (opts.preconditions?.resourceVersion) del = withResourceVersion(opts, updated.metadata.resourceVersion);
  }
  await ctx.registry.delete(ctx.scope, name, del);
}
