/** core/v1 Service: the ResourceDef the server serves for /api/v1/services. */
import { isDNS1035Label } from '../../../meta/names.js';
import type { ResourceDef } from '../../../resource.js';
import {
  defaultService, dropTypeDependentFields, initIPFamilyFields, normalizeClusterIPs, patchAllocatedValues,
} from './defaults.js';
import { ServiceSchema, type ServiceLike } from './schema.js';
import { serviceTable } from './table.js';
import { validateServiceStatus, validateServiceUpdate } from './validate-update.js';
import { validateService } from './validation.js';

export { ServiceSchema, ServiceSpecSchema, ServicePortSchema, LoadBalancerStatusSchema, LoadBalancerIngressSchema } from './schema.js';
export type { ServiceLike, ServicePort, ServiceSpec } from './schema.js';
export { formatLabels } from './table.js';
export { isHeadless, externallyAccessible } from './defaults.js';

export const services: ResourceDef = {
  group: '', version: 'v1', kind: 'Service', plural: 'services', singular: 'service',
  namespaced: true, shortNames: ['svc'], categories: ['all'],
  schema: ServiceSchema,
  nameValidator: isDNS1035Label,
  subresources: { status: true },
  generation: false,
  defaults: (obj) => defaultService(obj as ServiceLike),
  prepareForCreate(obj) {
    const svc = obj as ServiceLike;
    svc.status = { loadBalancer: {} };
    svc.spec ??= {};
    normalizeClusterIPs(svc.spec);
    initIPFamilyFields(svc.spec);
  },
  prepareForUpdate(obj, old) {
    const svc = obj as ServiceLike;
    const prev = old as ServiceLike;
    svc.status = prev.status;
    svc.spec ??= {};
    const prevSpec = prev.spec ?? {};
    dropTypeDependentFields(svc, prev);
    patchAllocatedValues(svc.spec, prevSpec);
    normalizeClusterIPs(svc.spec, prevSpec);
    initIPFamilyFields(svc.spec, prevSpec);
  },
  validate: (obj, ctx) => validateService(obj as ServiceLike, ctx),
  validateUpdate: (obj, old) => [
    ...validateServiceUpdate(obj as ServiceLike, old as ServiceLike),
    ...validateServiceStatus(obj as ServiceLike),
  ],
  table: serviceTable,
  selectableFields: {
    'spec.clusterIP': (o) => (o as ServiceLike).spec?.clusterIP ?? '',
    'spec.type': (o) => (o as ServiceLike).spec?.type ?? '',
  },
};
