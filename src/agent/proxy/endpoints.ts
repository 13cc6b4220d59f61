/**
 * Which endpoints serve which traffic, after kube-proxy's rules: "cluster" endpoints are the ready
 * ones anywhere (or, when none is ready, those still serving while terminating); "local" endpoints
 * are the ready ones on this node (with the same fallback among this node's). A port uses cluster
 * endpoints unless its internal policy is Local and it takes no external traffic (external Local
 * traffic from pods and from the node itself still goes to any endpoint); it uses local endpoints
 * when either policy is Local.
 */
import type { ProxyEndpoint, ServicePortInfo } from './types.js';

export interface CategorizedEndpoints {
  cluster: ProxyEndpoint[];
  local: ProxyEndpoint[];
  /** Every endpoint some rule of this port leads to (cluster ∪ local), in model order. */
  reachable: ProxyEndpoint[];
}

export function externallyAccessible(p: ServicePortInfo): boolean {
  return p.nodePort !== 0 || p.externalIPs.length > 0 || p.loadBalancerIPs.length > 0;
}

export function usesClusterEndpoints(p: ServicePortInfo): boolean {
  return !p.internalPolicyLocal || externallyAccessible(p);
}

export function usesLocalEndpoints(p: ServicePortInfo): boolean {
  return p.internalPolicyLocal || p.externalPolicyLocal;
}

/** Ready endpoints among `eps`, or if none is ready, the serving-and-terminating ones. */
function usable(eps: ProxyEndpoint[]): ProxyEndpoint[] {
  const ready = eps.filter((e) => e.ready);
  return ready.length ? ready : eps.filter((e) => e.serving && e.terminating);
}

export function categorizeEndpoints(p: ServicePortInfo, nodeName: string): CategorizedEndpoints {
  const cluster = usesClusterEndpoints(p) ? usable(p.endpoints) : [];
  const local = usesLocalEndpoints(p) ? usable(p.endpoints.filter((e) => e.nodeName === nodeName)) : [];
  const inEither = new Set([...cluster, ...local]);
  return { cluster, local, reachable: p.endpoints.filter((e) => inEither.has(e)) };
}
