/**
 * The jumps from the built-in chains into the proxy's chains, each with a comment naming it. They
 * are inserted at the top of their chain once (checked with `iptables -C` first) and removed by
 * uninstall; the proxy's own chains are only ever replaced through iptables-restore.
 */
import { CHAIN } from './chain-names.js';

export type Table = 'nat' | 'filter';

export interface Jump {
  table: Table;
  parent: 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
  chain: string;
  comment: string;
  /** Extra match before the jump (e.g. only new connections). */
  match: string[];
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

/** In the order they should end up in each parent chain. */
export const JUMPS: readonly Jump[] = [
  { table: 'nat', parent: 'PREROUTING', chain: CHAIN.services, comment: 'navarch service portals', match: [] },
  { table: 'nat', parent: 'OUTPUT', chain: CHAIN.services, comment: 'navarch service portals', match: [] },
  { table: 'nat', parent: 'POSTROUTING', chain: CHAIN.postrouting, comment: 'navarch postrouting rules', match: [] },
  { table: 'filter', parent: 'INPUT', chain: CHAIN.firewall, comment: 'navarch load balancer firewall', match: NEW },
  { table: 'filter', parent: 'INPUT', chain: CHAIN.externalServices, comment: 'navarch externally-visible service portals', match: NEW },
  { table: 'filter', parent: 'INPUT', chain: CHAIN.localnet, comment: 'navarch localnet protection', match: [] },
  { table: 'filter', parent: 'FORWARD', chain: CHAIN.firewall, comment: 'navarch load balancer firewall', match: NEW },
  { table: 'filter', parent: 'FORWARD', chain: CHAIN.services, comment: 'navarch service portals', match: NEW },
  { table: 'filter', parent: 'FORWARD', chain: CHAIN.externalServices, comment: 'navarch externally-visible service portals', match: NEW },
  { table: 'filter', parent: 'FORWARD', chain: CHAIN.forward, comment: 'navarch forwarding rules', match: [] },
  { table: 'filter', parent: 'OUTPUT', chain: CHAIN.firewall, comment: 'navarch load balancer firewall', match: NEW },
  { table: 'filter', parent: 'OUTPUT', chain: CHAIN.services, comment: 'navarch service portals', match: NEW },
  { table: 'filter', parent: 'OUTPUT', chain: CHAIN.localnet, comment: 'navarch localnet protection', match: [] },
];

/** The rule's arguments after the chain ("-m comment … -j CHAIN"), as given to iptables -C/-I/-D. */
export function jumpArgs(j: Jump): string[] {
  return [...j.match, '-m', 'comment', '--comment', j.comment, '-j', j.chain];
}
