/**
 * For the DNS tests: Services and EndpointSlices as the API server stores them, small enough to
 * write inline.
 */
import type { ServiceLike } from '../../api/types/core/service/index.js';
import type { EndpointSliceLike } from '../../api/types/discovery/index.js';

export function service(name: string, namespace: string, spec: ServiceLike['spec']): ServiceLike {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

export interface TestEndpoint { ip: string; hostname?: string; ready?: boolean }

export function slice(
  name: string, namespace: string, svc: string, endpoints: TestEndpoint[], ports: Array<{ name?: string; port: number; protocol?: string }> = [],
): EndpointSliceLike {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': svc } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => ({
      addresses: [e.ip], ...(e.hostname ? { hostname: e.hostname } : {}),
      conditions: e.ready === undefined ? {} : { ready: e.ready },
    })),
    ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
}
