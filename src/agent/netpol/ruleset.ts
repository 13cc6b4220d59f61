/**
 * The iptables rules (filter table) that enforce the policies of this node's pods, in the exact
 * form iptables-save prints them, so the live tables can be compared with what is wanted.
 *
 * FORWARD's first rule jumps to NAVARCH-NP-FORWARD, which lets replies of tracked connections
 * through and otherwise sends traffic from an egress-isolated local pod to NAVARCH-NP-E-<pod ip>
 * and then traffic to an ingress-isolated local pod to NAVARCH-NP-I-<pod ip>. Those chains RETURN
 * what is allowed (the pod itself, the node's own addresses for ingress, each allow entry) and DROP
 * the rest; nothing here ACCEPTs, so allowed traffic goes on to the rest of FORWARD (the pod
 * network's own accept rules).
 */
import type { AllowEntry, Direction, PodRules } from './compile.js';
import { parseIPv4 } from './ipv4.js';

export const DISPATCH_CHAIN = 'NAVARCH-NP-FORWARD';
export const JUMP_COMMENT = 'navarch network policy';
/** The rule in FORWARD (without "-A FORWARD"), as iptables-save prints it. */
export const JUMP_RULE = `-m comment --comment "${JUMP_COMMENT}" -j ${DISPATCH_CHAIN}`;

const POD_CHAIN = /^NAVARCH-NP-[IE]-\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

export function podChain(dir: Direction, ip: string): string {
  return `NAVARCH-NP-${dir === 'ingress' ? 'I' : 'E'}-${ip}`;
}

/** Whether a filter-table chain is one this module owns. */
export function isOwnChain(name: string): boolean {
  return name === DISPATCH_CHAIN || POD_CHAIN.test(name);
}

/** A policed pod of this node: one of its IPv4 addresses and what its policies allow. */
export interface LocalPod { ip: string; ref: string; rules: PodRules }

/** Chain name → its rules (each without the leading "-A <chain>"), dispatch chain first. */
export type Ruleset = Map<string, string[]>;

function portMatch(e: AllowEntry): string[] {
  if (!e.protocol) return [];
  const p = e.protocol.toLowerCase();
  if (e.port === undefined) return ['-p', p];
  const ports = e.endPort !== undefined && e.endPort > e.port ? `${e.port}:${e.endPort}` : String(e.port);
  return ['-p', p, '-m', p, '--dport', ports];
}

function entryRule(dir: Direction, e: AllowEntry): string {
  const flag = dir === 'ingress' ? '-s' : '-d';
  const addr = e.cidr === undefined || e.cidr.endsWith('/0') ? [] : [flag, e.cidr];
  return [...addr, ...portMatch(e), '-j', 'RETURN'].join(' ');
}

function podChainRules(dir: Direction, pod: LocalPod, entries: AllowEntry[], nodeIPs: string[]): string[] {
  const flag = dir === 'ingress' ? '-s' : '-d';
  const rules = [`${flag} ${pod.ip}/32 -j RETURN`];
  if (dir === 'ingress') for (const ip of nodeIPs) rules.push(`-s ${ip}/32 -j RETURN`);
  for (const e of entries) {
    const r = entryRule(dir, e);
    if (!rules.includes(r)) rules.push(r);
  }
  rules.push(`-m comment --comment "navarch network policy: deny ${dir} ${dir === 'ingress' ? 'to' : 'from'} ${pod.ref}" -j DROP`);
  return rules;
}

/**
 * The wanted chains for this node's policed pods. nodeIPs are the node's own IPv4 addresses
 * (its bridge gateway included), from which pods always accept traffic.
 */
export function buildRuleset(pods: readonly LocalPod[], nodeIPs: readonly string[]): Ruleset {
  const node = [...new Set(nodeIPs.filter((ip) => parseIPv4(ip) !== undefined))];
  const dispatch = ['-m conntrack --ctstate RELATED,ESTABLISHED -j RETURN'];
  const chains: Ruleset = new Map([[DISPATCH_CHAIN, dispatch]]);
  const seen = new Set<string>();
  const policed = pods.filter((p) => !seen.has(p.ip) && seen.add(p.ip) && parseIPv4(p.ip) !== undefined);
  for (const p of policed) {
    if (!p.rules.egress) continue;
    const chain = podChain('egress', p.ip);
    dispatch.push(`-s ${p.ip}/32 -m comment --comment "egress of ${p.ref}" -j ${chain}`);
    chains.set(chain, podChainRules('egress', p, p.rules.egress, node));
  }
  for (const p of policed) {
    if (!p.rules.ingress) continue;
    const chain = podChain('ingress', p.ip);
    dispatch.push(`-d ${p.ip}/32 -m comment --comment "ingress of ${p.ref}" -j ${chain}`);
    chains.set(chain, podChainRules('ingress', p, p.rules.ingress, node));
  }
  return chains;
}
