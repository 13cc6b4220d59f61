/**
 * The load balancer addresses of a LoadBalancer Service, as k3s's ServiceLB gives them: the
 * addresses of the nodes that would run its svclb pod (here there is no DaemonSet: the service
 * proxy serves the port on every node, for the LB IPs too). A node qualifies when it is Ready, its
 * taints are ones that pod tolerates, and it is in the ServiceLB node selection (enablelb/lbpool
 * labels); under externalTrafficPolicy Local only nodes with a ready endpoint pod qualify. The
 * nodes' ExternalIPs are used if any node has one, their InternalIPs otherwise, per IP family of the
 * Service, each family sorted.
 */
import { ENABLE_LB_LABEL, LB_POOL_LABEL, type EndpointSlice, type Node, type Service, type Taint } from './objects.js';

/** Services Kubernetes' service controller (and so ServiceLB) handles: LoadBalancer without a class. */
export function wantsLoadBalancer(svc: Service): boolean {
  return svc.spec?.type === 'LoadBalancer' && !svc.spec.loadBalancerClass;
}

export function nodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Taints the svclb pod tolerates: its own tolerations and those every DaemonSet pod gets. */
const TOLERATED: Array<{ key: string; effect?: string }> = [
  { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
  { key: 'CriticalAddonsOnly' },
  { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
];

function tolerated(t: Taint): boolean {
  if (t.effect === 'PreferNoSchedule') return true;
  return TOLERATED.some((x) => x.key === t.key && (x.effect === undefined || x.effect === t.effect));
}

/** The nodes whose addresses a Service's load balancer gets. */
export function lbNodes(svc: Service, nodes: readonly Node[], slices: readonly EndpointSlice[]): Node[] {
  const selective = nodes.some((n) => n.metadata.labels?.[ENABLE_LB_LABEL] !== undefined);
  const pool = svc.metadata.labels?.[LB_POOL_LABEL];
  let readyEndpointNodes: Set<string> | undefined;
  if (svc.spec?.externalTrafficPolicy === 'Local') {
    readyEndpointNodes = new Set();
    for (const s of slices) {
      for (const e of s.endpoints ?? []) {
        if (e.targetRef?.kind === 'Pod' && e.conditions?.ready === true && e.nodeName) readyEndpointNodes.add(e.nodeName);
      }
    }
  }
  return nodes.filter((n) => {
    const labels = n.metadata.labels ?? {};
    if (selective && (labels[ENABLE_LB_LABEL] !== 'true' || (pool && labels[LB_POOL_LABEL] !== pool))) return false;
    if (!nodeReady(n) || !(n.spec?.taints ?? []).every(tolerated)) return false;
    return !readyEndpointNodes || readyEndpointNodes.has(n.metadata.name ?? '');
  });
}

const isIPv6 = (ip: string): boolean => ip.includes(':');
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The ingress IPs for a Service (its EndpointSlices are needed for the Local policy only). */
export function loadBalancerIPs(svc: Service, nodes: readonly Node[], slices: readonly EndpointSlice[]): string[] {
  const external = new Set<string>();
  const internal = new Set<string>();
  for (const n of lbNodes(svc, nodes, slices)) {
    for (const a of n.status?.addresses ?? []) {
      if (a.type === 'ExternalIP') external.add(a.address);
      else if (a.type === 'InternalIP') internal.add(a.address);
    }
  }
  const ips = [...(external.size ? external : internal)];
  const families = svc.spec?.ipFamilies?.length ? svc.spec.ipFamilies : ['IPv4'];
  const out: string[] = [];
  for (const f of families) {
    if (f === 'IPv4') out.push(...ips.filter((ip) => !isIPv6(ip)).sort(compare));
    if (f === 'IPv6') out.push(...ips.filter(isIPv6).sort(compare));
  }
  return out;
}

/** Whether the Service's status already lists exactly these IPs (hostnames and order count). */
export function sameIngress(svc: Service, ips: readonly string[]): boolean {
  const cur = svc.status?.loadBalancer?.ingress ?? [];
  return cur.length === ips.length && cur.every((i, k) => i.ip === ips[k] && !i.hostname);
}

/** Go's %v of a string slice: "[a b]". */
export function goList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}
