/**
 * The steps every write shares: decoding checks against the schema, defaulting, validation and the
 * mapping of storage errors to Statuses.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  badRequest, conflict, invalid, MODIFIED_CONFLICT, alreadyExists, notFound, checkStructure,
  validateObjectMeta, validateObjectMetaUpdate, type FieldError, type KObject, type ResourceDef,
  type ValidationContext,
} from '../../api/index.js';
import { KeyExistsError, KeyNotFoundError, RevisionMismatchError } from '../../storage/index.js';
import { qualifiedResource } from './scope.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * Checks the body against the kind's schema. Unknown fields are dropped; under Strict they fail the
 * request, under Warn they come back as warnings.
 */
export function checkBody(def: ResourceDef, obj: KObject, mode: FieldValidation, warnings: string[]): void {
  const res = checkStructure(def.schema, obj as unknown as Record<string, unknown>);
  const version = def.version;
  if (res.error) {
    throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: ${res.error}`);
  }
  if (res.unknown.length === 0 || mode === 'Ignore') return;
  if (mode === 'Strict') {
    const list = res.unknown.map((p) => `unknown field "${p}"`).join(', ');
    throw badRequest(`${def.kind} in version "${version}" cannot be handled as a ${def.kind}: strict decoding error: ${list}`);
  }
  for (const p of res.unknown) warnings.push(`unknown field "${p}"`);
}

export function validateCreate(def: ResourceDef, obj: KObject, ctx: ValidationContext): void {
  const errs: FieldError[] = [
    ...validateObjectMeta(obj.metadata, { namespaced: def.namespaced, nameValidator: def.nameValidator }),
    ...(def.validate?.(obj, ctx) ?? []),
    ...(def.validateCreate?.(obj, ctx) ?? []),
  ];
  if (errs.length) throw invalid(def, obj.metadata.name ?? obj.metadata.generateName ?? '', errs);
}

/** `binding` writes (spec.nodeName by the scheduler) skip the kind's update rules, as Kubernetes' binding REST does. */
export function validateUpdate(def: ResourceDef, obj: KObject, old: KObject, ctx: ValidationContext, subresource?: string): void {
  const errs: FieldError[] = [
    ...validateObjectMeta(obj.metadata, { namespaced: def.namespaced, nameValidator: def.nameValidator }),
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
    ...(def.validate?.(obj, ctx) ?? []),
    ...(subresource === 'binding' ? [] : def.validateUpdate?.(obj, old, ctx) ?? []),
  ];
  if (errs.length) throw invalid(def, obj.metadata.name ?? '', errs);
}

/** Maps a storage error to the Status Kubernetes answers with. */
export function storageError(def: ResourceDef, name: string, err: unknown): unknown {
  const r = qualifiedResource(def);
  if (err instanceof KeyExistsError) return alreadyExists(r, name);
  if (err instanceof KeyNotFoundError) return notFound(r, name);
  if (err instanceof RevisionMismatchError) return conflict(r, name, MODIFIED_CONFLICT);
  return err;
}

export function usesGeneration(def: ResourceDef): boolean {
  return def.generation ?? 'spec' in def.schema.fields;
}

/** Whether two versions of an object differ in anything but resourceVersion. */
export function sameContent(a: KObject, b: KObject): boolean {
  const strip = (o: KObject): KObject => {
    const { resourceVersion: _rv, ...meta } = o.metadata;
    return { ...o, metadata: meta };
  };
  return isDeepStrictEqual(strip(a), strip(b));
}

/** Metadata maps and lists that Go leaves out when empty (omitempty): an empty one is not stored. */
export function dropEmptyMeta(obj: KObject): void {
  const m = obj.metadata as Record<string, unknown>;
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) {
    const v = m[k];
    if (v === undefined) continue;
    if ((Array.isArray(v) && v.length === 0) || (!Array.isArray(v) && typeof v === 'object' && v !== null && Object.keys(v).length === 0)) delete m[k];
  }
}
