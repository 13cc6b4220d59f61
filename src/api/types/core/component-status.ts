/**
 * core/v1 ComponentStatus (deprecated since 1.19, still served by 1.32): the health of the control
 * plane's parts, computed on every read and never stored. This file has the schema, the table
 * (`kubectl get cs`: STATUS, MESSAGE, ERROR) and the objects the server answers with, built from
 * health checks it runs; serving them is the API server's job (the ResourceDef's verbs are get and
 * list, and no write reaches the store).
 */
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import type { ResourceDef } from '../../resource.js';
import { field, listOf, object, string } from '../../schema/build.js';

/** The Warning a 1.32 API server sends with every request for ComponentStatus. */
export const COMPONENT_STATUS_DEPRECATION = 'v1 ComponentStatus is deprecated in v1.19+';

/** The components a Kubernetes API server reports, in the names it gives them. */
export const CONTROL_PLANE_COMPONENTS = ['scheduler', 'controller-manager', 'etcd-0'] as const;

export const ComponentConditionSchema = object('io.k8s.api.core.v1.ComponentCondition', 'One health observation of a component.', () => ({
  type: field(string, 'Kind of condition; only Healthy exists.', { required: true, proto: 1 }),
  status: field(string, 'True (healthy), False or Unknown.', { required: true, proto: 2 }),
  message: field(string, 'What the health check answered.', { proto: 3 }),
  error: field(string, 'Why the health check failed, if it did.', { proto: 4 }),
}));

export const ComponentStatusSchema = object('io.k8s.api.core.v1.ComponentStatus', 'Health of one control-plane component (deprecated: use the components\' /livez and /readyz).', () => ({
  ...kindFields(),
  conditions: field(listOf(ComponentConditionSchema), 'Health observations of the component.', {
    proto: 2, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
}), { gvk: { group: '', version: 'v1', kind: 'ComponentStatus' } });

export interface ComponentCondition { type: string; status: 'True' | 'False' | 'Unknown'; message?: string; error?: string }
export interface ComponentStatusLike extends KObject { conditions?: ComponentCondition[] }

/** The outcome of one component's health check: healthy with what it answered, or the error. */
export interface ComponentCheck { name: string; healthy: boolean; message?: string; error?: string }

/** The ComponentStatus the server answers for one check (Healthy True with message "ok", or False with the error). */
export function componentStatusOf(check: ComponentCheck): ComponentStatusLike {
  const condition: ComponentCondition = check.healthy
    ? { type: 'Healthy', status: 'True', message: check.message ?? 'ok' }
    : { type: 'Healthy', status: 'False', ...(check.message ? { message: check.message } : {}), error: check.error ?? 'unhealthy' };
  return { kind: 'ComponentStatus', apiVersion: 'v1', metadata: { name: check.name, creationTimestamp: null }, conditions: [condition] };
}

/** The ComponentStatusList body of GET /api/v1/componentstatuses. */
export function componentStatusList(checks: readonly ComponentCheck[]): KObject & { items: ComponentStatusLike[] } {
  return { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items: checks.map(componentStatusOf) };
}

/** The STATUS, MESSAGE and ERROR cells, from the Healthy condition (Unknown without one). */
export function componentStatusCells(cs: ComponentStatusLike): [string, string, string] {
  const c = (cs.conditions ?? []).find((x) => x.type === 'Healthy');
  if (!c) return ['Unknown', '', ''];
  return [c.status === 'True' ? 'Healthy' : 'Unhealthy', c.message ?? '', c.error ?? ''];
}

export const componentstatuses: ResourceDef = {
  group: '', version: 'v1', kind: 'ComponentStatus', plural: 'componentstatuses', singular: 'componentstatus',
  namespaced: false, shortNames: ['cs'],
  verbs: ['get', 'list'],
  schema: ComponentStatusSchema,
  generation: false,
  table: {
    columns: [
      { name: 'Status', type: 'string', description: 'Whether the component is healthy.', priority: 0 },
      { name: 'Message', type: 'string', description: 'What the health check answered.', priority: 0 },
      { name: 'Error', type: 'string', description: 'Why the health check failed.', priority: 0 },
    ],
    cells: (obj) => componentStatusCells(obj as ComponentStatusLike),
  },
};
