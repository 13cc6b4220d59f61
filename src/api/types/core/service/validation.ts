/** Service validation with Kubernetes' wording (ValidateService, ValidateServiceUpdate). */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { isIPv6, parseCIDR, validateCIDR, validateIP, validateNonSpecialIP } from '../../../meta/ip-address.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum } from '../../../meta/names.js';
import { validateLabels } from '../../../meta/validate-meta.js';
import type { ValidationContext } from '../../../resource.js';
import { externallyAccessible, isHeadless, needsHealthCheck } from './defaults.js';
import { PROTOCOLS, type ServiceLike, type ServicePort, type ServiceSpec } from './schema.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const FAMILIES = ['IPv4', 'IPv6'];
const FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameNode', 'PreferSameZone'];
const MAX_AFFINITY_SECONDS = 86400;
const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';

/** Go's %#v of the (protocol, port) key Kubernetes reports for duplicate ports. */
function portKey(p: ServicePort): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, `
    + 'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}';
}

export function validatePortNumOrName(port: number | string | undefined, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => fe.invalid(path, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => fe.invalid(path, port, m));
  return [];
}

function validateServicePort(p: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) errs.push(fe.required(fe.child(path, 'name'), ''));
  else if (p.name) {
    errs.push(...isDNS1123Label(p.name).map((m) => fe.invalid(fe.child(path, 'name'), p.name, m)));
    if (names.has(p.name)) errs.push(fe.duplicate(fe.child(path, 'name'), p.name));
    else names.add(p.name);
  }
  errs.push(...isValidPortNum(p.port).map((m) => fe.invalid(fe.child(path, 'port'), p.port, m)));
  if (!p.protocol) errs.push(fe.required(fe.child(path, 'protocol'), ''));
  else if (!(PROTOCOLS as readonly string[]).includes(p.protocol)) errs.push(fe.notSupported(fe.child(path, 'protocol'), p.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(p.targetPort, fe.child(path, 'targetPort')));
  if (p.appProtocol !== undefined) {
    errs.push(...isQualifiedName(p.appProtocol).map((m) => fe.invalid(fe.child(path, 'appProtocol'), p.appProtocol, m)));
  }
  return errs;
}

/** clusterIP/clusterIPs/ipFamilies/ipFamilyPolicy consistency (ValidateServiceClusterIPsRelatedFields). */
function validateClusterIPFields(spec: ServiceSpec): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(fe.required('spec.clusterIPs', ''));
    else if (ips[0] !== spec.clusterIP) errs.push(fe.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(fe.invalid('spec.clusterIPs', ips, 'must be empty when `clusterIP` is not specified'));
  }
  const seen = new Set<string>();
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (!FAMILIES.includes(f)) errs.push(fe.notSupported(fe.index('spec.ipFamilies', i), f, FAMILIES));
    if (seen.has(f)) errs.push(fe.duplicate(fe.index('spec.ipFamilies', i), f));
    seen.add(f);
  });
  if (spec.ipFamilyPolicy !== undefined && !FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(fe.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, FAMILY_POLICIES));
  }
  let badIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) { badIPs = true; errs.push(fe.invalid('spec.clusterIPs', ips, "'None' must be the first and only value")); }
      return;
    }
    const e = validateIP(fe.index('spec.clusterIPs', i), ip);
    if (e.length) badIPs = true;
    errs.push(...e);
  });
  if (ips.length > 2) errs.push(fe.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (badIPs) return errs;
  if (ips.length > 1 && isIPv6(ips[0]) === isIPv6(ips[1])) {
    errs.push(fe.invalid('spec.clusterIPs', ips, 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      const fam = spec.ipFamilies?.[i];
      if (fam === 'IPv4' && isIPv6(ip)) errs.push(fe.invalid(fe.index('spec.clusterIPs', i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (fam === 'IPv6' && !isIPv6(ip)) errs.push(fe.invalid(fe.index('spec.clusterIPs', i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

/** What the allocator checks against the cluster's configuration (families, node port range). */
function validateAgainstCluster(spec: ServiceSpec, ctx: ValidationContext | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (!ctx || spec.type === 'ExternalName') return errs;
  if (spec.ipFamilyPolicy === 'SingleStack') {
    if (spec.clusterIPs?.length === 2) errs.push(fe.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified"));
    if (spec.ipFamilies?.length === 2) errs.push(fe.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified"));
  }
  const families = new Set<string>((ctx.serviceCIDRs ?? []).map((c) => parseCIDR(c)).filter((c) => c !== undefined).map((c) => (c.ip.length === 16 ? 'IPv6' : 'IPv4')));
  const headlessSelectorless = spec.clusterIP === 'None' && Object.keys(spec.selector ?? {}).length === 0;
  if (families.size > 0 && !headlessSelectorless) {
    if (spec.ipFamilyPolicy === 'RequireDualStack' && families.size < 2) {
      errs.push(fe.invalid('spec.ipFamilyPolicy', spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
    }
    (spec.ipFamilies ?? []).forEach((f, i) => {
      if (!families.has(f)) errs.push(fe.invalid(fe.index('spec.ipFamilies', i), f, 'not configured on this cluster'));
    });
  }
  const [lo, hi] = ctx.nodePortRange ?? [0, 65535];
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    (spec.ports ?? []).forEach((p, i) => {
      if (p.nodePort && (p.nodePort < lo || p.nodePort > hi)) {
        errs.push(fe.invalid(fe.child(fe.index('spec.ports', i), 'nodePort'), p.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`));
      }
    });
  }
  return errs;
}

export function validateService(svc: ServiceLike, ctx?: ValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const ann = svc.metadata.annotations ?? {};
  if (TOPOLOGY_MODE in ann && TOPOLOGY_HINTS in ann && ann[TOPOLOGY_MODE] !== ann[TOPOLOGY_HINTS]) {
    errs.push(fe.invalid(fe.index('metadata.annotations', TOPOLOGY_MODE), ann[TOPOLOGY_MODE], `must match annotations[${TOPOLOGY_HINTS}] when both are specified`));
  }
  const spec = svc.spec ?? {};
  const ports = spec.ports ?? [];
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && spec.type !== 'ExternalName') errs.push(fe.required('spec.ports', ''));
  if ((spec.type === 'LoadBalancer' || spec.type === 'NodePort') && headless) {
    errs.push(fe.invalid('spec.clusterIPs[0]', 'None', `may not be set to 'None' for ${spec.type} services`));
  } else if (spec.type === 'ExternalName') {
    if (spec.clusterIPs?.length) errs.push(fe.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (spec.ipFamilies?.length) errs.push(fe.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined) errs.push(fe.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fe.invalid('spec.externalName', cname, m)));
    else errs.push(fe.required('spec.externalName', ''));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, fe.index('spec.ports', i))));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(fe.required('spec.sessionAffinity', ''));
  else if (!AFFINITIES.includes(spec.sessionAffinity)) errs.push(fe.notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    const why = 'when session affinity type is ClientIP';
    if (!cfg) errs.push(fe.required('spec.sessionAffinityConfig', why));
    else if (!cfg.clientIP) errs.push(fe.required('spec.sessionAffinityConfig.clientIP', why));
    else if (cfg.clientIP.timeoutSeconds === undefined) errs.push(fe.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', why));
    else if (cfg.clientIP.timeoutSeconds <= 0 || cfg.clientIP.timeoutSeconds > MAX_AFFINITY_SECONDS) {
      errs.push(fe.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', cfg.clientIP.timeoutSeconds, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`));
    }
  } else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig) {
    errs.push(fe.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPFields(spec));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    const p = fe.index('spec.externalIPs', i);
    const e = validateIP(p, ip);
    errs.push(...(e.length ? e : validateNonSpecialIP(p, ip)));
  });
  if (!spec.type) errs.push(fe.required('spec.type', ''));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(fe.notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(fe.forbidden(fe.child(fe.index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const path = fe.index('spec.ports', i);
    if (p.nodePort) {
      const k = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(k)) errs.push(fe.duplicate(fe.child(path, 'nodePort'), p.nodePort));
      nodePorts.add(k);
    }
    const k = `${p.protocol}/${p.port}`;
    if (portKeys.has(k)) errs.push({ type: 'FieldValueDuplicate', field: path, message: `Duplicate value: ${portKey(p)}` });
    portKeys.add(k);
  });
  errs.push(...validateSourceRanges(svc));
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer') {
    errs.push(fe.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) errs.push(fe.required('allocateLoadBalancerNodePorts', ''));
  errs.push(...validateLoadBalancerClass(spec));
  errs.push(...validateTrafficPolicies(spec));
  errs.push(...validateAgainstCluster(spec, ctx));
  return errs;
}

function validateSourceRanges(svc: ServiceLike): FieldError[] {
  const spec = svc.spec ?? {};
  const errs: FieldError[] = [];
  const onlyLB = "may only be used when `type` is 'LoadBalancer'";
  const annKey = 'service.beta.kubernetes.io/load-balancer-source-ranges';
  if (spec.loadBalancerSourceRanges?.length) {
    const path = 'spec.LoadBalancerSourceRanges';
    if (spec.type !== 'LoadBalancer') errs.push(fe.forbidden(path, onlyLB));
    spec.loadBalancerSourceRanges.forEach((v, i) => errs.push(...validateCIDR(fe.index(path, i), v.trim())));
  } else if (svc.metadata.annotations && annKey in svc.metadata.annotations) {
    const path = fe.index('metadata.annotations', annKey);
    if (spec.type !== 'LoadBalancer') errs.push(fe.forbidden(path, onlyLB));
    const val = svc.metadata.annotations[annKey].trim();
    if (val) for (const c of val.split(',')) errs.push(...validateCIDR(path, c.trim()));
  }
  return errs;
}

function validateLoadBalancerClass(spec: ServiceSpec): FieldError[] {
  if (spec.loadBalancerClass === undefined) return [];
  if (spec.type !== 'LoadBalancer') return [fe.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'")];
  return isQualifiedName(spec.loadBalancerClass).map((m) => fe.invalid('spec.loadBalancerClass', spec.loadBalancerClass, m));
}

function validateTrafficPolicies(spec: ServiceSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy) errs.push(fe.invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) errs.push(fe.required('spec.externalTrafficPolicy', ''));
  else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) errs.push(fe.notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  if (!needsHealthCheck(spec)) {
    if (spec.healthCheckNodePort) errs.push(fe.invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (spec.healthCheckNodePort) {
    errs.push(...isValidPortNum(spec.healthCheckNodePort).map((m) => fe.invalid('spec.healthCheckNodePort', spec.healthCheckNodePort, m)));
  }
  if (spec.internalTrafficPolicy === undefined) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type ?? '')) errs.push(fe.required('spec.internalTrafficPolicy', ''));
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(fe.notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  if (spec.trafficDistribution !== undefined && !TRAFFIC_DISTRIBUTIONS.includes(spec.trafficDistribution)) {
    errs.push(fe.notSupported('spec.trafficDistribution', spec.trafficDistribution, TRAFFIC_DISTRIBUTIONS));
  }
  return errs;
}
