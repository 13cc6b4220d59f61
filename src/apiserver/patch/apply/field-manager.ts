/**
 * The field manager: what every write does to metadata.managedFields. Creates, updates and
 * non-apply patches record an Update entry for their manager (only when they changed something);
 * applies merge a configuration and record an Apply entry, or fail with conflicts. Kubernetes'
 * chain of managers is followed: strip server-owned metadata from field sets, build manager
 * identities, keep at most ten Update managers, hand existing fields to "before-first-apply" on a
 * first apply, and, for kubectl's own manager, tolerate conflicts covered by the
 * last-applied-configuration annotation and keep that annotation current.
 */
import { badRequest, StatusError, type KObject, type ObjectSchema } from '../../../api/index.js';
import { ApplyConflictError, conflictStatus } from './conflict.js';
import { FieldSet } from './field-set.js';
import {
  copyManaged, decodeManagedFields, emptyManaged, encodeManagedFields, isResetRequest, managerId, nowTime, type Managed,
} from './managed-fields.js';
import { fieldPE } from './path-element.js';
import { capUpdateManagers } from './cap-managers.js';
import {
  allowedFromLastApplied, buildLastApplied, hasLastApplied, KUBECTL_APPLY_MANAGER, setLastApplied,
} from './last-applied.js';
import { rootNode, type TypeNode } from './type-node.js';
import { applyConfig, recordUpdate, type UpdaterOptions } from './updater.js';
import { validateValue, validationMessage } from './validate.js';
import { isObject } from './values.js';
import { zeroObject } from './zero-object.js';

export interface ManagedFieldsScope {
  schema: ObjectSchema;
  /** group/version of the request ("apps/v1", "v1"). */
  apiVersion: string;
  kind: string;
  /** The subresource written through, recorded in the entry ("status", "scale"…). */
  subresource?: string;
  /** Whether status has its own subresource (then writes to the main resource do not own status). */
  statusSubresource?: boolean;
  /** Clock, for tests. */
  now?: () => string;
}

/** Server-owned metadata that no manager ever owns. */
const STRIPPED = FieldSet.of(
  [fieldPE('apiVersion')], [fieldPE('kind')], [fieldPE('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((f) => [fieldPE('metadata'), fieldPE(f)]),
);

const CURRENT = 'current-operation';

function optionsOf(scope: ManagedFieldsScope): UpdaterOptions {
  const node: TypeNode = rootNode(scope.schema);
  if (scope.subresource === 'status') {
    // A status write owns what it changed except what the status strategy resets (as Kubernetes'
    // status strategies do for their kinds: spec and metadata.labels); annotations it set stay its own.
    const reset = FieldSet.of([fieldPE('spec')], [fieldPE('metadata'), fieldPE('labels')]);
    return { node, filter: (s) => s.recursiveDifference(reset) };
  }
  if (scope.statusSubresource && !scope.subresource) {
    const status = FieldSet.of([fieldPE('status')]);
    return { node, filter: (s) => s.recursiveDifference(status) };
  }
  return { node };
}

/** The object without managedFields, as field sets are computed from. */
function withoutManagedFields(obj: KObject): Record<string, unknown> {
  const { managedFields: _m, ...meta } = obj.metadata ?? {};
  return { ...obj, metadata: meta };
}

/** Strips server-owned metadata from one manager's set, dropping the manager when nothing is left. */
function stripMeta(m: Managed, id: string): void {
  const vs = m.fields.get(id);
  if (!vs) return;
  const set = vs.set.difference(STRIPPED);
  if (set.empty()) m.fields.delete(id);
  else m.fields.set(id, { ...vs, set });
}

/** Records an update as `id`; the entry's time moves only when the write changed something. */
function runUpdate(scope: ManagedFieldsScope, m: Managed, live: unknown, next: unknown, id: string): void {
  recordUpdate(live, next, scope.apiVersion, m.fields, CURRENT, optionsOf(scope));
  stripMeta(m, CURRENT);
  const vs = m.fields.get(CURRENT);
  if (!vs) return;
  m.fields.delete(CURRENT);
  const prev = m.fields.get(id);
  m.fields.set(id, { set: prev ? vs.set.union(prev.set) : vs.set, apiVersion: vs.apiVersion, applied: false });
  m.times.set(id, (scope.now ?? nowTime)());
}

function decodeOrEmpty(v: unknown): Managed {
  try {
    return decodeManagedFields(v);
  } catch {
    return emptyManaged();
  }
}

/**
 * Sets next.metadata.managedFields for a create (live undefined) or an update by `manager`. The
 * client's managedFields are kept as the starting point when it sent valid ones (an empty list or
 * `[{}]` clears them); objects that have no managedFields are only tracked again after an apply.
 */
export function trackUpdate(scope: ManagedFieldsScope, live: KObject | undefined, next: KObject, manager: string | undefined): void {
  next.metadata ??= {};
  const requested = next.metadata.managedFields;
  let managed: Managed;
  let original: unknown;
  if (scope.subresource || requested === undefined) {
    managed = decodeOrEmpty(live?.metadata.managedFields);
    original = live?.metadata.managedFields;
  } else if (isResetRequest(requested)) {
    managed = emptyManaged();
  } else {
    managed = decodeOrEmpty(requested);
    original = requested;
    if (managed.fields.size === 0) {
      managed = decodeOrEmpty(live?.metadata.managedFields);
      original = live?.metadata.managedFields;
    }
  }
  delete next.metadata.managedFields;
  if (managed.fields.size === 0 && live) return;
  const before = JSON.stringify(encodeManagedFields(managed));
  const id = managerId({ manager: manager || 'unknown', operation: 'Update', apiVersion: scope.apiVersion, subresource: scope.subresource });
  const liveValue = live ? withoutManagedFields(live) : zeroObject(scope.schema);
  runUpdate(scope, managed, liveValue, withoutManagedFields(next), id);
  capUpdateManagers(managed);
  const encoded = encodeManagedFields(managed);
  if (JSON.stringify(encoded) === before && Array.isArray(original)) {
    next.metadata.managedFields = structuredClone(original) as KObject['metadata']['managedFields'];
  } else if (encoded) next.metadata.managedFields = encoded;
}

/** A failure Kubernetes reports as a plain error: 500 with no reason. */
function serverError(message: string): StatusError {
  return new StatusError(500, '', message);
}

function gvkString(config: Record<string, unknown>): string {
  const av = typeof config.apiVersion === 'string' ? config.apiVersion : '';
  const kind = typeof config.kind === 'string' ? config.kind : '';
  return `${av.includes('/') ? av : `/${av}`}, Kind=${kind}`;
}

function objectName(config: Record<string, unknown>): string {
  const meta = isObject(config.metadata) ? config.metadata : {};
  const s = (v: unknown): string => (typeof v === 'string' ? v : '');
  return `${s(meta.namespace)}/${s(meta.name)}; ${gvkString(config)}`;
}

/**
 * Applies `config` as `manager` to the live object (undefined: the object does not exist yet) and
 * returns the object to store, with its managedFields. Throws StatusErrors: 400 for a wrong kind or
 * a configuration carrying managedFields, 409 for conflicts, 500 for fields the schema lacks (as
 * Kubernetes answers).
 */
export function applyObject(
  scope: ManagedFieldsScope, live: KObject | undefined, config: Record<string, unknown>, manager: string, force: boolean,
): KObject {
  if (config.apiVersion !== scope.apiVersion || config.kind !== scope.kind) {
    throw badRequest(`invalid object type: ${gvkString(config)}`);
  }
  if (isObject(config.metadata) && config.metadata.managedFields !== undefined && config.metadata.managedFields !== null) {
    throw badRequest('metadata.managedFields must be nil');
  }
  let managed: Managed;
  try {
    managed = decodeManagedFields(live?.metadata.managedFields);
  } catch (err) {
    throw serverError(`failed to decode managed fields: ${(err as Error).message}`);
  }
  const errs = validateValue(config, rootNode(scope.schema));
  if (errs.length) throw serverError(`failed to create typed patch object (${objectName(config)}): ${validationMessage(errs)}`);
  const liveValue = live ? withoutManagedFields(live) : {};
  const attempt = (forced: boolean): { obj: KObject; managed: Managed } => applyOnce(scope, live, liveValue, config, managed, manager, forced);
  let result;
  try {
    result = attempt(force);
  } catch (err) {
    if (!(err instanceof ApplyConflictError)) throw err;
    if (manager !== KUBECTL_APPLY_MANAGER || !live) throw conflictStatus(err.conflicts);
    const allowed = allowedFromLastApplied(liveValue, scope.apiVersion, rootNode(scope.schema));
    const remaining = allowed ? err.conflicts.filter((c) => !allowed.has(c.path)) : err.conflicts;
    if (remaining.length > 0) throw conflictStatus(remaining);
    result = attempt(true);
  }
  if (manager === KUBECTL_APPLY_MANAGER && hasLastApplied(result.obj)) setLastApplied(result.obj, buildLastApplied(config));
  const encoded = encodeManagedFields(result.managed);
  if (encoded) result.obj.metadata.managedFields = encoded;
  else delete result.obj.metadata.managedFields;
  return result.obj;
}

function applyOnce(
  scope: ManagedFieldsScope, live: KObject | undefined, liveValue: Record<string, unknown>, config: Record<string, unknown>,
  base: Managed, manager: string, force: boolean,
): { obj: KObject; managed: Managed } {
  const m = copyManaged(base);
  if (m.fields.size === 0 && live) {
    const id = managerId({ manager: 'before-first-apply', operation: 'Update', apiVersion: scope.apiVersion, subresource: scope.subresource });
    runUpdate(scope, m, zeroObject(scope.schema), liveValue, id);
  }
  const id = managerId({ manager, operation: 'Apply', subresource: scope.subresource });
  const r = applyConfig(liveValue, config, scope.apiVersion, m.fields, id, force, optionsOf(scope));
  stripMeta(m, id);
  let obj: KObject;
  if (r.object !== undefined && isObject(r.object)) {
    m.times.set(id, (scope.now ?? nowTime)());
    obj = structuredClone(r.object) as KObject;
  } else {
    obj = structuredClone(liveValue) as KObject;
  }
  obj.metadata ??= {};
  return { obj, managed: m };
}
