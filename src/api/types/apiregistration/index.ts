/**
 * The apiregistration.k8s.io group: APIServices, which say who serves each API group/version. The
 * API server registers a Local one for each group/version it serves (localAPIServices); navarch
 * does not proxy aggregated API servers.
 */
import type { ResourceDef } from '../../resource.js';
import { apiservices } from './apiservice.js';

export { APIServiceSchema, APISERVICE_NOT_PROXIED_WARNING, type APIServiceLike } from './apiservice.js';
export { AUTOMANAGED_LABEL, BUILTIN_API_PRIORITIES, localAPIServices } from './local-apiservices.js';

export const apiregistrationResources: ResourceDef[] = [apiservices];
