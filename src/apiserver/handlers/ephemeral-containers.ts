/**
 * The `pods/ephemeralcontainers` subresource: GET answers the Pod; PUT and PATCH change only
 * spec.ephemeralContainers (everything else in the body is dropped, as Kubernetes' ephemeral
 * containers strategy does), and only by adding containers: existing ones may not be removed or
 * changed. The write goes through the registry's usual pipeline (admission, validation of the
 * whole pod, optimistic concurrency, managedFields) with the pod's update rules replaced by these;
 * PATCH is the pod's own PATCH handler over a registry that keeps only the ephemeral containers.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  apiVersionOf, badRequest, builtinResources, fe, StatusError, type FieldError, type KObject, type ResourceDef,
} from '../../api/index.js';
import { decodeBody, readBody, requireObject } from '../codec/body.js';
import { resourceTarget } from '../codec/protobuf/index.js';
import { sendObject } from '../respond.js';
import type { Registry } from '../rest/registry.js';
import type { Scope } from '../rest/scope.js';
import { dryRunOf, fieldValidationOf, type HandlerCtx } from './context.js';
import { asObjectOf } from './decode-object.js';
import { handlePatch } from './patch.js';
import { handleGet } from './read.js';
import { fieldManagerOf } from '../patch/apply/index.js';

type Obj = Record<string, unknown>;

const SCHEME = 'pkg/api/legacyscheme/scheme.go:30';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

function specOf(o: KObject): Obj {
  const s = (o as { spec?: unknown }).spec;
  return typeof s === 'object' && s !== null ? s as Obj : {};
}

function ephemeralOf(o: KObject): Obj[] {
  const l = specOf(o).ephemeralContainers;
  return Array.isArray(l) ? l.filter((c): c is Obj => typeof c === 'object' && c !== null) : [];
}

/** A short account of the fields of an ephemeral container that differ (Kubernetes appends a diff). */
function containerDiff(prev: Obj, next: Obj): string {
  const lines = ['  core.EphemeralContainer{'];
  for (const k of [...new Set([...Object.keys(prev), ...Object.keys(next)])].sort()) {
    if (isDeepStrictEqual(prev[k], next[k])) continue;
    if (prev[k] !== undefined) lines.push(`- \t${k}: ${JSON.stringify(prev[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${k}: ${JSON.stringify(next[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/**
 * ValidatePodEphemeralContainersUpdate's own part (the new pod itself is validated as any pod):
 * static pods take no ephemeral containers; existing ones stay as they were.
 */
export function validateEphemeralContainersUpdate(pod: KObject, old: KObject): FieldError[] {
  if (old.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
    return [fe.forbidden('', 'static pods do not support ephemeral containers')];
  }
  const errs: FieldError[] = [];
  const next = new Map(ephemeralOf(pod).map((c) => [String(c.name ?? ''), c]));
  for (const prev of ephemeralOf(old)) {
    const name = String(prev.name ?? '');
    const now = next.get(name);
    if (!now) {
      errs.push(fe.forbidden('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(name)} may not be removed\n`));
    } else if (!isDeepStrictEqual(prev, now)) {
      errs.push(fe.forbidden('spec.ephemeralContainers', `existing ephemeral containers ${JSON.stringify(name)} may not be changed\n${containerDiff(prev, now)}`));
    }
  }
  return errs;
}

/**
 * The pod as the subresource writes it: the current pod with the body's ephemeral containers, its
 * resourceVersion (a precondition) and managedFields; other changes are dropped.
 */
export function withEphemeralContainersOf(body: KObject, cur: KObject): KObject {
  const next = structuredClone(cur);
  const spec = specOf(next);
  const wanted = specOf(body).ephemeralContainers;
  if (wanted === undefined || wanted === null) delete spec.ephemeralContainers; else spec.ephemeralContainers = structuredClone(wanted);
  (next as { spec?: Obj }).spec = spec;
  if (body.metadata.resourceVersion) next.metadata.resourceVersion = body.metadata.resourceVersion;
  else delete next.metadata.resourceVersion;
  return next;
}

/** The pod's ResourceDef with the subresource's update rules in place of the pod's. */
function ephemeralScope(scope: Scope): Scope {
  const def: ResourceDef = {
    ...scope.def,
    validateUpdate: (obj, old) => validateEphemeralContainersUpdate(obj, old),
  };
  return { ...scope, def };
}

/** A body naming a kind no served version knows is refused as the scheme's decoder refuses it. */
function checkKnownKind(value: Obj): void {
  const kind = value.kind;
  const apiVersion = typeof value.apiVersion === 'string' && value.apiVersion ? value.apiVersion : 'v1';
  if (typeof kind !== 'string' || !kind) return;
  if (builtinResources.some((d) => d.kind === kind && apiVersionOf(d) === apiVersion)) return;
  throw badRequest(`no kind ${JSON.stringify(kind)} is registered for version ${JSON.stringify(apiVersion)} in scheme ${JSON.stringify(SCHEME)}`);
}

async function handlePut(ctx: HandlerCtx): Promise<void> {
  const raw = await readBody(ctx.req);
  const value = requireObject(decodeBody(raw, ctx.req.headers['content-type'], resourceTarget(ctx.def)));
  checkKnownKind(value);
  const body = asObjectOf(ctx.def, value, fieldValidationOf(ctx.query), ctx.warnings);
  const name = ctx.info.name ?? '';
  const updated = await ctx.registry.guaranteedUpdate(ephemeralScope(ctx.scope), name, (cur) => withEphemeralContainersOf(body, cur), {
    dryRun: dryRunOf(ctx.query), subresource: 'ephemeralcontainers', retryOnConflict: !body.metadata.resourceVersion,
    fieldManager: fieldManagerOf(ctx.query, ctx.req.headers['user-agent']), warnings: ctx.warnings,
  });
  sendObject(ctx, 200, ctx.def, updated);
}

/**
 * The registry as PATCH sees it through this subresource: every read-modify-write keeps only the
 * ephemeral containers of what the patch produced, under the subresource's rules. All of PATCH's
 * forms (JSON, merge, strategic merge, server-side apply) then work as on the pod itself.
 */
function ephemeralRegistry(registry: Registry): Registry {
  const guaranteedUpdate: Registry['guaranteedUpdate'] = (scope, name, mutate, opts) =>
    registry.guaranteedUpdate(ephemeralScope(scope), name, async (cur) => withEphemeralContainersOf(await mutate(structuredClone(cur)), cur), opts);
  return Object.create(registry, { guaranteedUpdate: { value: guaranteedUpdate } }) as Registry;
}

export async function handleEphemeralContainers(ctx: HandlerCtx): Promise<void> {
  switch (ctx.req.method ?? 'GET') {
    case 'GET': return handleGet(ctx);
    case 'PUT': return handlePut(ctx);
    case 'PATCH': return handlePatch({ ...ctx, registry: ephemeralRegistry(ctx.registry) });
    default: throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  }
}
