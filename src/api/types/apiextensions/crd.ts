/**
 * apiextensions.k8s.io/v1 CustomResourceDefinition: defaults, Kubernetes' validation (without CEL),
 * the status Kubernetes' naming and establishing controllers write (set here, at once: the API
 * server serves the custom resources as soon as it sees the CRD), deletion held by the
 * customresourcecleanup finalizer until the custom resources are gone, `kubectl get crd` columns.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1035Label, isDNS1123Subdomain } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import type { ResourceDef } from '../../resource.js';
import { createdAtTable } from '../rbac/created-at.js';
import { CustomResourceDefinitionSchema } from './crd-schema.js';
import type { JSONSchemaPropsLike } from './json-schema-props.js';
import { validateOpenAPISchema } from './validate-json-schema.js';

interface Names { plural?: string; singular?: string; shortNames?: string[]; kind?: string; listKind?: string; categories?: string[] }
interface Version { name?: string; served?: boolean; storage?: boolean; schema?: { openAPIV3Schema?: JSONSchemaPropsLike } }
interface Condition { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }
export interface CustomResourceDefinitionLike extends KObject {
  spec?: { group?: string; names?: Names; scope?: string; versions?: Version[]; conversion?: { strategy?: string; webhook?: unknown }; preserveUnknownFields?: boolean };
  status?: { conditions?: Condition[]; acceptedNames?: Names; storedVersions?: string[] };
}

/** Holds a deleted CRD until the API server has deleted its custom resources. */
export const CRD_CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

/** SetDefaults_CustomResourceDefinitionSpec: singular, listKind and the None conversion. */
export function defaultCRD(crd: CustomResourceDefinitionLike): void {
  crd.spec ??= {};
  const names = (crd.spec.names ??= {});
  if (!names.singular) names.singular = (names.kind ?? '').toLowerCase();
  if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  crd.spec.conversion ??= { strategy: 'None' };
}

function validateNames(n: Names, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const dns = (v: string | undefined): string[] => (v ? isDNS1035Label(v) : []);
  if (n.plural && dns(n.plural).length) errs.push(fe.invalid(fe.child(path, 'plural'), n.plural, dns(n.plural).join(',')));
  if (n.singular && dns(n.singular).length) errs.push(fe.invalid(fe.child(path, 'singular'), n.singular, dns(n.singular).join(',')));
  for (const k of ['kind', 'listKind'] as const) {
    const v = n[k];
    const m = v ? isDNS1035Label(v.toLowerCase()) : [];
    if (m.length) errs.push(fe.invalid(fe.child(path, k), v, `may have mixed case, but should otherwise match: ${m.join(',')}`));
  }
  (n.shortNames ?? []).forEach((s, i) => { const m = isDNS1035Label(s); if (m.length) errs.push(fe.invalid(fe.index(fe.child(path, 'shortNames'), i), s, m.join(','))); });
  if (n.kind && n.kind === n.listKind) errs.push(fe.invalid(fe.child(path, 'listKind'), n.listKind, 'kind and listKind may not be the same'));
  (n.categories ?? []).forEach((c, i) => { const m = isDNS1035Label(c); if (m.length) errs.push(fe.invalid(fe.index(fe.child(path, 'categories'), i), c, m.join(','))); });
  return errs;
}

function validateVersions(versions: Version[], scopePath: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  let storage = 0;
  versions.forEach((v, i) => {
    const path = fe.index(fe.child(scopePath, 'versions'), i);
    if (v.storage) storage++;
    names.add(v.name ?? '');
    const m = isDNS1035Label(v.name ?? '');
    if (m.length) errs.push(fe.invalid(fe.child(path, 'name'), v.name ?? '', m.join(',')));
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) errs.push(fe.required(`${path}.schema.openAPIV3Schema`, 'schemas are required'));
    else errs.push(...validateOpenAPISchema(schema, `${path}.schema.openAPIV3Schema`));
  });
  if (names.size !== versions.length) errs.push(fe.invalid(fe.child(scopePath, 'versions'), versions, 'must contain unique version names'));
  if (storage !== 1) errs.push(fe.invalid(fe.child(scopePath, 'versions'), versions, 'must have exactly one version marked as storage version'));
  return errs;
}

/** ValidateCustomResourceDefinition, CEL and conversion webhooks aside. */
export function validateCRD(crd: CustomResourceDefinitionLike): FieldError[] {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const errs: FieldError[] = [];
  if ((crd.metadata.name ?? '') !== `${names.plural ?? ''}.${spec.group ?? ''}`) {
    errs.push(fe.invalid('metadata.name', crd.metadata.name ?? '', 'must be spec.names.plural+"."+spec.group'));
  }
  const group = spec.group ?? '';
  if (!group) errs.push(fe.required('spec.group', ''));
  else if (isDNS1123Subdomain(group).length) errs.push(fe.invalid('spec.group', group, isDNS1123Subdomain(group).join(',')));
  else if (group.split('.').length < 2) errs.push(fe.invalid('spec.group', group, 'should be a domain with at least one dot'));
  if (!spec.scope) errs.push(fe.required('spec.scope', ''));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') errs.push(fe.notSupported('spec.scope', spec.scope, ['Cluster', 'Namespaced']));
  errs.push(...validateVersions(spec.versions ?? [], 'spec'));
  for (const k of ['plural', 'singular', 'kind', 'listKind'] as const) if (!names[k]) errs.push(fe.required(`spec.names.${k}`, ''));
  errs.push(...validateNames(names, 'spec.names'));
  const strategy = spec.conversion?.strategy;
  if (strategy !== undefined && strategy !== 'None' && strategy !== 'Webhook') errs.push(fe.notSupported('spec.conversion.strategy', strategy, ['None', 'Webhook']));
  if (strategy === 'Webhook' && !spec.conversion?.webhook) errs.push(fe.required('spec.conversion.webhookClientConfig', 'required when strategy is set to Webhook'));
  if (crd.status?.acceptedNames) errs.push(...validateNames(crd.status.acceptedNames, 'status.acceptedNames'));
  return errs;
}

function storageVersion(crd: CustomResourceDefinitionLike): string | undefined {
  return (crd.spec?.versions ?? []).find((v) => v.storage)?.name;
}

/** The names as served: spec.names with singular and listKind defaulted. */
function acceptedNames(crd: CustomResourceDefinitionLike): Names {
  const names = { ...crd.spec?.names };
  if (!names.singular) names.singular = (names.kind ?? '').toLowerCase();
  if (!names.listKind && names.kind) names.listKind = `${names.kind}List`;
  return names;
}

/** Sets a condition, keeping its lastTransitionTime when the status does not change. */
function setCondition(conditions: Condition[], next: Condition): Condition[] {
  const old = conditions.find((c) => c.type === next.type);
  const kept = old && old.status === next.status ? { ...next, lastTransitionTime: old.lastTransitionTime ?? next.lastTransitionTime } : next;
  return old ? conditions.map((c) => (c === old ? kept : c)) : [...conditions, kept];
}

/**
 * What Kubernetes' CRD strategy and its naming and establishing controllers put in status: the
 * names accepted, the CRD Established, the storage version recorded.
 */
export function initialCRDStatus(crd: CustomResourceDefinitionLike, now: string): CustomResourceDefinitionLike['status'] {
  const stored = storageVersion(crd);
  return {
    conditions: [
      { type: 'NamesAccepted', status: 'True', lastTransitionTime: now, reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', lastTransitionTime: now, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
    acceptedNames: acceptedNames(crd),
    storedVersions: stored ? [stored] : [],
  };
}

const nowSeconds = (): string => `${new Date().toISOString().slice(0, 19)}Z`;

export const customresourcedefinitions: ResourceDef = {
  group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition',
  plural: 'customresourcedefinitions', singular: 'customresourcedefinition',
  namespaced: false, shortNames: ['crd', 'crds'], categories: ['api-extensions'],
  schema: CustomResourceDefinitionSchema,
  subresources: { status: true },
  defaults: (obj) => defaultCRD(obj as CustomResourceDefinitionLike),
  validate: (obj) => validateCRD(obj as CustomResourceDefinitionLike),
  validateUpdate(obj, old) {
    const n = (obj as CustomResourceDefinitionLike).spec ?? {};
    const o = (old as CustomResourceDefinitionLike).spec ?? {};
    const errs: FieldError[] = [];
    if ((n.group ?? '') !== (o.group ?? '')) errs.push(fe.invalid('spec.group', n.group ?? '', 'field is immutable'));
    if ((n.names?.plural ?? '') !== (o.names?.plural ?? '')) errs.push(fe.invalid('spec.names.plural', n.names?.plural ?? '', 'field is immutable'));
    return errs;
  },
  prepareForCreate(obj) {
    const crd = obj as CustomResourceDefinitionLike;
    crd.status = initialCRDStatus(crd, nowSeconds());
  },
  prepareForUpdate(obj) {
    const crd = obj as CustomResourceDefinitionLike;
    crd.status ??= {};
    crd.status.acceptedNames = acceptedNames(crd);
    const stored = storageVersion(crd);
    if (!stored) return;
    const list = crd.status.storedVersions ?? [];
    if (!list.includes(stored)) crd.status.storedVersions = [...list, stored];
  },
  // Deletion: the first request marks the CRD Terminating and adds the cleanup finalizer; the API
  // server deletes the custom resources, then removes the finalizer, which deletes the CRD.
  deletionPending: (obj) => !obj.metadata.deletionTimestamp || (obj.metadata.finalizers ?? []).includes(CRD_CLEANUP_FINALIZER),
  markDeleting(obj) {
    const crd = obj as CustomResourceDefinitionLike;
    const finalizers = crd.metadata.finalizers ?? [];
    if (!finalizers.includes(CRD_CLEANUP_FINALIZER)) crd.metadata.finalizers = [...finalizers, CRD_CLEANUP_FINALIZER];
    crd.status ??= {};
    crd.status.conditions = setCondition(crd.status.conditions ?? [], {
      type: 'Terminating', status: 'True', lastTransitionTime: nowSeconds(), reason: 'InstanceDeletionPending',
      message: 'CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon',
    });
  },
  table: createdAtTable,
};
