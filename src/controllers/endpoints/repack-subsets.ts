/**
 * The canonical layout of Endpoints subsets (Kubernetes' RepackSubsets): every address is filed
 * under each port it serves (not ready wins over ready for the same address and port), ports that
 * share exactly the same addresses are grouped into one subset, and addresses, ports and subsets are
 * sorted, so that equal endpoints always compare equal. Addresses are told apart by IP and target uid.
 */
import { compareIPs } from './ip-order.js';
import { canonicalJSON } from './semantic-equal.js';
import type { EndpointAddress, EndpointPort, EndpointSubset } from './types.js';

interface PortGroup { port?: EndpointPort; addrs: Map<string, { addr: EndpointAddress; ready: boolean }> }

function addressKey(a: EndpointAddress): string {
  return `${a.ip}|${a.targetRef?.uid ?? ''}`;
}

export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  return compareIPs(a.ip, b.ip) || ((a.targetRef?.uid ?? '') < (b.targetRef?.uid ?? '') ? -1 : (a.targetRef?.uid ?? '') > (b.targetRef?.uid ?? '') ? 1 : 0);
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  const an = a.name ?? '';
  const bn = b.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  if (a.port !== b.port) return a.port - b.port;
  const ap = canonicalJSON(a);
  const bp = canonicalJSON(b);
  return ap < bp ? -1 : ap > bp ? 1 : 0;
}

export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const byPort = new Map<string, PortGroup>();
  const file = (port: EndpointPort | undefined, addr: EndpointAddress, ready: boolean): void => {
    const pk = port ? canonicalJSON(port) : '';
    let g = byPort.get(pk);
    if (!g) byPort.set(pk, (g = { port, addrs: new Map() }));
    const ak = addressKey(addr);
    const had = g.addrs.get(ak);
    if (!had || had.ready) g.addrs.set(ak, { addr: had?.addr ?? addr, ready });
  };
  for (const ss of subsets) {
    const ports: Array<EndpointPort | undefined> = ss.ports?.length ? ss.ports : [undefined];
    for (const port of ports) {
      for (const a of ss.addresses ?? []) file(port, a, true);
      for (const a of ss.notReadyAddresses ?? []) file(port, a, false);
    }
  }
  // Group the ports by the exact set of addresses (with readiness) they share.
  const groups = new Map<string, { ports: EndpointPort[]; addrs: PortGroup['addrs'] }>();
  for (const g of byPort.values()) {
    const hash = [...g.addrs.entries()].map(([k, v]) => `${k}|${v.ready}`).sort().join(',');
    let grp = groups.get(hash);
    if (!grp) groups.set(hash, (grp = { ports: [], addrs: g.addrs }));
    if (g.port) grp.ports.push(g.port);
  }
  const out: EndpointSubset[] = [];
  for (const grp of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const { addr, ready: r } of grp.addrs.values()) (r ? ready : notReady).push(addr);
    const ss: EndpointSubset = {};
    if (ready.length) ss.addresses = ready.sort(compareAddresses);
    if (notReady.length) ss.notReadyAddresses = notReady.sort(compareAddresses);
    if (grp.ports.length) ss.ports = grp.ports.sort(comparePorts);
    out.push(ss);
  }
  return out.sort((a, b) => compareSubsets(a, b));
}

function firstAddress(ss: EndpointSubset): EndpointAddress | undefined {
  return ss.addresses?.[0] ?? ss.notReadyAddresses?.[0];
}

function compareSubsets(a: EndpointSubset, b: EndpointSubset): number {
  const pa = (a.ports ?? []).map((p) => canonicalJSON(p)).join(',');
  const pb = (b.ports ?? []).map((p) => canonicalJSON(p)).join(',');
  if (pa !== pb) return pa < pb ? -1 : 1;
  const fa = firstAddress(a);
  const fb = firstAddress(b);
  if (fa && fb) return compareAddresses(fa, fb);
  return 0;
}
