/** The EndpointSlice schema: a subset of a Service's endpoints, their readiness and ports. */
import { kindFields } from '../../meta/type-fields.js';
import { boolean, enumOf, field, int32, listOf, object, string, stringMap } from '../../schema/build.js';
import { ObjectReferenceSchema } from '../core/common/index.js';

export const EndpointConditionsSchema = object('io.k8s.api.discovery.v1.EndpointConditions', 'Readiness of an endpoint.', () => ({
  ready: field(boolean, 'Whether the endpoint should receive new traffic; unset means ready. False while terminating.', { proto: 1 }),
  serving: field(boolean, 'Whether the endpoint would serve traffic, regardless of whether it is terminating.', { proto: 2 }),
  terminating: field(boolean, 'Whether the endpoint is shutting down.', { proto: 3 }),
}));

export const ForZoneSchema = object('io.k8s.api.discovery.v1.ForZone', 'A zone that should use an endpoint.', () => ({
  name: field(string, 'Name of the zone.', { required: true, proto: 1 }),
}));

export const ForNodeSchema = object('io.k8s.api.discovery.v1.ForNode', 'A node that should use an endpoint.', () => ({
  name: field(string, 'Name of the node.', { required: true, proto: 1 }),
}));

export const EndpointHintsSchema = object('io.k8s.api.discovery.v1.EndpointHints', 'Where an endpoint should be used, for topology-aware routing.', () => ({
  forZones: field(listOf(ForZoneSchema), 'Zones whose clients should use this endpoint.', { proto: 1, listType: 'atomic' }),
  forNodes: field(listOf(ForNodeSchema), 'Nodes whose clients should use this endpoint.', { proto: 2, listType: 'atomic' }),
}));

export const EndpointSchema = object('io.k8s.api.discovery.v1.Endpoint', 'One backend of a Service: its addresses and state.', () => ({
  addresses: field(listOf(string), 'Addresses of the backend, of the slice\'s address type; consumers use the first.', { required: true, proto: 1, listType: 'set' }),
  conditions: field(EndpointConditionsSchema, 'Current readiness of the backend.', { proto: 2 }),
  hostname: field(string, 'DNS label name of the backend, for DNS records.', { proto: 3 }),
  targetRef: field(ObjectReferenceSchema, 'The object (usually a pod) behind the endpoint.', { proto: 4 }),
  deprecatedTopology: field(stringMap, 'Old topology labels; not written through v1 any more (use nodeName and zone).', { proto: 5 }),
  nodeName: field(string, 'Node hosting the backend.', { proto: 6 }),
  zone: field(string, 'Zone the backend is in.', { proto: 7 }),
  hints: field(EndpointHintsSchema, 'Where the backend should be used, for topology-aware routing.', { proto: 8 }),
}));

export const EndpointPortSchema = object('io.k8s.api.discovery.v1.EndpointPort', 'A port the endpoints of a slice listen on.', () => ({
  name: field(string, 'Name of the port, matching a Service port name; may be empty for one unnamed port.', { proto: 1 }),
  protocol: field(enumOf('SCTP', 'TCP', 'UDP'), 'TCP (the default), UDP or SCTP.', { proto: 2 }),
  port: field(int32, 'Port number; unset means every port.', { proto: 3 }),
  appProtocol: field(string, 'Application protocol (an IANA service name, a "kubernetes.io/" name, or a domain-prefixed name).', { proto: 4 }),
}), { atomic: true });

export const EndpointSliceSchema = object('io.k8s.api.discovery.v1.EndpointSlice', 'A subset of the endpoints of a Service. A Service\'s slices together list all its endpoints.', () => ({
  ...kindFields(),
  addressType: field(enumOf('FQDN', 'IPv4', 'IPv6'), 'Kind of address in this slice: IPv4, IPv6 or FQDN; cannot change.', { required: true, proto: 4 }),
  endpoints: field(listOf(EndpointSchema), 'The endpoints, at most 1000.', { proto: 2, listType: 'atomic' }),
  ports: field(listOf(EndpointPortSchema), 'Ports every endpoint of the slice serves; empty means none are known, at most 100.', { proto: 3, listType: 'atomic' }),
}), { gvk: { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice' } });
