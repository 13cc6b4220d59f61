/** core/v1 ResourceQuota: caps on what a namespace may consume, with the usage the controller tracks. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { canonicalQuantity } from '../../meta/quantity-canonical.js';
import {
  defaultResourceList, isStandardQuotaResourceName, validateQuotaResourceName, validateResourceQuantityValue,
} from '../../meta/resource-names.js';
import { kindFields } from '../../meta/type-fields.js';
import { enumOf, field, listOf, mapOf, object, quantity, string } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';

export const QUOTA_SCOPES = [
  'Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity', 'VolumeAttributesClass',
] as const;

export const ScopedResourceSelectorRequirementSchema = object('io.k8s.api.core.v1.ScopedResourceSelectorRequirement', 'One condition on a quota scope: scope name, operator and values.', () => ({
  scopeName: field(enumOf(...QUOTA_SCOPES), 'The scope the condition is about.', { required: true, proto: 1 }),
  operator: field(enumOf('DoesNotExist', 'Exists', 'In', 'NotIn'), 'In, NotIn, Exists or DoesNotExist.', { required: true, proto: 2 }),
  values: field(listOf(string), 'Values for In and NotIn; empty for Exists and DoesNotExist.', { proto: 3, listType: 'atomic' }),
}));

export const ScopeSelectorSchema = object('io.k8s.api.core.v1.ScopeSelector', 'Conditions on scopes that must all hold for an object to count against the quota.', () => ({
  matchExpressions: field(listOf(ScopedResourceSelectorRequirementSchema), 'Conditions on scopes.', { proto: 1, listType: 'atomic' }),
}), { atomic: true });

export const ResourceQuotaSchema = object('io.k8s.api.core.v1.ResourceQuota', 'Limits on the total resources and object counts of a namespace.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.core.v1.ResourceQuotaSpec', 'The limits a quota enforces.', () => ({
    hard: field(mapOf(quantity), 'Maximum total per resource, e.g. requests.cpu, pods or count/deployments.apps.', { proto: 1 }),
    scopes: field(listOf(enumOf(...QUOTA_SCOPES)), 'Only objects matching all these scopes count.', { proto: 2, listType: 'atomic' }),
    scopeSelector: field(ScopeSelectorSchema, 'Finer selection of the objects that count, by scope.', { proto: 3 }),
  })), 'The limits the quota enforces.', { proto: 2 }),
  status: field(object('io.k8s.api.core.v1.ResourceQuotaStatus', 'Enforced limits and current usage.', () => ({
    hard: field(mapOf(quantity), 'Limits being enforced.', { proto: 1 }),
    used: field(mapOf(quantity), 'Current usage per resource in the namespace.', { proto: 2 }),
  })), 'Enforced limits and current usage.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'ResourceQuota' } });

interface ScopeRequirement { scopeName?: string; operator?: string; values?: string[] }
interface ResourceQuotaLike extends KObject {
  spec?: { hard?: Record<string, string | number>; scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeRequirement[] } };
  status?: { hard?: Record<string, string | number>; used?: Record<string, string | number> };
}

const POD_COUNT = new Set(['pods']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const PVC_RESOURCES = new Set(['persistentvolumeclaims', 'requests.storage']);

function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating': case 'NotTerminating': case 'NotBestEffort': case 'PriorityClass': case 'CrossNamespacePodAffinity':
      return POD_COUNT.has(resource) || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return POD_COUNT.has(resource);
    case 'VolumeAttributesClass':
      return PVC_RESOURCES.has(resource) || resource.endsWith('.storageclass.storage.k8s.io/requests.storage');
    default:
      return true;
  }
}

/** Go's %#v of a scope list. */
function scopesValue(scopes: string[]): string {
  return `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(s)).join(', ')}}`;
}

function invalidRaw(field: string, shown: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${shown}: ${detail}` };
}

const CONFLICTS: Array<[string, string]> = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];

function validateResourceList(list: Record<string, string | number> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(list ?? {})) {
    const p = fe.index(path, k);
    errs.push(...validateQuotaResourceName(k, p), ...validateResourceQuantityValue(k, v, p));
  }
  return errs;
}

export function validateResourceQuotaSpec(q: ResourceQuotaLike): FieldError[] {
  const spec = q.spec ?? {};
  const errs = validateResourceList(spec.hard, 'spec.hard');
  const hard = Object.keys(spec.hard ?? {}).sort();
  const scopes = spec.scopes ?? [];
  for (const s of scopes) {
    if (!(QUOTA_SCOPES as readonly string[]).includes(s)) errs.push(invalidRaw('spec.scopes', scopesValue(scopes), 'unsupported scope'));
    for (const r of hard) {
      if (isStandardQuotaResourceName(r) && !scopeValidForResource(s, r)) errs.push(invalidRaw('spec.scopes', scopesValue(scopes), 'unsupported scope applied to resource'));
    }
  }
  for (const [a, b] of CONFLICTS) if (scopes.includes(a) && scopes.includes(b)) errs.push(invalidRaw('spec.scopes', scopesValue(scopes), 'conflicting scopes'));
  if (spec.scopeSelector) {
    const path = 'spec.scopeSelector.matchExpressions';
    const seen = new Set<string>();
    for (const req of spec.scopeSelector.matchExpressions ?? []) {
      const name = req.scopeName ?? '';
      if (!(QUOTA_SCOPES as readonly string[]).includes(name)) errs.push(fe.invalid(fe.child(path, 'scopeName'), name, 'unsupported scope'));
      for (const r of hard) {
        if (isStandardQuotaResourceName(r) && !scopeValidForResource(name, r)) errs.push(fe.invalid(path, spec.scopeSelector, 'unsupported scope applied to resource'));
      }
      if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(name) && req.operator !== 'Exists') {
        errs.push(fe.invalid(fe.child(path, 'operator'), req.operator ?? '', 'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity'));
      }
      switch (req.operator) {
        case 'In': case 'NotIn':
          if (!req.values?.length) errs.push(fe.required(fe.child(path, 'values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
          break;
        case 'Exists': case 'DoesNotExist':
          if (req.values?.length) errs.push(fe.invalid(fe.child(path, 'values'), req.values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
          break;
        default:
          errs.push(fe.invalid(fe.child(path, 'operator'), req.operator ?? '', 'not a valid selector operator'));
      }
      seen.add(name);
    }
    for (const [a, b] of CONFLICTS) if (seen.has(a) && seen.has(b)) errs.push(invalidRaw(path, scopes.length ? scopesValue(scopes) : '[]core.ResourceQuotaScope(nil)', 'conflicting scopes'));
  }
  return errs;
}

/** "requests.cpu: 100m/1, pods: 2/10" pairs for the Request and Limit columns (printers.go). */
export function quotaColumns(q: ResourceQuotaLike): [string, string] {
  const hard = q.status?.hard ?? {};
  const used = q.status?.used ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const text = `${r}: ${canonicalQuantity(used[r] ?? '0')}/${canonicalQuantity(hard[r])}`;
    const parts = r.split('.');
    (parts.length > 1 && parts[0] === 'limits' ? lim : req).push(text);
  }
  return [req.join(', '), lim.join(', ')];
}

export const resourcequotas: ResourceDef = {
  group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', singular: 'resourcequota',
  namespaced: true, shortNames: ['quota'],
  schema: ResourceQuotaSchema,
  subresources: { status: true },
  generation: false,
  defaults(obj) {
    const q = obj as ResourceQuotaLike;
    defaultResourceList(q.spec?.hard);
    defaultResourceList(q.status?.hard);
    defaultResourceList(q.status?.used);
  },
  validate(obj) {
    const q = obj as ResourceQuotaLike;
    return [...validateResourceQuotaSpec(q), ...validateResourceList(q.status?.hard, 'status.hard'), ...validateResourceList(q.status?.used, 'status.used')];
  },
  validateUpdate(obj, old) {
    const scopes = [...new Set((obj as ResourceQuotaLike).spec?.scopes ?? [])].sort();
    const prev = [...new Set((old as ResourceQuotaLike).spec?.scopes ?? [])].sort();
    if (JSON.stringify(scopes) === JSON.stringify(prev)) return [];
    return [invalidRaw('spec.scopes', scopesValue((obj as ResourceQuotaLike).spec?.scopes ?? []), 'field is immutable')];
  },
  table: {
    columns: [
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'Request', type: 'string', description: 'Usage against the limits on requests and object counts (used/hard).', priority: 0 },
      { name: 'Limit', type: 'string', description: 'Usage against the limits on container limits (used/hard).', priority: 0 },
    ],
    cells(obj, now) {
      const [req, lim] = quotaColumns(obj as ResourceQuotaLike);
      return [age(obj.metadata.creationTimestamp, now), req, lim];
    },
  },
};
