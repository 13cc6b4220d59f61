/**
 * The rule builder: the proxy's model of services and endpoints → the nat and filter chains that
 * implement them, after kube-proxy's iptables mode (pure; no I/O).
 *
 * nat: NAVARCH-SERVICES (from PREROUTING and OUTPUT) sends each ClusterIP, external IP and load
 * balancer IP to the port's chain and ends with NAVARCH-NODEPORTS for local destinations. A port's
 * SVC chain picks one endpoint of all (SVL: of this node's) with `statistic --mode random`,
 * after `recent` checks when the Service has ClientIP affinity; each SEP chain DNATs to one endpoint,
 * marking hairpin traffic (a pod reaching itself) for masquerade. The EXT chain takes external
 * traffic: masqueraded under the Cluster policy; under Local it keeps the client's address and goes
 * to this node's endpoints, except traffic from pods and from the node itself, which goes anywhere.
 * NAVARCH-POSTROUTING masquerades what NAVARCH-MARK-MASQ marked.
 * filter: a port without endpoints is REJECTed (DROPped when only this node lacks them under a Local
 * policy), load balancer source ranges DROP the rest, marked forwarded traffic is accepted, and
 * anything still addressed to the service CIDR after nat (no such service port) is REJECTed.
 */
import { CHAIN, endpointChain, portChain } from './chain-names.js';
import { categorizeEndpoints, externallyAccessible } from './endpoints.js';
import { cidrContains, parseCidr4 } from './ipv4.js';
import { buildModel, servicePortName } from './service-model.js';
import type { EndpointSlice, ProxyEndpoint, Service, ServicePortInfo } from './types.js';

/** One table's chains: name → rule lines ("-A NAME …"), in the order they are written. */
export type TableRules = Map<string, string[]>;

export interface ProxyRules { nat: TableRules; filter: TableRules }

export interface RuleOptions {
  nodeName: string;
  /** This node's addresses (a load balancer source range holding one lets the node reach the LB IP). */
  nodeIPs: string[];
  clusterCIDR: string;
  serviceCIDR: string;
  /** NodePorts on 127.0.0.1 too (needs route_localnet; the applier sets it). Default true, as kube-proxy. */
  localhostNodePorts?: boolean;
  /** The mark bit for masquerading (default 0x4000, kube-proxy's; portmap uses 0x2000). */
  masqueradeMark?: number;
  /**
   * Leave the comments off the per-endpoint rules, which makes large rule sets much quicker to
   * load. Default: when there are more than 1,000 endpoints, as kube-proxy does.
   */
  largeCluster?: boolean;
}

/** Above this many endpoints in all, per-endpoint rules go without comments (kube-proxy's threshold). */
export const LARGE_CLUSTER_ENDPOINTS = 1000;

const q = (comment: string): string => `-m comment --comment "${comment}"`;
const hex = (n: number): string => `0x${n.toString(16)}`;

class Tables {
  readonly nat: TableRules = new Map();
  readonly filter: TableRules = new Map();

  chain(table: TableRules, name: string): void {
    if (!table.has(name)) table.set(name, []);
  }

  add(table: TableRules, chain: string, ...parts: string[]): void {
    let lines = table.get(chain);
    if (!lines) table.set(chain, (lines = []));
    lines.push(`-A ${chain} ${parts.filter(Boolean).join(' ')}`);
  }
}

/** "-p tcp -m tcp --dport N": how every port match is written. */
const portMatch = (p: ServicePortInfo, port: number): string => {
  const proto = p.protocol.toLowerCase();
  return `-p ${proto} -m ${proto} --dport ${port}`;
};

function probability(n: number): string {
  return (1 / n).toFixed(10);
}

function endpointRules(t: Tables, chain: string, spn: string, p: ServicePortInfo, eps: ProxyEndpoint[], large: boolean): void {
  t.chain(t.nat, chain);
  const sep = (e: ProxyEndpoint): string => endpointChain(spn, p.protocol, `${e.ip}:${e.port}`);
  const comment = (e: ProxyEndpoint): string => (large ? '' : q(`${spn} -> ${e.ip}:${e.port}`));
  if (p.affinitySeconds !== undefined) {
    for (const e of eps) {
      t.add(t.nat, chain, comment(e), `-m recent --name ${sep(e)} --rcheck --seconds ${p.affinitySeconds} --reap`, `-j ${sep(e)}`);
    }
  }
  eps.forEach((e, i) => {
    const random = i < eps.length - 1 ? `-m statistic --mode random --probability ${probability(eps.length - i)}` : '';
    t.add(t.nat, chain, comment(e), random, `-j ${sep(e)}`);
  });
}

function portRules(t: Tables, p: ServicePortInfo, o: Required<RuleOptions>, nodeInRange: (ranges: string[]) => boolean): void {
  const large = o.largeCluster;
  const spn = servicePortName(p);
  const { cluster, local, reachable } = categorizeEndpoints(p, o.nodeName);
  const svc = portChain('SVC', spn, p.protocol);
  const svl = portChain('SVL', spn, p.protocol);
  const ext = portChain('EXT', spn, p.protocol);
  const fw = portChain('FW', spn, p.protocol);
  const hasEndpoints = reachable.length > 0;
  const internalChain = p.internalPolicyLocal ? svl : svc;
  const hasInternal = hasEndpoints && (!p.internalPolicyLocal || local.length > 0);
  const externalPolicyChain = p.externalPolicyLocal ? svl : svc;
  const hasExternal = hasEndpoints && (!p.externalPolicyLocal || local.length > 0);
  const usesExt = hasEndpoints && externallyAccessible(p);
  const usesFw = hasEndpoints && p.loadBalancerIPs.length > 0 && p.loadBalancerSourceRanges.length > 0;
  const noEndpoints = hasEndpoints ? `${spn} has no local endpoints` : `${spn} has no endpoints`;
  const filterTarget = hasEndpoints ? 'DROP' : 'REJECT';
  const clusterIPMatch = `-d ${p.clusterIP}/32 ${portMatch(p, p.port)}`;

  // Where traffic is captured.
  if (hasInternal) t.add(t.nat, CHAIN.services, clusterIPMatch, q(`${spn} cluster IP`), `-j ${internalChain}`);
  else t.add(t.filter, CHAIN.services, clusterIPMatch, q(noEndpoints), `-j ${filterTarget}`);
  for (const ip of p.externalIPs) {
    const match = `-d ${ip}/32 ${portMatch(p, p.port)}`;
    if (hasEndpoints) t.add(t.nat, CHAIN.services, match, q(`${spn} external IP`), `-j ${ext}`);
    if (!hasExternal) t.add(t.filter, CHAIN.externalServices, match, q(noEndpoints), `-j ${filterTarget}`);
  }
  for (const ip of p.loadBalancerIPs) {
    const match = `-d ${ip}/32 ${portMatch(p, p.port)}`;
    if (hasEndpoints) t.add(t.nat, CHAIN.services, match, q(`${spn} load balancer IP`), `-j ${usesFw ? fw : ext}`);
    if (usesFw) t.add(t.filter, CHAIN.firewall, match, q(`${spn} traffic not accepted by ${fw}`), '-j DROP');
    if (!hasExternal) t.add(t.filter, CHAIN.externalServices, match, q(noEndpoints), `-j ${filterTarget}`);
  }
  if (p.nodePort) {
    if (hasEndpoints) t.add(t.nat, CHAIN.nodePorts, portMatch(p, p.nodePort), q(spn), `-j ${ext}`);
    if (!hasExternal) {
      t.add(t.filter, CHAIN.externalServices, '-m addrtype --dst-type LOCAL', portMatch(p, p.nodePort), q(noEndpoints), `-j ${filterTarget}`);
    }
  }

  // Traffic to the cluster IP from outside the cluster CIDR is masqueraded, so replies come back
  // through this node. (The node's own traffic leaves by the bridge with its bridge address.)
  if (hasInternal) t.add(t.nat, internalChain, clusterIPMatch, `! -s ${o.clusterCIDR}`, q(`${spn} cluster IP`), `-j ${CHAIN.markMasq}`);

  if (usesExt) {
    t.chain(t.nat, ext);
    if (!p.externalPolicyLocal) {
      t.add(t.nat, ext, q(`masquerade traffic for ${spn} external destinations`), `-j ${CHAIN.markMasq}`);
    } else {
      t.add(t.nat, ext, `-s ${o.clusterCIDR}`, q(`pod traffic for ${spn} external destinations`), `-j ${svc}`);
      t.add(t.nat, ext, '-m addrtype --src-type LOCAL', q(`masquerade LOCAL traffic for ${spn} external destinations`), `-j ${CHAIN.markMasq}`);
      t.add(t.nat, ext, '-m addrtype --src-type LOCAL', q(`route LOCAL traffic for ${spn} external destinations`), `-j ${svc}`);
    }
    if (hasExternal) t.add(t.nat, ext, `-j ${externalPolicyChain}`);
  }

  if (usesFw) {
    t.chain(t.nat, fw);
    for (const range of p.loadBalancerSourceRanges) t.add(t.nat, fw, `-s ${range}`, q(`${spn} load balancer IP`), `-j ${ext}`);
    // The node reaching its own LB IP comes from that IP: let it in when a range holds the node.
    if (nodeInRange(p.loadBalancerSourceRanges)) {
      for (const ip of p.loadBalancerIPs) t.add(t.nat, fw, `-s ${ip}/32`, q(`${spn} load balancer IP`), `-j ${ext}`);
    }
  }

  if (cluster.length > 0) endpointRules(t, svc, spn, p, cluster, large);
  if (local.length > 0) endpointRules(t, svl, spn, p, local, large);

  for (const e of reachable) {
    const sep = endpointChain(spn, p.protocol, `${e.ip}:${e.port}`);
    t.chain(t.nat, sep);
    const comment = large ? '' : q(spn);
    t.add(t.nat, sep, `-s ${e.ip}/32`, comment, `-j ${CHAIN.markMasq}`);
    const proto = p.protocol.toLowerCase();
    const recent = p.affinitySeconds !== undefined ? `-m recent --name ${sep} --set` : '';
    t.add(t.nat, sep, `-p ${proto}`, recent, `-m ${proto}`, comment, `-j DNAT --to-destination ${e.ip}:${e.port}`);
  }
}

/** The rules for a model (see buildProxyRules for API objects). */
export function buildRules(ports: readonly ServicePortInfo[], opts: RuleOptions): ProxyRules {
  const endpoints = ports.reduce((n, p) => n + p.endpoints.length, 0);
  const o: Required<RuleOptions> = { localhostNodePorts: true, masqueradeMark: 0x4000, largeCluster: endpoints > LARGE_CLUSTER_ENDPOINTS, ...opts };
  const mark = hex(o.masqueradeMark);
  const t = new Tables();
  for (const c of [CHAIN.services, CHAIN.nodePorts, CHAIN.postrouting, CHAIN.markMasq]) t.chain(t.nat, c);
  for (const c of [CHAIN.services, CHAIN.externalServices, CHAIN.forward, CHAIN.firewall, CHAIN.localnet]) t.chain(t.filter, c);

  t.add(t.nat, CHAIN.postrouting, `-m mark ! --mark ${mark}/${mark}`, '-j RETURN');
  // Clear the mark so a packet that goes round again is not masqueraded twice.
  t.add(t.nat, CHAIN.postrouting, `-j MARK --xor-mark ${mark}`);
  t.add(t.nat, CHAIN.postrouting, q('navarch service traffic requiring SNAT'), '-j MASQUERADE --random-fully');
  t.add(t.nat, CHAIN.markMasq, `-j MARK --or-mark ${mark}`);

  const nodeRanges = o.nodeIPs;
  const nodeInRange = (ranges: string[]): boolean => ranges.some((r) => {
    try {
      const c = parseCidr4(r);
      return nodeRanges.some((ip) => cidrContains(c, ip));
    } catch {
      return false;
    }
  });
  for (const p of ports) portRules(t, p, o, nodeInRange);

  const localOnly = o.localhostNodePorts ? '' : '! -d 127.0.0.0/8';
  t.add(t.nat, CHAIN.services, '-m addrtype --dst-type LOCAL', localOnly, q('navarch service nodeports; this must be the last rule of the chain'), `-j ${CHAIN.nodePorts}`);

  // Addresses this host holds itself (the cluster DNS address every node serves) are not refused.
  t.add(t.filter, CHAIN.services, `-d ${parseCidr4(o.serviceCIDR).text}`, '-m addrtype ! --dst-type LOCAL', q('navarch: no service on this address and port'), '-j REJECT');
  t.add(t.filter, CHAIN.forward, `-m mark --mark ${mark}/${mark}`, q('navarch forwarding rules'), '-j ACCEPT');
  t.add(t.filter, CHAIN.forward, '-m conntrack --ctstate RELATED,ESTABLISHED', q('navarch forwarding conntrack rule'), '-j ACCEPT');
  if (o.localhostNodePorts) {
    t.add(t.filter, CHAIN.localnet, '-d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT',
      q('block incoming localnet connections'), '-j DROP');
  }
  return { nat: t.nat, filter: t.filter };
}

/** (Services, EndpointSlices, node name, node IPs, options) → the proxy's nat and filter chains. */
export function buildProxyRules(services: Iterable<Service>, slices: Iterable<EndpointSlice>, opts: RuleOptions): ProxyRules {
  return buildRules(buildModel(services, slices), opts);
}
