/**
 * The discovery.k8s.io group: EndpointSlices list the network endpoints behind Services, in slices
 * of at most 1000, for proxies and DNS to consume.
 */
import type { ResourceDef } from '../../resource.js';
import { endpointslices } from './endpoint-slice.js';

export * from './endpoint-slice.js';

export const discoveryResources: ResourceDef[] = [endpointslices];
