/** networking.k8s.io/v1 IngressClass: names the controller that implements Ingresses of a class. */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Label, isDNS1123Subdomain, isPathSegmentName } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { field, object, string } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';

export const IngressClassParametersReferenceSchema = object('io.k8s.api.networking.v1.IngressClassParametersReference', 'Points at an object holding controller-specific settings for a class.', () => ({
  apiGroup: field(string, 'API group of the object; empty means the core group.', { proto: 1 }),
  kind: field(string, 'Kind of the object.', { required: true, proto: 2 }),
  name: field(string, 'Name of the object.', { required: true, proto: 3 }),
  scope: field(string, 'Cluster (the default) for a cluster-scoped object, or Namespace.', { proto: 4 }),
  namespace: field(string, 'Namespace of the object; required when scope is Namespace, forbidden when Cluster.', { proto: 5 }),
}));

export const IngressClassSpecSchema = object('io.k8s.api.networking.v1.IngressClassSpec', 'Which controller implements the class, and its settings.', () => ({
  controller: field(string, 'Name of the controller, a domain-prefixed path such as "example.com/ingress-controller"; cannot change.', { proto: 1 }),
  parameters: field(IngressClassParametersReferenceSchema, 'Object with extra settings for the controller.', { proto: 2 }),
}));

export const IngressClassSchema = object('io.k8s.api.networking.v1.IngressClass', 'A class of Ingresses and the controller that implements it. The annotation ingressclass.kubernetes.io/is-default-class marks the default.', () => ({
  ...kindFields(),
  spec: field(IngressClassSpecSchema, 'Controller and settings of the class.', { proto: 2 }),
}), { gvk: { group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass' } });

interface ParametersRef { apiGroup?: string; kind?: string; name?: string; scope?: string; namespace?: string }
export interface IngressClassLike extends KObject {
  spec?: { controller?: string; parameters?: ParametersRef };
}

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const httpPathRe = new RegExp(`^${HTTP_PATH_FMT}$`);

/** A "domain/path" name such as "acme.io/foo". */
export function validateDomainPrefixedPath(path: string, value: string): FieldError[] {
  if (!value) return [fe.required(path, '')];
  const slash = value.indexOf('/');
  const host = slash < 0 ? '' : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (!host || !rest) return [fe.invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => fe.invalid(path, host, m));
  if (!httpPathRe.test(rest)) errs.push(fe.invalid(path, rest, `Invalid path (regex used for validation is '${HTTP_PATH_FMT}')`));
  return errs;
}

function validateParameters(p: ParametersRef, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.apiGroup !== undefined) for (const m of isDNS1123Subdomain(p.apiGroup)) errs.push(fe.invalid(fe.child(path, 'apiGroup'), p.apiGroup, m));
  for (const key of ['kind', 'name'] as const) {
    const v = p[key];
    if (!v) errs.push(fe.required(fe.child(path, key), ''));
    else for (const m of isPathSegmentName(v)) errs.push(fe.invalid(fe.child(path, key), v, m));
  }
  if (p.scope === undefined) {
    errs.push(fe.required(fe.child(path, 'scope'), ''));
    return errs;
  }
  if (p.scope !== 'Cluster' && p.scope !== 'Namespace') {
    errs.push(fe.notSupported(fe.child(path, 'scope'), p.scope, ['Cluster', 'Namespace']));
  } else if (p.scope === 'Namespace') {
    if (p.namespace === undefined) errs.push(fe.required(fe.child(path, 'namespace'), "`parameters.scope` is set to 'Namespace'"));
    else for (const m of isDNS1123Label(p.namespace)) errs.push(fe.invalid(fe.child(path, 'namespace'), p.namespace, m));
  } else if (p.namespace !== undefined) {
    errs.push(fe.forbidden(fe.child(path, 'namespace'), "`parameters.scope` is set to 'Cluster'"));
  }
  return errs;
}

export function validateIngressClassSpec(ic: IngressClassLike): FieldError[] {
  const errs: FieldError[] = [];
  const controller = ic.spec?.controller ?? '';
  if (!controller) errs.push(fe.required('spec.controller', ''));
  else {
    if (controller.length > 250) errs.push(fe.tooLong('spec.controller', 250));
    errs.push(...validateDomainPrefixedPath('spec.controller', controller));
  }
  if (ic.spec?.parameters) errs.push(...validateParameters(ic.spec.parameters, 'spec.parameters'));
  return errs;
}

/** "Kind.group/name" of the parameters object, or "<none>". */
export function formatIngressClassParameters(ic: IngressClassLike): string {
  const p = ic.spec?.parameters;
  if (!p) return '<none>';
  return `${p.kind ?? ''}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name ?? ''}`;
}

export const ingressclasses: ResourceDef = {
  group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', singular: 'ingressclass',
  namespaced: false,
  schema: IngressClassSchema,
  defaults(obj) {
    const p = (obj as IngressClassLike).spec?.parameters;
    if (p) p.scope ??= 'Cluster';
  },
  validate: (obj) => validateIngressClassSpec(obj as IngressClassLike),
  validateUpdate(obj, old) {
    const n = (obj as IngressClassLike).spec?.controller ?? '';
    const o = (old as IngressClassLike).spec?.controller ?? '';
    return n === o ? [] : [fe.invalid('spec.controller', n, 'field is immutable')];
  },
  table: {
    columns: [
      { name: 'Controller', type: 'string', description: 'The controller that implements the class.', priority: 0 },
      { name: 'Parameters', type: 'string', description: 'The object holding settings for the controller.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [
      (obj as IngressClassLike).spec?.controller ?? '',
      formatIngressClassParameters(obj as IngressClassLike),
      age(obj.metadata.creationTimestamp, now),
    ],
  },
};
