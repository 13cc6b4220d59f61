/** The Ingress schema: HTTP routing rules from hosts and paths to backends, and the load balancer status. */
import { kindFields } from '../../../meta/type-fields.js';
import { enumOf, field, int32, listOf, object, string } from '../../../schema/build.js';
import { TypedLocalObjectReferenceSchema } from '../../core/common/index.js';

const PROTOCOL = enumOf('SCTP', 'TCP', 'UDP');

export const ServiceBackendPortSchema = object('io.k8s.api.networking.v1.ServiceBackendPort', 'A port of a Service, by name or by number (exactly one).', () => ({
  name: field(string, 'Name of the Service port.', { proto: 1 }),
  number: field(int32, 'Number of the Service port.', { proto: 2 }),
}), { atomic: true });

export const IngressServiceBackendSchema = object('io.k8s.api.networking.v1.IngressServiceBackend', 'A Service in the Ingress\'s namespace, and one of its ports.', () => ({
  name: field(string, 'Name of the Service.', { required: true, proto: 1 }),
  port: field(ServiceBackendPortSchema, 'Port of the Service to send traffic to.', { proto: 2 }),
}));

export const IngressBackendSchema = object('io.k8s.api.networking.v1.IngressBackend', 'Where matching traffic goes: a Service port, or another resource (exactly one).', () => ({
  service: field(IngressServiceBackendSchema, 'A Service port to send the traffic to.', { proto: 4 }),
  resource: field(TypedLocalObjectReferenceSchema, 'Another object in the namespace (such as a storage bucket) that serves the traffic.', { proto: 3 }),
}));

export const HTTPIngressPathSchema = object('io.k8s.api.networking.v1.HTTPIngressPath', 'A request path, how to match it, and the backend it goes to.', () => ({
  path: field(string, 'Path to match against the request\'s path; must begin with "/" for Exact and Prefix.', { proto: 1 }),
  pathType: field(enumOf('Exact', 'ImplementationSpecific', 'Prefix'), 'How path is matched: Exact, Prefix (by "/"-separated elements) or ImplementationSpecific.', { required: true, proto: 3 }),
  backend: field(IngressBackendSchema, 'Where requests matching this path go.', { required: true, proto: 2 }),
}));

export const HTTPIngressRuleValueSchema = object('io.k8s.api.networking.v1.HTTPIngressRuleValue', 'HTTP paths of a rule and their backends.', () => ({
  paths: field(listOf(HTTPIngressPathSchema), 'Paths and the backends they route to.', { required: true, proto: 1, listType: 'atomic' }),
}));

/**
 * In Go the `http` field lives in an embedded IngressRuleValue: flat in JSON, protobuf field 2 of
 * IngressRule, whose own field 1 is http.
 */
export const IngressRuleSchema = object('io.k8s.api.networking.v1.IngressRule', 'Routing for one host (or for every host when host is empty).', () => ({
  host: field(string, 'Host name to match (a DNS name, or "*." followed by one, matching a single leftmost label); empty matches every host.', { proto: 1 }),
  http: field(HTTPIngressRuleValueSchema, 'HTTP routing for the host.', { proto: 1, embeddedIn: 2 }),
}));

export const IngressTLSSchema = object('io.k8s.api.networking.v1.IngressTLS', 'TLS termination for some hosts.', () => ({
  hosts: field(listOf(string), 'Hosts the certificate covers; must match hosts of the rules.', { proto: 1, listType: 'atomic' }),
  secretName: field(string, 'Secret holding the certificate and key; may be empty when the host is only routed by SNI.', { proto: 2 }),
}));

export const IngressSpecSchema = object('io.k8s.api.networking.v1.IngressSpec', 'Desired routing of an Ingress.', () => ({
  ingressClassName: field(string, 'Name of the IngressClass whose controller implements this Ingress.', { proto: 4 }),
  defaultBackend: field(IngressBackendSchema, 'Backend for requests that match no rule.', { proto: 1 }),
  tls: field(listOf(IngressTLSSchema), 'TLS settings, by host.', { proto: 2, listType: 'atomic' }),
  rules: field(listOf(IngressRuleSchema), 'Host rules; requests matching none go to defaultBackend.', { proto: 3, listType: 'atomic' }),
}));

export const IngressPortStatusSchema = object('io.k8s.api.networking.v1.IngressPortStatus', 'State of one port of a load balancer.', () => ({
  port: field(int32, 'Port number.', { required: true, proto: 1 }),
  protocol: field(PROTOCOL, 'TCP, UDP or SCTP.', { required: true, proto: 2 }),
  error: field(string, 'Problem with this port, as a CamelCase reason or "<domain>/<reason>"; empty when fine.', { proto: 3 }),
}));

export const IngressLoadBalancerIngressSchema = object('io.k8s.api.networking.v1.IngressLoadBalancerIngress', 'One entry point of the load balancer.', () => ({
  ip: field(string, 'IP address of the entry point.', { proto: 1 }),
  hostname: field(string, 'DNS name of the entry point.', { proto: 2 }),
  ports: field(listOf(IngressPortStatusSchema), 'Ports open on the entry point.', { proto: 4, listType: 'atomic' }),
}));

export const IngressLoadBalancerStatusSchema = object('io.k8s.api.networking.v1.IngressLoadBalancerStatus', 'State of the load balancer serving an Ingress.', () => ({
  ingress: field(listOf(IngressLoadBalancerIngressSchema), 'Entry points of the load balancer.', { proto: 1, listType: 'atomic' }),
}));

export const IngressStatusSchema = object('io.k8s.api.networking.v1.IngressStatus', 'Observed state of an Ingress.', () => ({
  loadBalancer: field(IngressLoadBalancerStatusSchema, 'Where the Ingress can be reached.', { proto: 1 }),
}));

export const IngressSchema = object('io.k8s.api.networking.v1.Ingress', 'Routes outside HTTP(S) traffic to Services by host name and path.', () => ({
  ...kindFields(),
  spec: field(IngressSpecSchema, 'Desired routing.', { proto: 2 }),
  status: field(IngressStatusSchema, 'Observed state, set by the Ingress controller.', { proto: 3 }),
}), { gvk: { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' } });
