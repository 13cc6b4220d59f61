/** Validation and defaulting of roles and bindings, with Kubernetes' wording and field paths. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';
import { isDNS1123Subdomain, isPathSegmentName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { RBAC_GROUP } from './schema.js';

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
export interface Subject { kind?: string; apiGroup?: string; name?: string; namespace?: string }
export interface RoleRef { apiGroup?: string; kind?: string; name?: string }
export interface RoleLike extends KObject {
  rules?: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
}
export interface BindingLike extends KObject {
  subjects?: Subject[];
  roleRef?: RoleRef;
}

function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if ((rule.verbs ?? []).length === 0) errs.push(fe.required(fe.child(path, 'verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    const up = fe.child(path, 'nonResourceURLs');
    if (namespaced) errs.push(fe.invalid(up, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0 || (rule.resourceNames ?? []).length > 0) {
      errs.push(fe.invalid(up, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if ((rule.apiGroups ?? []).length === 0) errs.push(fe.required(fe.child(path, 'apiGroups'), 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0) errs.push(fe.required(fe.child(path, 'resources'), 'resource rules must supply at least one resource'));
  return errs;
}

export function validateRole(role: RoleLike, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (role.rules ?? []).forEach((rule, i) => errs.push(...validatePolicyRule(rule, namespaced, fe.index('rules', i))));
  if (!namespaced && role.aggregationRule) {
    const sp = 'aggregationRule.clusterRoleSelectors';
    const selectors = role.aggregationRule.clusterRoleSelectors ?? [];
    if (selectors.length === 0) errs.push(fe.required(sp, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, fe.index(sp, i))));
  }
  return errs;
}

function validateSubject(s: Subject, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = s.name ?? '';
  const apiGroup = s.apiGroup ?? '';
  if (!name) errs.push(fe.required(fe.child(path, 'name'), ''));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name) for (const m of isDNS1123Subdomain(name)) errs.push(fe.invalid(fe.child(path, 'name'), name, m));
      if (apiGroup) errs.push(fe.notSupported(fe.child(path, 'apiGroup'), apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(fe.required(fe.child(path, 'namespace'), ''));
      break;
    case 'User':
    case 'Group':
      if (!name) errs.push(fe.invalid(fe.child(path, 'name'), name, `${s.kind === 'User' ? 'user' : 'group'} name cannot be empty`));
      if (apiGroup !== RBAC_GROUP) errs.push(fe.notSupported(fe.child(path, 'apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(fe.notSupported(fe.child(path, 'kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

export function validateBinding(b: BindingLike, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = b.roleRef ?? {};
  if ((ref.apiGroup ?? '') !== RBAC_GROUP) errs.push(fe.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? '')) errs.push(fe.notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(fe.required('roleRef.name', ''));
  else for (const m of isPathSegmentName(ref.name)) errs.push(fe.invalid('roleRef.name', ref.name, m));
  (b.subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, fe.index('subjects', i))));
  return errs;
}

function goString(s: string | undefined): string {
  return JSON.stringify(s ?? '');
}

/** roleRef may not change: the message shows the new value as Go prints the struct. */
export function validateBindingUpdate(b: BindingLike, old: BindingLike): FieldError[] {
  const n = b.roleRef ?? {};
  const o = old.roleRef ?? {};
  if ((n.apiGroup ?? '') === (o.apiGroup ?? '') && (n.kind ?? '') === (o.kind ?? '') && (n.name ?? '') === (o.name ?? '')) return [];
  const shown = `rbac.RoleRef{APIGroup:${goString(n.apiGroup)}, Kind:${goString(n.kind)}, Name:${goString(n.name)}}`;
  return [{ type: 'FieldValueInvalid', field: 'roleRef', message: `Invalid value: ${shown}: cannot change roleRef` }];
}

/** The roleRef's group, and users' and groups' apiGroup (service accounts keep the empty core group). */
export function defaultBinding(b: BindingLike): void {
  b.roleRef ??= {};
  if (!b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of b.subjects ?? []) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
  }
}
