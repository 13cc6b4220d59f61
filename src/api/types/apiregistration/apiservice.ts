/**
 * apiregistration.k8s.io/v1 APIService: declares who serves a group/version — the API server itself
 * (Local, no service) or an aggregated API server behind a Service. Schema, defaults, Kubernetes'
 * validation, `kubectl get apiservices` columns, and the Available condition: a Local APIService is
 * always available; navarch proxies no aggregated API, so one naming a Service is not, and says so.
 */
import { age } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1035Label, isDNS1123Subdomain, isPathSegmentName, isValidPortNum } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { boolean, bytes, field, int32, listOf, object, string, time } from '../../schema/build.js';

export const APIServiceSchema = object('io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService', 'Declares the server of one API group/version; named <version>.<group>.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceSpec', 'Who serves the group/version and how it is ordered in discovery.', () => ({
    service: field(object('io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.ServiceReference', 'The Service in front of an aggregated API server.', () => ({
      namespace: field(string, 'Namespace of the Service.', { proto: 1 }),
      name: field(string, 'Name of the Service.', { proto: 2 }),
      port: field(int32, 'Port of the Service; default 443.', { proto: 3 }),
    })), 'The Service of an aggregated API server; absent when the API server serves the group itself (Local).', { proto: 1 }),
    group: field(string, 'The API group served.', { proto: 2 }),
    version: field(string, 'The API version served.', { proto: 3 }),
    insecureSkipTLSVerify: field(boolean, 'Do not verify the server\'s certificate (discouraged).', { proto: 4 }),
    caBundle: field(bytes, 'PEM CA bundle to verify the server\'s certificate.', { proto: 5 }),
    groupPriorityMinimum: field(int32, 'Priority of the group in discovery (higher first), 1 to 20000.', { required: true, proto: 7 }),
    versionPriority: field(int32, 'Priority of the version within its group (higher first), 1 to 1000.', { required: true, proto: 8 }),
  })), 'Who serves the group/version.', { proto: 2 }),
  status: field(object('io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceStatus', 'Whether the API is available.', () => ({
    conditions: field(listOf(object('io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIServiceCondition', 'One observation about the APIService.', () => ({
      type: field(string, 'Kind of condition (Available).', { required: true, proto: 1 }),
      status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
      lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
      reason: field(string, 'CamelCase cause of the last transition.', { proto: 4 }),
      message: field(string, 'Human-readable details.', { proto: 5 }),
    }))), 'Observations of the APIService.', { proto: 1, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] }),
  })), 'Whether the API is available.', { proto: 3 }),
}), { gvk: { group: 'apiregistration.k8s.io', version: 'v1', kind: 'APIService' } });

interface Condition { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }
export interface APIServiceLike extends KObject {
  spec?: {
    service?: { namespace?: string; name?: string; port?: number };
    group?: string; version?: string; insecureSkipTLSVerify?: boolean; caBundle?: string;
    groupPriorityMinimum?: number; versionPriority?: number;
  };
  status?: { conditions?: Condition[] };
}

export const APISERVICE_NOT_PROXIED_WARNING = 'navarch does not proxy aggregated APIs: an APIService that names a service stays unavailable';

/** ValidateAPIService (metadata.name = <version>.<group> is checked here, as the name rule needs the spec). */
export function validateAPIService(a: APIServiceLike): FieldError[] {
  const spec = a.spec ?? {};
  const group = spec.group ?? '';
  const version = spec.version ?? '';
  const errs: FieldError[] = [];
  const required = `${version}.${group}`;
  const name = a.metadata.name ?? '';
  if (name && isPathSegmentName(name).length === 0 && name !== required) {
    errs.push(fe.invalid('metadata.name', name, `must be \`spec.version+"."+spec.group\`: ${JSON.stringify(required)}`));
  }
  if (!group && version !== 'v1') errs.push(fe.required('spec.group', 'only v1 may have an empty group and it better be legacy kube'));
  if (group) for (const m of isDNS1123Subdomain(group)) errs.push(fe.invalid('spec.group', group, m));
  for (const m of isDNS1035Label(version)) errs.push(fe.invalid('spec.version', version, m));
  const gp = spec.groupPriorityMinimum ?? 0;
  if (gp <= 0 || gp > 20000) errs.push(fe.invalid('spec.groupPriorityMinimum', gp, 'must be positive and less than 20000'));
  const vp = spec.versionPriority ?? 0;
  if (vp <= 0 || vp > 1000) errs.push(fe.invalid('spec.versionPriority', vp, 'must be positive and less than 1000'));
  const svc = spec.service;
  const caBytes = spec.caBundle ? Math.floor((spec.caBundle.replace(/=+$/, '').length * 3) / 4) : 0;
  if (!svc) {
    if (caBytes) errs.push(fe.invalid('spec.caBundle', `${caBytes} bytes`, 'local APIServices may not have a caBundle'));
    if (spec.insecureSkipTLSVerify) errs.push(fe.invalid('spec.insecureSkipTLSVerify', true, 'local APIServices may not have insecureSkipTLSVerify'));
    return errs;
  }
  if (!svc.namespace) errs.push(fe.required('spec.service.namespace', ''));
  if (!svc.name) errs.push(fe.required('spec.service.name', ''));
  const port = svc.port ?? 0;
  const pe = isValidPortNum(port);
  if (pe.length) errs.push(fe.invalid('spec.service.port', port, `port is not valid: ${pe.join(', ')}`));
  if (spec.insecureSkipTLSVerify && caBytes > 0) errs.push(fe.invalid('spec.insecureSkipTLSVerify', true, 'may not be true if caBundle is present'));
  return errs;
}

/** The Available condition navarch can state without an availability controller. */
export function availableCondition(a: APIServiceLike, now: string): Condition {
  return a.spec?.service
    ? { type: 'Available', status: 'False', lastTransitionTime: now, reason: 'ServiceNotProxied', message: 'navarch does not proxy aggregated APIs' }
    : { type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Local', message: 'Local APIServices are always available' };
}

function setAvailable(a: APIServiceLike, old?: APIServiceLike): void {
  const next = availableCondition(a, `${new Date().toISOString().slice(0, 19)}Z`);
  const prev = old?.status?.conditions?.find((c) => c.type === 'Available');
  if (prev && prev.status === next.status && prev.reason === next.reason) return;
  const others = (a.status?.conditions ?? []).filter((c) => c.type !== 'Available');
  a.status = { ...a.status, conditions: [...others, next] };
}

/** The SERVICE and AVAILABLE cells: "Local" or namespace/name; the Available status, with its reason unless True. */
export function apiServiceCells(a: APIServiceLike): [string, string] {
  const svc = a.spec?.service;
  const service = svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
  const c = a.status?.conditions?.find((x) => x.type === 'Available');
  if (!c) return [service, 'Unknown'];
  if (c.status === 'True' || !c.reason) return [service, c.status];
  return [service, `${c.status} (${c.reason})`];
}

export const apiservices: ResourceDef = {
  group: 'apiregistration.k8s.io', version: 'v1', kind: 'APIService', plural: 'apiservices', singular: 'apiservice',
  namespaced: false, categories: ['api-extensions'],
  schema: APIServiceSchema,
  subresources: { status: true },
  nameValidator: isPathSegmentName,
  defaults(obj) {
    const svc = (obj as APIServiceLike).spec?.service;
    if (svc) svc.port ??= 443;
  },
  validate: (obj) => validateAPIService(obj as APIServiceLike),
  prepareForCreate: (obj) => setAvailable(obj as APIServiceLike),
  prepareForUpdate: (obj, old) => setAvailable(obj as APIServiceLike, old as APIServiceLike),
  warnings: (obj) => ((obj as APIServiceLike).spec?.service ? [APISERVICE_NOT_PROXIED_WARNING] : []),
  table: {
    columns: [
      { name: 'Service', type: 'string', description: 'The reference to the service that hosts this API endpoint.', priority: 0 },
      { name: 'Available', type: 'string', description: 'Whether this service is available.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
    ],
    cells: (obj, now) => [...apiServiceCells(obj as APIServiceLike), age(obj.metadata.creationTimestamp, now)],
  },
};
