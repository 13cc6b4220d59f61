/** core/v1 Service schema: a stable virtual IP and DNS name in front of a set of pods. */
import { ConditionSchema } from '../../../meta/condition.js';
import type { KObject } from '../../../meta/object-meta.js';
import { kindFields } from '../../../meta/type-fields.js';
import {
  boolean, enumOf, field, int32, intOrString, listOf, object, string, stringMap,
} from '../../../schema/build.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;

export const ServicePortSchema = object('io.k8s.api.core.v1.ServicePort', 'One port the service exposes and where it sends the traffic.', () => ({
  name: field(string, 'Name of the port (a DNS label); required when the service has several ports.', { proto: 1 }),
  protocol: field(enumOf(...PROTOCOLS), 'TCP (the default), UDP or SCTP.', { proto: 2, default: 'TCP' }),
  appProtocol: field(string, 'Application protocol hint for proxies, e.g. kubernetes.io/h2c or a domain-prefixed name.', { proto: 6 }),
  port: field(int32, 'Port the service listens on.', { required: true, proto: 3 }),
  targetPort: field(intOrString, 'Port number or named container port on the pods; defaults to port.', { proto: 4 }),
  nodePort: field(int32, 'Port opened on every node for NodePort and LoadBalancer services; picked from the range when unset.', { proto: 5 }),
}));

export const ClientIPConfigSchema = object('io.k8s.api.core.v1.ClientIPConfig', 'Settings of ClientIP session affinity.', () => ({
  timeoutSeconds: field(int32, 'How long a client sticks to the same pod, 1–86400 seconds (default 10800).', { proto: 1 }),
}));

export const SessionAffinityConfigSchema = object('io.k8s.api.core.v1.SessionAffinityConfig', 'Settings of session affinity.', () => ({
  clientIP: field(ClientIPConfigSchema, 'Settings for ClientIP affinity.', { proto: 1 }),
}));

export const PortStatusSchema = object('io.k8s.api.core.v1.PortStatus', 'State of one port of a load balancer.', () => ({
  port: field(int32, 'Port number.', { required: true, proto: 1 }),
  protocol: field(enumOf(...PROTOCOLS), 'TCP, UDP or SCTP.', { required: true, proto: 2 }),
  error: field(string, 'Problem with this port, as a CamelCase reason or domain-prefixed code; empty when fine.', { proto: 3 }),
}));

export const LoadBalancerIngressSchema = object('io.k8s.api.core.v1.LoadBalancerIngress', 'One address at which a load balancer receives traffic.', () => ({
  ip: field(string, 'IP address of the load balancer.', { proto: 1 }),
  hostname: field(string, 'DNS name of the load balancer, for those that have one instead of an IP.', { proto: 2 }),
  ipMode: field(enumOf('VIP', 'Proxy'), 'VIP: traffic arrives with the load balancer IP as destination; Proxy: it arrives at the nodes or pods.', { proto: 3 }),
  ports: field(listOf(PortStatusSchema), 'State of each port of the load balancer.', { proto: 4, listType: 'atomic' }),
}));

export const LoadBalancerStatusSchema = object('io.k8s.api.core.v1.LoadBalancerStatus', 'State of a load balancer.', () => ({
  ingress: field(listOf(LoadBalancerIngressSchema), 'Addresses of the load balancer.', { proto: 1, listType: 'atomic' }),
}));

export const ServiceSpecSchema = object('io.k8s.api.core.v1.ServiceSpec', 'What a service exposes and how.', () => ({
  ports: field(listOf(ServicePortSchema), 'Ports the service exposes.', {
    proto: 1, mergeKey: 'port', patchStrategy: 'merge', listType: 'map', listMapKeys: ['port', 'protocol'],
  }),
  selector: field(stringMap, 'Pods with all these labels receive the traffic; without a selector, endpoints are managed by hand.', { proto: 2, mapType: 'atomic' }),
  clusterIP: field(string, 'Virtual IP of the service: allocated when empty, "None" for a headless service. Cannot change.', { proto: 3 }),
  clusterIPs: field(listOf(string), 'Virtual IPs, one per IP family; the first equals clusterIP.', { proto: 18, listType: 'atomic' }),
  type: field(enumOf('ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'), 'ClusterIP (the default), NodePort, LoadBalancer or ExternalName.', { proto: 4 }),
  externalIPs: field(listOf(string), 'Extra IPs on which nodes accept traffic for this service.', { proto: 5, listType: 'atomic' }),
  sessionAffinity: field(enumOf('ClientIP', 'None'), 'None (the default) or ClientIP to keep a client on one pod.', { proto: 7 }),
  loadBalancerIP: field(string, 'Deprecated: IP asked of the load balancer implementation.', { proto: 8 }),
  loadBalancerSourceRanges: field(listOf(string), 'CIDRs allowed to reach a LoadBalancer service.', { proto: 9, listType: 'atomic' }),
  externalName: field(string, 'DNS name the service is a CNAME for (type ExternalName).', { proto: 10 }),
  externalTrafficPolicy: field(enumOf('Cluster', 'Local'), 'For traffic from outside: Cluster spreads to all pods; Local keeps it on the receiving node and the client IP.', { proto: 11 }),
  healthCheckNodePort: field(int32, 'Node port for load balancer health checks when externalTrafficPolicy is Local.', { proto: 12 }),
  publishNotReadyAddresses: field(boolean, 'Publish addresses of pods that are not ready (e.g. for peer discovery).', { proto: 13 }),
  sessionAffinityConfig: field(SessionAffinityConfigSchema, 'Settings of session affinity.', { proto: 14 }),
  ipFamilies: field(listOf(enumOf('IPv4', 'IPv6')), 'IP families of the cluster IPs, in order.', { proto: 19, listType: 'atomic' }),
  ipFamilyPolicy: field(enumOf('PreferDualStack', 'RequireDualStack', 'SingleStack'), 'SingleStack, PreferDualStack or RequireDualStack.', { proto: 17 }),
  allocateLoadBalancerNodePorts: field(boolean, 'Whether a LoadBalancer service gets node ports (default true).', { proto: 20 }),
  loadBalancerClass: field(string, 'Which load balancer implementation handles the service; cannot change.', { proto: 21 }),
  internalTrafficPolicy: field(enumOf('Cluster', 'Local'), 'For traffic from inside the cluster: Cluster (all pods) or Local (pods on the same node).', { proto: 22 }),
  trafficDistribution: field(string, 'Preference for how traffic is spread, e.g. PreferClose to favour nearby endpoints.', { proto: 23 }),
}));

export const ServiceStatusSchema = object('io.k8s.api.core.v1.ServiceStatus', 'Observed state of a service.', () => ({
  loadBalancer: field(LoadBalancerStatusSchema, 'State of the load balancer, if any.', { proto: 1 }),
  conditions: field(listOf(ConditionSchema), 'Current conditions of the service.', {
    proto: 2, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
}));

export const ServiceSchema = object('io.k8s.api.core.v1.Service', 'A named, stable network endpoint for a set of pods (or an external name).', () => ({
  ...kindFields(),
  spec: field(ServiceSpecSchema, 'What the service exposes and how.', { proto: 2 }),
  status: field(ServiceStatusSchema, 'Observed state of the service.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'Service' } });

export interface ServicePort {
  name?: string;
  protocol?: string;
  appProtocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  ports?: ServicePort[];
  selector?: Record<string, string>;
  clusterIP?: string;
  clusterIPs?: string[];
  type?: string;
  externalIPs?: string[];
  sessionAffinity?: string;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  externalName?: string;
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  publishNotReadyAddresses?: boolean;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  allocateLoadBalancerNodePorts?: boolean;
  loadBalancerClass?: string;
  internalTrafficPolicy?: string;
  trafficDistribution?: string;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ipMode?: string;
  ports?: Array<{ port: number; protocol: string; error?: string }>;
}

export interface ServiceLike extends KObject {
  spec?: ServiceSpec;
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] }; conditions?: unknown[] };
}
