/**
 * flowcontrol.apiserver.k8s.io/v1 FlowSchema: defaults (matchingPrecedence 1000), Kubernetes'
 * validation, `kubectl get flowschemas` columns. Stored, not enforced: navarch queues no request.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import type { ResourceDef } from '../../resource.js';
import { deepEqual } from '../apps/value-rules.js';
import { mandatorySpec } from './bootstrap.js';
import { APF_NOT_ENFORCED } from './not-enforced.js';
import { FlowSchemaSchema } from './schema.js';

interface Subject { kind?: string; user?: { name?: string }; group?: { name?: string }; serviceAccount?: { namespace?: string; name?: string } }
interface ResourceRule { verbs?: string[]; apiGroups?: string[]; resources?: string[]; clusterScope?: boolean; namespaces?: string[] }
interface NonResourceRule { verbs?: string[]; nonResourceURLs?: string[] }
interface Rules { subjects?: Subject[]; resourceRules?: ResourceRule[]; nonResourceRules?: NonResourceRule[] }
export interface FlowSchemaLike extends KObject {
  spec?: { priorityLevelConfiguration?: { name?: string }; matchingPrecedence?: number; distinguisherMethod?: { type?: string }; rules?: Rules[] };
  status?: { conditions?: Array<{ type?: string; status?: string }> };
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'proxy', 'update', 'watch'];
const SUBJECT_KINDS = ['Group', 'ServiceAccount', 'User'];

function validateSubject(s: Subject, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const forbid = (key: 'user' | 'group' | 'serviceAccount', kind: string): void => {
    if (s[key]) errs.push(fe.forbidden(fe.child(path, key), `${key} is forbidden when subject kind is not '${kind}'`));
  };
  switch (s.kind) {
    case 'ServiceAccount': {
      const sa = s.serviceAccount;
      if (!sa) errs.push(fe.required(fe.child(path, 'serviceAccount'), "serviceAccount is required when subject kind is 'ServiceAccount'"));
      else {
        if (!sa.name) errs.push(fe.required(`${path}.serviceAccount.name`, ''));
        else if (sa.name !== '*') for (const m of isDNS1123Subdomain(sa.name)) errs.push(fe.invalid(`${path}.serviceAccount.name`, sa.name, m));
        if (!sa.namespace) errs.push(fe.required(`${path}.serviceAccount.namespace`, 'must specify namespace for service account'));
        else for (const m of isDNS1123Label(sa.namespace)) errs.push(fe.invalid(`${path}.serviceAccount.namespace`, sa.namespace, m));
      }
      forbid('user', 'User');
      forbid('group', 'Group');
      break;
    }
    case 'User':
      if (!s.user) errs.push(fe.required(fe.child(path, 'user'), "user is required when subject kind is 'User'"));
      else if (!s.user.name) errs.push(fe.required(`${path}.user.name`, ''));
      forbid('serviceAccount', 'ServiceAccount');
      forbid('group', 'Group');
      break;
    case 'Group':
      if (!s.group) errs.push(fe.required(fe.child(path, 'group'), "group is required when subject kind is 'Group'"));
      else if (!s.group.name) errs.push(fe.required(`${path}.group.name`, ''));
      forbid('serviceAccount', 'ServiceAccount');
      forbid('user', 'User');
      break;
    default:
      errs.push(fe.notSupported(fe.child(path, 'kind'), s.kind ?? '', SUBJECT_KINDS));
  }
  return errs;
}

function validateVerbs(verbs: string[] | undefined, path: string): FieldError[] {
  const v = verbs ?? [];
  if (v.length === 0) return [fe.required(path, 'verbs must contain at least one value')];
  if (v.includes('*')) return v.length > 1 ? [fe.invalid(path, v, "if '*' is present, must not specify other verbs")] : [];
  return v.every((x) => VERBS.includes(x)) ? [] : [fe.notSupported(path, v, VERBS)];
}

function starList(list: string[] | undefined, path: string, what: string, required: string): FieldError[] {
  const l = list ?? [];
  if (l.length === 0) return [fe.required(path, required)];
  return l.length > 1 && l.includes('*') ? [fe.invalid(path, l, `if '*' is present, must not specify other ${what}`)] : [];
}

function validateNonResourceURL(p: string, path: string): FieldError[] {
  if (!p) return [fe.invalid(path, p, 'must not be empty')];
  if (p === '/') return [];
  if (!p.startsWith('/')) return [fe.invalid(path, p, 'must start with slash')];
  if (p.includes(' ')) return [fe.invalid(path, p, 'must not contain white-space')];
  if (p.includes('//')) return [fe.invalid(path, p, 'must not contain double slash')];
  const stars = p.split('*').length - 1;
  if (stars > 1 || (stars === 1 && !p.endsWith('/*'))) return [fe.invalid(path, p, 'wildcard can only do suffix matching')];
  return [];
}

function validateRules(r: Rules, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const subjects = r.subjects ?? [];
  if (subjects.length === 0) errs.push(fe.required(fe.child(path, 'subjects'), 'subjects must contain at least one value'));
  subjects.forEach((s, i) => errs.push(...validateSubject(s, fe.index(fe.child(path, 'subjects'), i))));
  if ((r.resourceRules ?? []).length === 0 && (r.nonResourceRules ?? []).length === 0) {
    errs.push(fe.required(path, 'at least one of resourceRules and nonResourceRules has to be non-empty'));
  }
  (r.resourceRules ?? []).forEach((rr, i) => {
    const p = fe.index(fe.child(path, 'resourceRules'), i);
    errs.push(...validateVerbs(rr.verbs, fe.child(p, 'verbs')));
    errs.push(...starList(rr.apiGroups, fe.child(p, 'apiGroups'), 'api groups', 'resource rules must supply at least one api group'));
    errs.push(...starList(rr.resources, fe.child(p, 'resources'), 'resources', 'resource rules must supply at least one resource'));
    const ns = rr.namespaces ?? [];
    if (ns.length === 0 && !rr.clusterScope) errs.push(fe.required(fe.child(p, 'namespaces'), 'resource rules that are not cluster scoped must supply at least one namespace'));
    else if (ns.includes('*')) { if (ns.length > 1) errs.push(fe.invalid(fe.child(p, 'namespaces'), ns, "if '*' is present, must not specify other namespaces")); }
    else ns.forEach((n, j) => { for (const m of isDNS1123Label(n)) errs.push(fe.invalid(fe.index(fe.child(p, 'namespaces'), j), n, `each member of this list must be '*' or a DNS-1123 label; ${m}`)); });
  });
  (r.nonResourceRules ?? []).forEach((nr, i) => {
    const p = fe.index(fe.child(path, 'nonResourceRules'), i);
    errs.push(...validateVerbs(nr.verbs, fe.child(p, 'verbs')));
    const urls = nr.nonResourceURLs ?? [];
    if (urls.length === 0) errs.push(fe.required(fe.child(p, 'nonResourceURLs'), 'nonResourceURLs must contain at least one value'));
    else if (urls.includes('*')) { if (urls.length > 1) errs.push(fe.invalid(fe.child(p, 'nonResourceURLs'), urls, "if '*' is present, must not specify other non-resource URLs")); }
    else urls.forEach((u, j) => errs.push(...validateNonResourceURL(u, fe.index(fe.child(p, 'nonResourceURLs'), j))));
  });
  return errs;
}

export function validateFlowSchema(fs: FlowSchemaLike): FieldError[] {
  const spec = fs.spec ?? {};
  const errs: FieldError[] = [];
  const mp = spec.matchingPrecedence ?? 0;
  if (mp <= 0) errs.push(fe.invalid('spec.matchingPrecedence', mp, 'must be a positive value'));
  if (mp > 10000) errs.push(fe.invalid('spec.matchingPrecedence', mp, 'must not be greater than 10000'));
  if (mp === 1 && fs.metadata.name !== 'exempt') errs.push(fe.invalid('spec.matchingPrecedence', mp, "only the schema named 'exempt' may have matchingPrecedence 1"));
  const dm = spec.distinguisherMethod;
  if (dm && dm.type !== 'ByNamespace' && dm.type !== 'ByUser') errs.push(fe.notSupported('spec.distinguisherMethod.type', dm.type ?? '', ['ByNamespace', 'ByUser']));
  const pl = spec.priorityLevelConfiguration?.name ?? '';
  if (!pl) errs.push(fe.required('spec.priorityLevelConfiguration.name', 'must reference a priority level'));
  else for (const m of isDNS1123Subdomain(pl)) errs.push(fe.invalid('spec.priorityLevelConfiguration.name', pl, m));
  (spec.rules ?? []).forEach((r, i) => errs.push(...validateRules(r, fe.index('spec.rules', i))));
  const fixed = mandatorySpec('FlowSchema', fs.metadata.name);
  if (fixed && !deepEqual(fs.spec, fixed)) errs.push(fe.invalid('spec', fs.spec, `spec of '${fs.metadata.name ?? ''}' must equal the fixed value`));
  (fs.status?.conditions ?? []).forEach((c, i) => { if (!c.type) errs.push(fe.required(`status.conditions[${i}].type`, 'must not be empty')); });
  return errs;
}

/** The MISSINGPL cell: the Dangling condition's status, "?" until a controller has set it. */
function missingPriorityLevel(fs: FlowSchemaLike): string {
  return fs.status?.conditions?.find((c) => c.type === 'Dangling')?.status ?? '?';
}

export const flowschemas: ResourceDef = {
  group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'FlowSchema', plural: 'flowschemas', singular: 'flowschema',
  namespaced: false,
  schema: FlowSchemaSchema,
  subresources: { status: true },
  defaults(obj) {
    const fs = obj as FlowSchemaLike;
    fs.spec ??= {};
    if (!fs.spec.matchingPrecedence) fs.spec.matchingPrecedence = 1000;
  },
  validate: (obj) => validateFlowSchema(obj as FlowSchemaLike),
  warnings: () => [APF_NOT_ENFORCED('FlowSchema')],
  table: {
    columns: [
      { name: 'PriorityLevel', type: 'string', description: 'The priority level matched requests get.', priority: 0 },
      { name: 'MatchingPrecedence', type: 'string', description: 'Order among flow schemas, lowest first.', priority: 0 },
      { name: 'DistinguisherMethod', type: 'string', description: 'How requests are split into flows.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'MissingPL', type: 'string', description: 'Whether the priority level it names is missing.', priority: 0 },
    ],
    cells(obj, now) {
      const fs = obj as FlowSchemaLike;
      return [fs.spec?.priorityLevelConfiguration?.name ?? '', fs.spec?.matchingPrecedence ?? 0, fs.spec?.distinguisherMethod?.type ?? '<none>',
        age(obj.metadata.creationTimestamp, now), missingPriorityLevel(fs)];
    },
  },
};
