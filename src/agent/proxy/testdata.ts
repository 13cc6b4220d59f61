/** Builders of Services and EndpointSlices for the proxy's tests (not exported from the component). */
import type { EndpointSlice, Service, SliceEndpoint } from './types.js';

export function service(name: string, spec: NonNullable<Service['spec']>, more: Partial<Service> = {}, namespace = 'default'): Service {
  return { apiVersion: 'v1', kind: 'Service', ...more, metadata: { namespace, name, ...more.metadata }, spec };
}

export function endpoint(ip: string, nodeName: string, conditions: SliceEndpoint['conditions'] = {}): SliceEndpoint {
  return { addresses: [ip], nodeName, conditions: { ready: true, ...conditions } };
}

export function slice(
  svc: string, ports: EndpointSlice['ports'], endpoints: SliceEndpoint[], o: { name?: string; namespace?: string; addressType?: string } = {},
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    metadata: { namespace: o.namespace ?? 'default', name: o.name ?? `${svc}-abcde`, labels: { 'kubernetes.io/service-name': svc } },
    addressType: o.addressType ?? 'IPv4', ports, endpoints,
  };
}
