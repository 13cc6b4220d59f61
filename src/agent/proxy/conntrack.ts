/**
 * Stale UDP conntrack entries. UDP has no connections to end, so a client that keeps sending from
 * the same port keeps being DNATed to an endpoint that is gone, and traffic that was rejected while a
 * service had no endpoints stays rejected: as kube-proxy does, entries are deleted when an endpoint
 * leaves a UDP service port and when a UDP service port gains its first endpoints. Uses the
 * `conntrack` tool (Debian's conntrack package); without it this is reported once and skipped.
 */
import { categorizeEndpoints } from './endpoints.js';
import type { HostExec } from './host-exec.js';
import { servicePortName } from './service-model.js';
import type { ServicePortInfo } from './types.js';

/** One `conntrack -D` of UDP entries: by original destination address or port, and optionally DNAT target. */
export interface ConntrackFilter { origDst?: string; origPortDst?: number; dstNat?: string }

function reachableIPs(p: ServicePortInfo, nodeName: string): Set<string> {
  return new Set(categorizeEndpoints(p, nodeName).reachable.map((e) => e.ip));
}

const portKey = (p: ServicePortInfo): string => `${servicePortName(p)}/${p.protocol}`;

/** What to delete after the model went from `before` to `after` (UDP ports only). */
export function staleUdpFilters(before: readonly ServicePortInfo[], after: readonly ServicePortInfo[], nodeName: string): ConntrackFilter[] {
  const out: ConntrackFilter[] = [];
  const seen = new Set<string>();
  const add = (f: ConntrackFilter): void => {
    const k = JSON.stringify(f);
    if (!seen.has(k)) { seen.add(k); out.push(f); }
  };
  const old = new Map(before.filter((p) => p.protocol === 'UDP').map((p) => [portKey(p), p]));
  for (const p of after) {
    if (p.protocol !== 'UDP') continue;
    const prev = old.get(portKey(p));
    old.delete(portKey(p));
    const now = reachableIPs(p, nodeName);
    const was = prev ? reachableIPs(prev, nodeName) : new Set<string>();
    const ips = [p.clusterIP, ...p.externalIPs, ...p.loadBalancerIPs];
    if (was.size === 0 && now.size > 0) {
      // Rejected while there was no endpoint: let the next packet find the new ones.
      for (const ip of ips) add({ origDst: ip });
      if (p.nodePort) add({ origPortDst: p.nodePort });
    }
    for (const ip of was) {
      if (now.has(ip)) continue;
      for (const dst of new Set([...ips, ...(prev ? [prev.clusterIP, ...prev.externalIPs, ...prev.loadBalancerIPs] : [])])) add({ origDst: dst, dstNat: ip });
      if (p.nodePort) add({ origPortDst: p.nodePort, dstNat: ip });
    }
  }
  // Ports that went away altogether: their endpoints are gone too.
  for (const prev of old.values()) {
    for (const ip of reachableIPs(prev, nodeName)) {
      for (const dst of [prev.clusterIP, ...prev.externalIPs, ...prev.loadBalancerIPs]) add({ origDst: dst, dstNat: ip });
      if (prev.nodePort) add({ origPortDst: prev.nodePort, dstNat: ip });
    }
  }
  return out;
}

export function conntrackArgs(f: ConntrackFilter): string[] {
  const args = ['-D', '-p', 'udp'];
  if (f.origDst) args.push('--orig-dst', f.origDst);
  if (f.origPortDst) args.push('--orig-port-dst', String(f.origPortDst));
  if (f.dstNat) args.push('--dst-nat', f.dstNat);
  return args;
}

export class ConntrackCleaner {
  private missingReported = false;

  constructor(private readonly exec: HostExec, private readonly log: (line: string) => void) {}

  /** Deletes the entries; failures are logged, never thrown (the rules are right either way). */
  async clear(filters: readonly ConntrackFilter[]): Promise<number> {
    let done = 0;
    for (const f of filters) {
      const r = await this.exec.run('conntrack', conntrackArgs(f), { timeoutMs: 10_000 });
      if (r.missing) {
        if (!this.missingReported) {
          this.missingReported = true;
          this.log('service proxy: the conntrack tool is missing (Debian package conntrack): stale UDP entries are not deleted');
        }
        return done;
      }
      // conntrack exits 1 when nothing matched.
      if (r.ok || /0 flow entries have been deleted/.test(r.stderr)) done++;
      else this.log(`service proxy: conntrack ${conntrackArgs(f).join(' ')} failed: ${r.stderr}`);
    }
    return done;
  }
}
