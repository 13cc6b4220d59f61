/**
 * From API objects to the proxy's model: each port of each proxied Service with its endpoints,
 * gathered from the Service's EndpointSlices (matched by port name and protocol, so named target
 * ports arrive already resolved). Headless and ExternalName Services, Services that name another
 * proxy, and IPv6 addresses get nothing: this proxy programs IPv4 only.
 */
import { isIPv4, parseCidr4, parseIPv4 } from './ipv4.js';
import {
  DEFAULT_AFFINITY_SECONDS, HEADLESS_LABEL, SERVICE_NAME_LABEL, SERVICE_PROXY_NAME_LABEL,
  type EndpointSlice, type Protocol, type ProxyEndpoint, type Service, type ServicePortInfo,
} from './types.js';

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** "namespace/name:port", or "namespace/name" for an unnamed port (kube-proxy's service port name). */
export function servicePortName(p: Pick<ServicePortInfo, 'namespace' | 'name' | 'portName'>): string {
  return `${p.namespace}/${p.name}${p.portName ? `:${p.portName}` : ''}`;
}

/** The IPv4 cluster IP the proxy serves the Service on, or undefined (headless, ExternalName, IPv6 only). */
export function proxiedClusterIP(svc: Service): string | undefined {
  const spec = svc.spec;
  if (!spec || spec.type === 'ExternalName') return undefined;
  if (svc.metadata.labels?.[SERVICE_PROXY_NAME_LABEL]) return undefined;
  const ips = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return ips.find((ip) => ip !== 'None' && isIPv4(ip));
}

/** The endpoints of one service port across the Service's slices, deduplicated by address and port, sorted. */
export function endpointsFor(slices: readonly EndpointSlice[], portName: string, protocol: Protocol): ProxyEndpoint[] {
  const byKey = new Map<string, ProxyEndpoint>();
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    if (slice.metadata.labels?.[HEADLESS_LABEL] !== undefined) continue;
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (!port?.port) continue;
    for (const ep of slice.endpoints ?? []) {
      const ip = ep.addresses?.[0];
      if (!ip || !isIPv4(ip)) continue;
      const c = ep.conditions ?? {};
      const ready = c.ready ?? true;
      const e: ProxyEndpoint = {
        ip, port: port.port, nodeName: ep.nodeName, ready, serving: c.serving ?? ready, terminating: c.terminating ?? false,
      };
      const key = `${ip}:${port.port}`;
      const seen = byKey.get(key);
      // The same address in two slices (during a move between slices): keep the readier view.
      if (!seen || (!seen.ready && e.ready)) byKey.set(key, e);
    }
  }
  return [...byKey.values()].sort(compareEndpoints);
}

function compareEndpoints(a: ProxyEndpoint, b: ProxyEndpoint): number {
  return ((parseIPv4(a.ip) ?? 0) - (parseIPv4(b.ip) ?? 0)) || a.port - b.port;
}

/** The model of one Service: one entry per port (none for a Service the proxy does not serve). */
export function servicePorts(svc: Service, slices: readonly EndpointSlice[]): ServicePortInfo[] {
  const clusterIP = proxiedClusterIP(svc);
  const spec = svc.spec;
  if (!clusterIP || !spec) return [];
  const namespace = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name ?? '';
  const externalIPs = [...new Set((spec.externalIPs ?? []).filter(isIPv4))];
  const loadBalancerIPs = spec.type === 'LoadBalancer'
    ? [...new Set((svc.status?.loadBalancer?.ingress ?? []).filter((i) => i.ip && isIPv4(i.ip) && i.ipMode !== 'Proxy').map((i) => i.ip as string))]
    : [];
  const affinitySeconds = spec.sessionAffinity === 'ClientIP'
    ? spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS
    : undefined;
  const out: ServicePortInfo[] = [];
  for (const p of spec.ports ?? []) {
    const protocol = (p.protocol ?? 'TCP') as Protocol;
    if (!PROTOCOLS.includes(protocol) || !p.port) continue;
    const nodePort = (spec.type === 'NodePort' || spec.type === 'LoadBalancer') ? p.nodePort ?? 0 : 0;
    const externallyAccessible = nodePort !== 0 || externalIPs.length > 0 || loadBalancerIPs.length > 0;
    out.push({
      namespace, name, portName: p.name ?? '', protocol, clusterIP, port: p.port, nodePort,
      externalIPs, loadBalancerIPs,
      loadBalancerSourceRanges: loadBalancerIPs.length ? sourceRanges(spec.loadBalancerSourceRanges) : [],
      affinitySeconds,
      internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
      externalPolicyLocal: externallyAccessible && spec.externalTrafficPolicy === 'Local',
      endpoints: endpointsFor(slices, p.name ?? '', protocol),
    });
  }
  return out;
}

/** The valid IPv4 ranges, in canonical form (one bad entry must not break every rule). */
function sourceRanges(ranges: string[] | undefined): string[] {
  const out: string[] = [];
  for (const r of ranges ?? []) {
    if (r.includes(':')) continue;
    try {
      out.push(parseCidr4(r.trim()).text);
    } catch {
      // Ignored, as kube-proxy does.
    }
  }
  return [...new Set(out)];
}

/** Groups slices by the "namespace/name" of the Service they belong to. */
export function slicesByService(slices: Iterable<EndpointSlice>): Map<string, EndpointSlice[]> {
  const out = new Map<string, EndpointSlice[]>();
  for (const s of slices) {
    const svc = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (!svc) continue;
    const key = `${s.metadata.namespace ?? 'default'}/${svc}`;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(s);
  }
  return out;
}

/** The whole model, ordered by namespace, name and port name so the rules come out the same every time. */
export function buildModel(services: Iterable<Service>, slices: Iterable<EndpointSlice>): ServicePortInfo[] {
  const grouped = slicesByService(slices);
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    out.push(...servicePorts(svc, grouped.get(`${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`) ?? []));
  }
  return out.sort((a, b) => compareStrings(servicePortName(a), servicePortName(b)) || compareStrings(a.protocol, b.protocol));
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
