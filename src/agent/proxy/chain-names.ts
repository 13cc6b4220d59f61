/**
 * The proxy's iptables chain names. The fixed ones are hooked from the built-in chains; the rest are
 * one per service port (SVC: all endpoints, SVL: this node's, EXT: external traffic, FW: load
 * balancer source ranges) and one per endpoint (SEP), named by a hash of the port's identity —
 * "namespace/name:port" and protocol, plus the endpoint for SEP — so a name never depends on
 * ordering and stays put across restarts. Names stay within iptables' 28 characters.
 */
import { createHash } from 'node:crypto';

export const CHAIN = {
  /** nat: service portals (PREROUTING, OUTPUT); filter: REJECT/DROP for internal traffic (FORWARD, OUTPUT). */
  services: 'NAVARCH-SERVICES',
  /** nat: NodePorts, jumped to from the end of NAVARCH-SERVICES for local destinations. */
  nodePorts: 'NAVARCH-NODEPORTS',
  /** nat: masquerades what NAVARCH-MARK-MASQ marked. */
  postrouting: 'NAVARCH-POSTROUTING',
  markMasq: 'NAVARCH-MARK-MASQ',
  /** filter: REJECT/DROP for external traffic without endpoints (INPUT, FORWARD). */
  externalServices: 'NAVARCH-EXTERNAL-SERVICES',
  /** filter: accepts forwarded service traffic even where FORWARD's policy is DROP. */
  forward: 'NAVARCH-PROXY-FORWARD',
  /** filter: load balancer source ranges. */
  firewall: 'NAVARCH-PROXY-FIREWALL',
  /** filter: with localhost NodePorts, blocks outside packets to 127.0.0.0/8. */
  localnet: 'NAVARCH-PROXY-LOCALNET',
} as const;

export const NAT_FIXED_CHAINS = [CHAIN.services, CHAIN.nodePorts, CHAIN.postrouting, CHAIN.markMasq] as const;
export const FILTER_FIXED_CHAINS = [CHAIN.services, CHAIN.externalServices, CHAIN.forward, CHAIN.firewall, CHAIN.localnet] as const;

export type PortChainKind = 'SVC' | 'SVL' | 'EXT' | 'FW';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding) of the bytes. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(acc << (5 - bits)) & 31];
  return out;
}

/** Names are asked for again on every sync: remember them (bounded; cleared when full). */
const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

function hash16(...parts: string[]): string {
  const key = parts.join('\u0000');
  let h = memo.get(key);
  if (h === undefined) {
    h = base32(createHash('sha256').update(key).digest()).slice(0, 16);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, h);
  }
  return h;
}

/** The chain of one kind for a service port ("namespace/name:port" and protocol). */
export function portChain(kind: PortChainKind, servicePortName: string, protocol: string): string {
  return `NAVARCH-${kind}-${hash16(servicePortName, protocol.toLowerCase())}`;
}

/** The chain of one endpoint ("ip:port") of a service port. */
export function endpointChain(servicePortName: string, protocol: string, endpoint: string): string {
  return `NAVARCH-SEP-${hash16(servicePortName, protocol.toLowerCase(), endpoint)}`;
}

const FIXED = new Set<string>([...NAT_FIXED_CHAINS, ...FILTER_FIXED_CHAINS]);
const HASHED = /^NAVARCH-(SVC|SVL|EXT|FW|SEP)-[A-Z2-7]{16}$/;

/** True for the chains this proxy owns (and only those: other parts of navarch use NAVARCH- too). */
export function isProxyChain(name: string): boolean {
  return FIXED.has(name) || HASHED.test(name);
}
