/**
 * Policy compilation for one pod: whether it is isolated for ingress and for egress, and if so the
 * union of what the policies selecting it allow, as flat allow entries (peer addresses × protocol
 * and ports). Kubernetes' semantics: a pod selected by any policy with Ingress (Egress) among its
 * types accepts (sends) only what some such policy's rules allow; a rule allows traffic matching
 * any of its peers AND any of its ports, an empty peer or port list meaning all; ipBlocks match by
 * address (pod addresses included), minus their except ranges; named ports resolve on the
 * destination pod — the selected pod for ingress, each peer pod for egress.
 */
import type { Pod } from '../../api/types/core/pod/index.js';
import type { NetworkPolicyPeer, NetworkPolicyPort } from '../../api/types/networking/index.js';
import type { ClusterSnapshot } from './cluster-snapshot.js';
import { policyTypesOf } from './cluster-snapshot.js';
import { cidrContainsIp, formatCidr4, parseCidr4, parseIPv4, subtractCidrs, type Cidr4 } from './ipv4.js';
import { podIPv4s, resolveNamedPort, type Protocol } from './pod-facts.js';

export type Direction = 'ingress' | 'egress';

/** One kind of allowed traffic. */
export interface AllowEntry {
  /** The peer's addresses (the source for ingress, the destination for egress); absent: any. */
  cidr?: string;
  /** Absent: every protocol and port. */
  protocol?: Protocol;
  /** Absent (with a protocol): every port of it. */
  port?: number;
  /** The last port of a range starting at port. */
  endPort?: number;
}

/** A pod's policy: absent directions are not isolated; an empty list allows nothing. */
export interface PodRules { ingress?: AllowEntry[]; egress?: AllowEntry[] }

const PROTOCOLS: readonly string[] = ['TCP', 'UDP', 'SCTP'];

/** A peer resolved to addresses; pod set when the addresses are that pod's. */
interface Target { cidr: Cidr4; pod?: Pod }

function ipBlockTargets(peer: NetworkPolicyPeer): Target[] {
  const block = parseCidr4(peer.ipBlock?.cidr ?? '');
  if (!block || !(peer.ipBlock?.cidr ?? '').includes('/')) return [];
  const except: Cidr4[] = [];
  for (const e of peer.ipBlock?.except ?? []) {
    const c = parseCidr4(e);
    if (c) except.push(c);
  }
  return subtractCidrs(block, except).map((cidr) => ({ cidr }));
}

function peerTargets(snap: ClusterSnapshot, peer: NetworkPolicyPeer, policyNamespace: string): Target[] {
  if (peer.ipBlock) return ipBlockTargets(peer);
  const out: Target[] = [];
  for (const pod of snap.peerPods(peer, policyNamespace)) {
    for (const ip of podIPv4s(pod)) out.push({ cidr: { base: parseIPv4(ip) as number, prefix: 32 }, pod });
  }
  return out;
}

function podsInside(snap: ClusterSnapshot, cidr: Cidr4 | undefined): Array<{ pod: Pod; ip: string }> {
  const out: Array<{ pod: Pod; ip: string }> = [];
  for (const pod of snap.pods) {
    for (const ip of podIPv4s(pod)) if (!cidr || cidrContainsIp(cidr, parseIPv4(ip) as number)) out.push({ pod, ip });
  }
  return out;
}

function compileRule(
  snap: ClusterSnapshot, dir: Direction, pod: Pod, policyNamespace: string,
  peers: NetworkPolicyPeer[] | undefined, ports: NetworkPolicyPort[] | undefined,
): AllowEntry[] {
  // undefined stands for "any address".
  const targets: Array<Target | undefined> = (peers ?? []).length === 0
    ? [undefined]
    : (peers ?? []).flatMap((p) => peerTargets(snap, p, policyNamespace));
  const out: AllowEntry[] = [];
  for (const t of targets) {
    const cidr = t ? formatCidr4(t.cidr) : undefined;
    const base: AllowEntry = cidr === undefined ? {} : { cidr };
    if ((ports ?? []).length === 0) {
      out.push(base);
      continue;
    }
    for (const p of ports ?? []) {
      const protocol = (p.protocol ?? 'TCP') as Protocol;
      if (!PROTOCOLS.includes(protocol)) continue;
      if (p.port === undefined) {
        out.push({ ...base, protocol });
      } else if (typeof p.port === 'number') {
        const range = p.endPort !== undefined && p.endPort > p.port ? { endPort: p.endPort } : {};
        out.push({ ...base, protocol, port: p.port, ...range });
      } else if (dir === 'ingress') {
        const n = resolveNamedPort(pod, p.port, protocol);
        if (n !== undefined) out.push({ ...base, protocol, port: n });
      } else if (t?.pod) {
        const n = resolveNamedPort(t.pod, p.port, protocol);
        if (n !== undefined) out.push({ ...base, protocol, port: n });
      } else {
        // An address range (or anywhere) with a named port: the pods inside it that name the port.
        for (const q of podsInside(snap, t?.cidr)) {
          const n = resolveNamedPort(q.pod, p.port, protocol);
          if (n !== undefined) out.push({ cidr: `${q.ip}/32`, protocol, port: n });
        }
      }
    }
  }
  return out;
}

const entryKey = (e: AllowEntry): string => `${e.cidr ?? ''}|${e.protocol ?? ''}|${e.port ?? ''}|${e.endPort ?? ''}`;

function compileDirection(snap: ClusterSnapshot, pod: Pod, dir: Direction): AllowEntry[] | undefined {
  const policies = snap.policiesSelecting(pod).filter((np) => policyTypesOf(np)[dir]);
  if (policies.length === 0) return undefined;
  const seen = new Set<string>();
  const out: AllowEntry[] = [];
  for (const np of policies) {
    const ns = np.metadata.namespace ?? '';
    const rules = dir === 'ingress'
      ? (np.spec?.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports }))
      : (np.spec?.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    for (const r of rules) {
      for (const e of compileRule(snap, dir, pod, ns, r.peers, r.ports)) {
        const k = entryKey(e);
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(e);
      }
    }
  }
  return out;
}

/** What the policies selecting `pod` allow it to receive and send. */
export function compilePodRules(snap: ClusterSnapshot, pod: Pod): PodRules {
  const out: PodRules = {};
  const ingress = compileDirection(snap, pod, 'ingress');
  const egress = compileDirection(snap, pod, 'egress');
  if (ingress) out.ingress = ingress;
  if (egress) out.egress = egress;
  return out;
}
