/**
 * ZoneResolver: answers for the cluster zone and the reverse zones, as CoreDNS with the kubernetes
 * plugin answers them in k3s (`pods insecure`, `fallthrough in-addr.arpa ip6.arpa`, TTL 5):
 * A/AAAA (chasing an ExternalName's CNAME in the zone, or upstream for outside targets), SRV with
 * address records in the additional section, PTR for cluster IPs and endpoint IPs, TXT
 * dns-version, SOA and NS at the apex. Names that exist without records of the asked type get
 * NODATA (NOERROR, empty answer, SOA); names that do not exist NXDOMAIN (SERVFAIL until the
 * informers have synced). Anything else, and reverse names that are not cluster IPs, is forwarded.
 */
import type { ClusterRecords } from './cluster-records.js';
import { IN_ADDR_ARPA, IP6_ARPA, ipFromReverseName } from './reverse-name.js';
import { lookupName, type NameItem } from './zone-names.js';
import {
  CLASS_IN, RCode, RRType, isSubdomain, lowerName, parseIPv4, parseIPv6, type Message, type RData, type ResourceRecord,
} from './wire/index.js';

/** The DNS schema version (the TXT record dns-version.<zone>), as CoreDNS serves it. */
export const DNS_SCHEMA_VERSION = '1.1.0';
const SCHEMA_TTL = 28800;
const MAX_CNAME_CHAIN = 10;

export type UpstreamLookup = (name: string, qtype: number) => Promise<Message | undefined>;

export interface ZoneResolverOptions {
  /** The cluster domain, lowercase, without the final dot. */
  zone: string;
  ttl: number;
  upstream: UpstreamLookup;
  /** Whether the informers have synced (before that, a missing name is SERVFAIL, not NXDOMAIN). */
  synced: () => boolean;
  /** Addresses of ns.dns.<zone> when there is no kube-system/kube-dns Service. */
  nsAddresses: () => string[];
}

export type Resolution =
  | { kind: 'forward' }
  | {
    kind: 'answer'; rcode: number; answer: ResourceRecord[]; authority: ResourceRecord[]; additional: ResourceRecord[];
    /** Holds data from upstream: keep it only briefly. */
    volatile: boolean;
  };

const FORWARD: Resolution = { kind: 'forward' };

function family(host: string): 0 | 4 | 6 {
  if (parseIPv4(host)) return 4;
  return host.includes(':') && parseIPv6(host) ? 6 : 0;
}

interface Chased { rrs: ResourceRecord[]; volatile: boolean }

export class ZoneResolver {
  constructor(private readonly data: ClusterRecords, private readonly o: ZoneResolverOptions) {}

  private rr(name: string, type: number, data: RData, ttl = this.o.ttl): ResourceRecord {
    return { name, type, class: CLASS_IN, ttl, data };
  }

  private addressRR(name: string, ip: string): ResourceRecord {
    return family(ip) === 6 ? this.rr(name, RRType.AAAA, { t: 'AAAA', address: ip }) : this.rr(name, RRType.A, { t: 'A', address: ip });
  }

  private soa(zoneAsAsked: string): ResourceRecord {
    const z = this.o.zone;
    return this.rr(zoneAsAsked, RRType.SOA, {
      t: 'SOA', mname: `ns.dns.${z}`, rname: `hostmaster.${z}`, serial: this.data.modified,
      refresh: 7200, retry: 1800, expire: 86400, minimum: this.o.ttl,
    }, Math.min(this.o.ttl, 300));
  }

  /** The apex's name servers: the kube-dns Service's cluster IPs, or this server's own addresses. */
  private nsItems(): NameItem[] {
    const z = this.o.zone;
    const svc = this.data.service('kube-system', 'kube-dns');
    if (svc?.clusterIPs.length) return svc.clusterIPs.map((ip) => ({ host: ip, port: 53, target: `kube-dns.kube-system.svc.${z}` }));
    return this.o.nsAddresses().map((ip) => ({ host: ip, port: 53, target: `ns.dns.${z}` }));
  }

  private base(lname: string): string {
    return lname === this.o.zone ? '' : lname.slice(0, -this.o.zone.length - 1);
  }

  /** Items for address questions: the apex's `ns.dns` name, or the zone's names. */
  private items(lname: string): NameItem[] | null {
    if (lname === `ns.dns.${this.o.zone}`) return this.nsItems();
    return lookupName(this.data, this.o.zone, this.base(lname));
  }

  async resolve(qname: string, qtype: number): Promise<Resolution> {
    const lname = lowerName(qname);
    if (isSubdomain(lname, IN_ADDR_ARPA) || isSubdomain(lname, IP6_ARPA)) return this.reverse(qname, lname, qtype);
    if (!isSubdomain(lname, this.o.zone)) return FORWARD;
    const zoneAsAsked = qname.slice(qname.length - this.o.zone.length);
    const answer = (rrs: ResourceRecord[] | null, additional: ResourceRecord[] = [], volatile = false): Resolution => {
      if (rrs === null) {
        return { kind: 'answer', rcode: this.o.synced() ? RCode.NXDOMAIN : RCode.SERVFAIL, answer: [], authority: [this.soa(zoneAsAsked)], additional: [], volatile };
      }
      if (!rrs.length) return { kind: 'answer', rcode: RCode.NOERROR, answer: [], authority: [this.soa(zoneAsAsked)], additional: [], volatile };
      return { kind: 'answer', rcode: RCode.NOERROR, answer: rrs, authority: [], additional, volatile };
    };
    switch (qtype) {
      case RRType.A:
      case RRType.AAAA: {
        const r = await this.address(qname, lname, qtype, []);
        return answer(r && r.rrs, [], r?.volatile);
      }
      case RRType.TXT: {
        if (lname === `dns-version.${this.o.zone}`) {
          return answer([this.rr(qname, RRType.TXT, { t: 'TXT', texts: [Buffer.from(DNS_SCHEMA_VERSION)] }, SCHEMA_TTL)]);
        }
        return answer(this.items(lname) && []);
      }
      case RRType.CNAME: {
        const items = this.items(lname);
        const first = items?.[0];
        return answer(items && (first && family(first.host) === 0 ? [this.rr(qname, RRType.CNAME, { t: 'NAME', target: first.host })] : []));
      }
      case RRType.SRV:
        return this.srv(qname, lname, answer);
      case RRType.SOA:
        return answer(lname === this.o.zone ? [this.soa(zoneAsAsked)] : []);
      case RRType.AXFR:
      case RRType.IXFR:
        return { kind: 'answer', rcode: RCode.REFUSED, answer: [], authority: [], additional: [], volatile: false };
      case RRType.NS:
        if (lname === this.o.zone) {
          const items = this.nsItems();
          const targets = [...new Set(items.map((i) => i.target))];
          return answer(
            targets.map((t) => this.rr(qname, RRType.NS, { t: 'NAME', target: t })),
            items.map((i) => this.addressRR(i.target, i.host)),
          );
        }
        break;
      case RRType.PTR:
      case RRType.MX:
        return answer(lookupName(this.data, this.o.zone, this.base(lname)) && []);
      default:
        break;
    }
    // Other types (and NS below the apex): NODATA when an A lookup finds the name, else NXDOMAIN.
    const r = await this.address(qname, lname, RRType.A, []);
    return answer(r && [], [], r?.volatile);
  }

  private async address(qname: string, lname: string, qtype: number, chain: ResourceRecord[]): Promise<Chased | null> {
    const items = this.items(lname);
    if (!items) return null;
    const rrs: ResourceRecord[] = [];
    const seen = new Set<string>();
    let volatile = false;
    for (const it of items) {
      const fam = family(it.host);
      if (fam === 0) {
        const lt = lowerName(it.host);
        if (lt === lname || chain.length > MAX_CNAME_CHAIN) continue;
        if (chain.some((c) => lowerName(c.name) === lname && lowerName((c.data as { target: string }).target) === lt)) continue;
        const cname = this.rr(qname, RRType.CNAME, { t: 'NAME', target: it.host });
        if (isSubdomain(lt, this.o.zone)) {
          const next = await this.address(it.host, lt, qtype, [...chain, cname]);
          if (next?.rrs.length) {
            rrs.push(cname, ...next.rrs);
            volatile ||= next.volatile;
          }
          continue;
        }
        volatile = true;
        const m = await this.o.upstream(it.host, qtype);
        if (!m) continue;
        rrs.push(cname, ...m.answers);
        continue;
      }
      if ((fam === 4 && qtype === RRType.A) || (fam === 6 && qtype === RRType.AAAA)) {
        if (seen.has(it.host)) continue;
        seen.add(it.host);
        rrs.push(this.addressRR(qname, it.host));
      }
    }
    return { rrs, volatile };
  }

  private srv(qname: string, lname: string, answer: (rrs: ResourceRecord[] | null, extra?: ResourceRecord[]) => Resolution): Resolution {
    const items = lookupName(this.data, this.o.zone, this.base(lname));
    if (!items) return answer(null);
    // External names have no SRV records; the weight spreads 100 over the records (at least 1).
    const internal = items.filter((i) => family(i.host) !== 0);
    const weight = Math.max(1, Math.floor(100 / Math.max(1, internal.length)));
    const rrs: ResourceRecord[] = [];
    const extra: ResourceRecord[] = [];
    const seen = new Set<string>();
    for (const it of internal) {
      if (it.port === -1) continue;
      if (!seen.has(`${it.target}|${it.port}`)) {
        seen.add(`${it.target}|${it.port}`);
        rrs.push(this.rr(qname, RRType.SRV, { t: 'SRV', priority: 0, weight, port: it.port, target: it.target }));
      }
      if (!seen.has(`${it.target}|${it.host}`)) {
        seen.add(`${it.target}|${it.host}`);
        extra.push(this.addressRR(it.target, it.host));
      }
    }
    return answer(rrs, extra);
  }

  private reverse(qname: string, lname: string, qtype: number): Resolution {
    if (qtype !== RRType.PTR) return FORWARD;
    const ip = ipFromReverseName(lname);
    if (!ip) return FORWARD;
    const names = [...new Set(this.data.namesOfIP(ip))];
    if (!names.length) return FORWARD;
    const answer = names.map((n) => this.rr(qname, RRType.PTR, { t: 'NAME', target: `${n}.svc.${this.o.zone}` }));
    return { kind: 'answer', rcode: RCode.NOERROR, answer, authority: [], additional: [], volatile: false };
  }
}
