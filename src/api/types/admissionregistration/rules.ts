/**
 * What admission webhooks and policies match: rules (groups, versions, resources, operations,
 * scope), named rules and MatchResources (selectors and rules), and CEL match conditions — their
 * schemas, defaults and Kubernetes' validation (CEL expressions are stored, not compiled).
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import { isDNS1123Subdomain, isPathSegmentName, isQualifiedName } from '../../meta/names.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { embed, enumOf, field, listOf, object, string } from '../../schema/build.js';

export const RuleSchema = object('io.k8s.api.admissionregistration.v1.Rule', 'API groups, versions and resources a rule matches ("*" matches all).', () => ({
  apiGroups: field(listOf(string), 'API groups to match; "" is the core group, "*" all groups.', { proto: 1, listType: 'atomic' }),
  apiVersions: field(listOf(string), 'API versions to match; "*" matches all.', { proto: 2, listType: 'atomic' }),
  resources: field(listOf(string), 'Resources to match, optionally with a subresource ("pods/status"); "*" all resources, "*/*" all resources and subresources.', { proto: 3, listType: 'atomic' }),
  scope: field(enumOf('*', 'Cluster', 'Namespaced'), 'Which objects match: Cluster-scoped, Namespaced, or "*" (the default) for both.', { proto: 4 }),
}));

export const RuleWithOperationsSchema = object('io.k8s.api.admissionregistration.v1.RuleWithOperations', 'A rule and the operations (CREATE, UPDATE, DELETE, CONNECT, "*") it applies to.', () => ({
  operations: field(listOf(enumOf('*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE')), 'Operations to match; "*" matches all.', { proto: 1, listType: 'atomic' }),
  ...embed(RuleSchema, 2),
}));

/**
 * NamedRuleWithOperations embeds RuleWithOperations, which embeds Rule: operations sits in the
 * embedded message 2, the rule fields one level deeper, which the schema language cannot say, so
 * they carry no field number.
 */
export const NamedRuleWithOperationsSchema = object('io.k8s.api.admissionregistration.v1.NamedRuleWithOperations', 'A rule with operations, optionally narrowed to objects of the given names.', () => ({
  resourceNames: field(listOf(string), 'Names of the objects to match; empty matches every object.', { proto: 1, listType: 'atomic' }),
  operations: field(listOf(enumOf('*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE')), 'Operations to match; "*" matches all.', { proto: 1, embeddedIn: 2, listType: 'atomic' }),
  apiGroups: field(listOf(string), 'API groups to match; "" is the core group, "*" all groups.', { listType: 'atomic' }),
  apiVersions: field(listOf(string), 'API versions to match; "*" matches all.', { listType: 'atomic' }),
  resources: field(listOf(string), 'Resources to match, optionally with a subresource; "*" matches all.', { listType: 'atomic' }),
  scope: field(enumOf('*', 'Cluster', 'Namespaced'), 'Cluster, Namespaced or "*" (the default).'),
}), { atomic: true });

export const MatchResourcesSchema = object('io.k8s.api.admissionregistration.v1.MatchResources', 'Which requests a policy applies to: selectors on the namespace and the object, and resource rules to include and exclude.', () => ({
  namespaceSelector: field(LabelSelectorSchema, 'Labels the object\'s namespace must match; default (empty) matches all.', { proto: 1 }),
  objectSelector: field(LabelSelectorSchema, 'Labels the object must match; default (empty) matches all.', { proto: 2 }),
  resourceRules: field(listOf(NamedRuleWithOperationsSchema), 'Operations on resources the policy applies to.', { proto: 3, listType: 'atomic' }),
  excludeResourceRules: field(listOf(NamedRuleWithOperationsSchema), 'Operations on resources the policy does not apply to (wins over resourceRules).', { proto: 4, listType: 'atomic' }),
  matchPolicy: field(enumOf('Equivalent', 'Exact'), 'Exact matches only the listed group/version; Equivalent (the default) also its other versions.', { proto: 7 }),
}), { atomic: true });

export const MatchConditionSchema = object('io.k8s.api.admissionregistration.v1.MatchCondition', 'A CEL expression a request must satisfy to be sent to the webhook or policy.', () => ({
  name: field(string, 'Identifier of the condition, a qualified name unique in the list.', { required: true, proto: 1 }),
  expression: field(string, 'CEL expression evaluating to a bool over object, oldObject, request and authorizer.', { required: true, proto: 2 }),
}));

export interface RuleLike { apiGroups?: string[]; apiVersions?: string[]; resources?: string[]; scope?: string; operations?: string[]; resourceNames?: string[] }
export interface MatchResourcesLike {
  namespaceSelector?: LabelSelector; objectSelector?: LabelSelector; resourceRules?: RuleLike[]; excludeResourceRules?: RuleLike[]; matchPolicy?: string;
}
export interface MatchConditionLike { name?: string; expression?: string }

const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
export const MATCH_POLICIES = ['Equivalent', 'Exact'];

/** SetDefaults_Rule: scope "*". */
export function defaultRule(r: RuleLike): void {
  r.scope ??= '*';
}

/** SetDefaults_MatchResources: Equivalent matching and empty (match-all) selectors; rules get their scope. */
export function defaultMatchResources(m: MatchResourcesLike): void {
  m.matchPolicy ??= 'Equivalent';
  m.namespaceSelector ??= {};
  m.objectSelector ??= {};
  for (const r of [...(m.resourceRules ?? []), ...(m.excludeResourceRules ?? [])]) defaultRule(r);
}

function validateResources(resources: string[] | undefined, path: string): FieldError[] {
  const list = resources ?? [];
  const errs: FieldError[] = list.length === 0 ? [fe.required(path, '')] : [];
  const wildSub = new Set<string>();
  const wildRes = new Set<string>();
  let single = false;
  let plain = false;
  list.forEach((rs, i) => {
    if (rs === '') { errs.push(fe.required(fe.index(path, i), '')); return; }
    if (rs === '*') single = true;
    const slash = rs.indexOf('/');
    if (slash < 0) { plain = rs !== '*'; return; }
    const [res, sub] = [rs.slice(0, slash), rs.slice(slash + 1)];
    if (wildSub.has(res)) errs.push(fe.invalid(fe.index(path, i), rs, `if '${res}/*' is present, must not specify ${rs}`));
    if (wildRes.has(sub)) errs.push(fe.invalid(fe.index(path, i), rs, `if '*/${sub}' is present, must not specify ${rs}`));
    if (sub === '*') wildSub.add(res);
    if (res === '*') wildRes.add(sub);
  });
  if (list.length > 1 && list.includes('*/*')) errs.push(fe.invalid(path, list, "if '*/*' is present, must not specify other resources"));
  if (single && plain) errs.push(fe.invalid(path, list, "if '*' is present, must not specify other resources without subresources"));
  return errs;
}

/** validateRuleWithOperations: operations, groups, versions and resources are required; "*" stands alone. */
export function validateRuleWithOperations(r: RuleLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const ops = r.operations ?? [];
  if (ops.length === 0) errs.push(fe.required(fe.child(path, 'operations'), ''));
  if (ops.length > 1 && ops.includes('*')) errs.push(fe.invalid(fe.child(path, 'operations'), ops, "if '*' is present, must not specify other operations"));
  ops.forEach((o, i) => { if (!OPERATIONS.includes(o)) errs.push(fe.notSupported(fe.index(fe.child(path, 'operations'), i), o, OPERATIONS)); });
  const groups = r.apiGroups ?? [];
  if (groups.length === 0) errs.push(fe.required(fe.child(path, 'apiGroups'), ''));
  if (groups.length > 1 && groups.includes('*')) errs.push(fe.invalid(fe.child(path, 'apiGroups'), groups, "if '*' is present, must not specify other API groups"));
  const versions = r.apiVersions ?? [];
  if (versions.length === 0) errs.push(fe.required(fe.child(path, 'apiVersions'), ''));
  if (versions.length > 1 && versions.includes('*')) errs.push(fe.invalid(fe.child(path, 'apiVersions'), versions, "if '*' is present, must not specify other API versions"));
  versions.forEach((v, i) => { if (v === '') errs.push(fe.required(fe.index(fe.child(path, 'apiVersions'), i), '')); });
  errs.push(...validateResources(r.resources, fe.child(path, 'resources')));
  if (r.scope !== undefined && !SCOPES.includes(r.scope)) errs.push(fe.notSupported(fe.child(path, 'scope'), r.scope, SCOPES));
  return errs;
}

function validateNamedRule(r: RuleLike, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (r.resourceNames ?? []).forEach((n, i) => {
    const p = fe.index(fe.child(path, 'resourceNames'), i);
    for (const m of isPathSegmentName(n)) errs.push(fe.invalid(p, n, m));
    if (seen.has(n)) errs.push(fe.duplicate(p, n)); else seen.add(n);
  });
  return [...errs, ...validateRuleWithOperations(r, path)];
}

/** validateMatchResources: matchPolicy and both selectors are required (defaulting fills them), rules valid. */
export function validateMatchResources(m: MatchResourcesLike | undefined, path: string): FieldError[] {
  if (!m) return [];
  const errs: FieldError[] = [];
  if (m.matchPolicy === undefined) errs.push(fe.required(fe.child(path, 'matchPolicy'), ''));
  else if (!MATCH_POLICIES.includes(m.matchPolicy)) errs.push(fe.notSupported(fe.child(path, 'matchPolicy'), m.matchPolicy, MATCH_POLICIES));
  for (const key of ['namespaceSelector', 'objectSelector'] as const) {
    if (m[key] === undefined || m[key] === null) errs.push(fe.required(fe.child(path, key), ''));
    else errs.push(...validateLabelSelector(m[key], fe.child(path, key)));
  }
  (m.resourceRules ?? []).forEach((r, i) => errs.push(...validateNamedRule(r, fe.index(fe.child(path, 'resourceRules'), i))));
  (m.excludeResourceRules ?? []).forEach((r, i) => errs.push(...validateNamedRule(r, fe.index(fe.child(path, 'excludeResourceRules'), i))));
  return errs;
}

/** validateMatchConditions: at most 64, each named (qualified name, unique) with a non-blank expression. */
export function validateMatchConditions(list: MatchConditionLike[] | undefined, path: string): FieldError[] {
  const conds = list ?? [];
  const errs: FieldError[] = conds.length > 64 ? [fe.tooMany(path, conds.length, 64)] : [];
  const names = new Set<string>();
  conds.forEach((c, i) => {
    const p = fe.index(path, i);
    if (!(c.expression ?? '').trim()) errs.push(fe.required(fe.child(p, 'expression'), ''));
    if (!c.name) errs.push(fe.required(fe.child(p, 'name'), ''));
    else for (const m of isQualifiedName(c.name)) errs.push(fe.invalid(fe.child(p, 'name'), c.name, m));
    if (c.name) {
      if (names.has(c.name)) errs.push(fe.duplicate(fe.child(p, 'name'), c.name)); else names.add(c.name);
    }
  });
  return errs;
}

/** IsFullyQualifiedName: a DNS subdomain with at least three dot-separated segments (webhook names). */
export function validateFullyQualifiedName(name: string | undefined, path: string): FieldError[] {
  if (!name) return [fe.required(path, '')];
  const msgs = isDNS1123Subdomain(name);
  if (msgs.length) return [fe.invalid(path, name, msgs.join(','))];
  if (name.split('.').length < 3) return [fe.invalid(path, name, 'should be a domain with at least three segments separated by dots')];
  return [];
}
