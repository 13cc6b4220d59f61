/**
 * Service defaulting (as SetDefaults_Service) and the create/update preparation the service registry
 * does before allocation: keeping clusterIP and clusterIPs in step, carrying over values the server
 * allocated when a client resubmits its original manifest, and choosing IP families.
 */
import { isIPv6 } from '../../../meta/ip-address.js';
import type { ServiceLike, ServiceSpec } from './schema.js';

export const DEFAULT_CLIENT_IP_TIMEOUT = 10800;

/** Types whose traffic can come from outside the cluster. */
export function externallyAccessible(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort'
    || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
}

export function needsHealthCheck(spec: ServiceSpec): boolean {
  return spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

export function isHeadless(spec: ServiceSpec): boolean {
  return spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === 'None';
}

export function defaultService(svc: ServiceLike): void {
  const spec = (svc.spec ??= {});
  spec.sessionAffinity ||= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT } };
  }
  spec.type ||= 'ClusterIP';
  for (const p of spec.ports ?? []) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
      if (ing.ip && ing.ipMode === undefined) ing.ipMode = 'VIP';
    }
  }
}

function sameList(a: string[] | undefined, b: string[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/** Derives clusterIPs from clusterIP for clients that only set the singular field. */
export function normalizeClusterIPs(spec: ServiceSpec, old?: ServiceSpec): void {
  if (!old) {
    if (spec.clusterIP && !spec.clusterIPs?.length) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if (old.clusterIPs?.length && !spec.clusterIPs?.length && (old.clusterIP ?? '') === (spec.clusterIP ?? '')) {
    spec.clusterIPs = [...old.clusterIPs];
  }
  if ((old.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (old.clusterIP && !spec.clusterIP) {
      if (sameList(old.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    } else if (sameList(old.clusterIPs, spec.clusterIPs)) {
      spec.clusterIPs = [spec.clusterIP ?? ''];
    }
  }
}

/** Keeps allocated cluster IPs, node ports and health-check port when an update leaves them out. */
export function patchAllocatedValues(spec: ServiceSpec, old: ServiceSpec): void {
  if (old.type !== 'ExternalName' && spec.type !== 'ExternalName') {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!spec.clusterIPs?.length && old.clusterIPs?.length) spec.clusterIPs = [...old.clusterIPs];
  }
  const needsNodePort = (s: ServiceSpec): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';
  if (needsNodePort(old) && needsNodePort(spec)) {
    const used = (s: ServiceSpec): Set<number> => new Set((s.ports ?? []).map((p) => p.nodePort ?? 0).filter((n) => n !== 0));
    const newUsed = used(spec);
    const taken = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map<string, number>();
    for (const p of old.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '') ?? 0;
      if (prev && !taken.has(prev)) p.nodePort = prev;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(spec) && !spec.healthCheckNodePort && old.healthCheckNodePort) {
    spec.healthCheckNodePort = old.healthCheckNodePort;
  }
}

/**
 * When an update switches the type, fields the new type cannot have are cleared, provided the user
 * left them as they were (they were probably allocated or defaulted): cluster IPs and families,
 * node ports, the health-check port, allocateLoadBalancerNodePorts, loadBalancerClass and
 * externalTrafficPolicy. The load-balancer status goes when the service stops being one.
 */
export function dropTypeDependentFields(svc: ServiceLike, old: ServiceLike): void {
  const spec = svc.spec ?? {};
  const prev = old.spec ?? {};
  const needsIP = (s: ServiceSpec): boolean => s.type !== 'ExternalName';
  const needsNodePort = (s: ServiceSpec): boolean => s.type === 'NodePort' || s.type === 'LoadBalancer';
  if (needsIP(prev) && !needsIP(spec)) {
    if ((prev.clusterIP ?? '') === (spec.clusterIP ?? '') && sameList(prev.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameList(prev.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if ((prev.ipFamilyPolicy ?? '') === (spec.ipFamilyPolicy ?? '')) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(prev) && !needsNodePort(spec)) {
    const oldPorts = new Set((prev.ports ?? []).map((p) => p.nodePort).filter((n) => n));
    if ((spec.ports ?? []).every((p) => !p.nodePort || oldPorts.has(p.nodePort))) {
      for (const p of spec.ports ?? []) delete p.nodePort;
    }
  }
  if (needsHealthCheck(prev) && !needsHealthCheck(spec) && (prev.healthCheckNodePort ?? 0) === (spec.healthCheckNodePort ?? 0)) {
    delete spec.healthCheckNodePort;
  }
  if (prev.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === prev.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if ((spec.loadBalancerClass ?? null) === (prev.loadBalancerClass ?? null)) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(prev) && !externallyAccessible(spec) && prev.externalTrafficPolicy === spec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer' && svc.status) svc.status = { ...svc.status, loadBalancer: {} };
}

/**
 * Chooses ipFamilyPolicy and ipFamilies as the service allocator does, for a cluster whose first
 * service CIDR has `defaultFamily`. Headless services without a selector default to both families.
 */
export function initIPFamilyFields(spec: ServiceSpec, old?: ServiceSpec, defaultFamily: 'IPv4' | 'IPv6' = 'IPv4'): void {
  if (spec.type === 'ExternalName') return;
  const headlessSelectorless = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  if (spec.ipFamilyPolicy === undefined) {
    if (old?.ipFamilyPolicy !== undefined) spec.ipFamilyPolicy = old.ipFamilyPolicy;
    else if (headlessSelectorless) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const families = spec.ipFamilies ?? [];
  (spec.clusterIPs ?? []).forEach((ip, i) => {
    if (ip === 'None' || i < families.length || !ip) return;
    families.push(isIPv6(ip) ? 'IPv6' : 'IPv4');
  });
  if (families.length === 0) families.push(defaultFamily);
  if (headlessSelectorless && families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack') {
    families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
  }
  spec.ipFamilies = families;
}
