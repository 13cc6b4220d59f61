/**
 * ClusterRecords: what cluster DNS knows about the cluster, kept from informer events — namespaces,
 * Services (kind, cluster IPs, ports, external name) and the addresses of their EndpointSlices —
 * with reverse maps from IP to Services and slices for PTR lookups. Keys are lowercase; every change
 * bumps `generation` (answers prepared from an older generation are stale) and `modified` (the
 * SOA serial, as CoreDNS uses the time of the last change).
 */
import type { ServiceLike } from '../../api/types/core/service/index.js';
import type { EndpointSliceLike } from '../../api/types/discovery/index.js';

export type ServiceKind = 'ClusterIP' | 'Headless' | 'ExternalName';

export interface PortRecord { name: string; protocol: string; port: number }

export interface ServiceRecord {
  name: string;
  namespace: string;
  kind: ServiceKind;
  clusterIPs: string[];
  ports: PortRecord[];
  externalName: string;
  publishNotReadyAddresses: boolean;
}

export interface AddressRecord { ip: string; hostname: string; ready: boolean }

export interface SliceRecord {
  namespace: string;
  /** The Service it belongs to (label kubernetes.io/service-name), lowercase. */
  service: string;
  addresses: AddressRecord[];
  /** The slice's ports; one entry with port -1 when it lists none (as CoreDNS). */
  ports: PortRecord[];
}

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

const key = (ns: string, name: string): string => `${ns.toLowerCase()}/${name.toLowerCase()}`;

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (!s.size) m.delete(k);
}

export function serviceRecordOf(svc: ServiceLike): ServiceRecord {
  const spec = svc.spec ?? {};
  const clusterIPs = spec.clusterIPs?.length ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  let kind: ServiceKind = 'ClusterIP';
  if (spec.type === 'ExternalName') kind = 'ExternalName';
  else if (clusterIPs[0] === 'None') kind = 'Headless';
  return {
    name: svc.metadata.name ?? '',
    namespace: svc.metadata.namespace ?? '',
    kind,
    clusterIPs: kind === 'ClusterIP' ? clusterIPs.filter((ip) => ip !== '' && ip !== 'None') : [],
    ports: (spec.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port })),
    externalName: (spec.externalName ?? '').replace(/\.$/, ''),
    publishNotReadyAddresses: spec.publishNotReadyAddresses === true,
  };
}

export function sliceRecordOf(slice: EndpointSliceLike): SliceRecord | undefined {
  const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
  if (!service || slice.addressType === 'FQDN') return undefined;
  const addresses: AddressRecord[] = [];
  for (const e of slice.endpoints ?? []) {
    // An unknown readiness counts as ready (the EndpointSlice API's advice, and CoreDNS's reading).
    const ready = e.conditions?.ready !== false;
    for (const ip of e.addresses ?? []) addresses.push({ ip, hostname: e.hostname ?? '', ready });
  }
  const ports = (slice.ports ?? []).map((p) => ({ name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port ?? -1 }));
  return {
    namespace: slice.metadata.namespace ?? '', service: service.toLowerCase(), addresses,
    ports: ports.length ? ports : [{ name: '', protocol: '', port: -1 }],
  };
}

/** The name an endpoint has under its Service: its hostname, or its IP with dashes (CoreDNS's form). */
export function endpointHostname(a: AddressRecord): string {
  if (a.hostname) return a.hostname;
  if (a.ip.includes('.')) return a.ip.replaceAll('.', '-');
  const dashed = a.ip.replaceAll(':', '-');
  return dashed.endsWith('-') ? `${dashed}0` : dashed;
}

export class ClusterRecords {
  generation = 0;
  /** Unix seconds of the last change. */
  modified = Math.floor(Date.now() / 1000);
  private namespaces = new Set<string>();
  private services = new Map<string, ServiceRecord>();
  private slices = new Map<string, SliceRecord>();
  private slicesByService = new Map<string, Set<string>>();
  private servicesByIP = new Map<string, Set<string>>();
  private slicesByIP = new Map<string, Set<string>>();

  private changed(): void {
    this.generation++;
    this.modified = Math.floor(Date.now() / 1000);
  }

  setNamespace(name: string): void {
    if (this.namespaces.has(name.toLowerCase())) return;
    this.namespaces.add(name.toLowerCase());
    this.changed();
  }

  deleteNamespace(name: string): void {
    if (this.namespaces.delete(name.toLowerCase())) this.changed();
  }

  hasNamespace(ns: string): boolean {
    return this.namespaces.has(ns);
  }

  setService(svc: ServiceLike): void {
    const rec = serviceRecordOf(svc);
    const k = key(rec.namespace, rec.name);
    this.dropService(k);
    this.services.set(k, rec);
    for (const ip of rec.clusterIPs) addTo(this.servicesByIP, ip, k);
    this.changed();
  }

  deleteService(namespace: string, name: string): void {
    if (this.dropService(key(namespace, name))) this.changed();
  }

  private dropService(k: string): boolean {
    const old = this.services.get(k);
    if (!old) return false;
    for (const ip of old.clusterIPs) removeFrom(this.servicesByIP, ip, k);
    this.services.delete(k);
    return true;
  }

  setSlice(slice: EndpointSliceLike): void {
    const k = key(slice.metadata.namespace ?? '', slice.metadata.name ?? '');
    this.dropSlice(k);
    const rec = sliceRecordOf(slice);
    if (rec) {
      this.slices.set(k, rec);
      addTo(this.slicesByService, key(rec.namespace, rec.service), k);
      for (const a of rec.addresses) addTo(this.slicesByIP, a.ip, k);
    }
    this.changed();
  }

  deleteSlice(namespace: string, name: string): void {
    if (this.dropSlice(key(namespace, name))) this.changed();
  }

  private dropSlice(k: string): boolean {
    const old = this.slices.get(k);
    if (!old) return false;
    removeFrom(this.slicesByService, key(old.namespace, old.service), k);
    for (const a of old.addresses) removeFrom(this.slicesByIP, a.ip, k);
    this.slices.delete(k);
    return true;
  }

  /** A Service by lowercase namespace and name. */
  service(ns: string, name: string): ServiceRecord | undefined {
    return this.services.get(`${ns}/${name}`);
  }

  /**
   * The slices of a Service, each with the addresses DNS publishes: the ready ones, or all of them
   * when the Service sets publishNotReadyAddresses.
   */
  endpointsOf(ns: string, name: string): SliceRecord[] {
    const keys = this.slicesByService.get(`${ns}/${name}`);
    if (!keys) return [];
    const all = this.services.get(`${ns}/${name}`)?.publishNotReadyAddresses ?? false;
    const out: SliceRecord[] = [];
    for (const k of [...keys].sort()) {
      const s = this.slices.get(k) as SliceRecord;
      out.push(all ? s : { ...s, addresses: s.addresses.filter((a) => a.ready) });
    }
    return out;
  }

  /**
   * The names an IP has, relative to the zone (without `.svc.<zone>`): a Service whose cluster IP it
   * is (the first by namespace/name, as CoreDNS answers one), else every published endpoint with
   * that address as `hostname.service.namespace`.
   */
  namesOfIP(ip: string): string[] {
    const svcs = this.servicesByIP.get(ip);
    if (svcs?.size) {
      const s = this.services.get([...svcs].sort()[0]) as ServiceRecord;
      return [`${s.name}.${s.namespace}`];
    }
    const out: string[] = [];
    for (const k of [...(this.slicesByIP.get(ip) ?? [])].sort()) {
      const s = this.slices.get(k) as SliceRecord;
      const all = this.services.get(key(s.namespace, s.service))?.publishNotReadyAddresses ?? false;
      for (const a of s.addresses) {
        if (a.ip === ip && (a.ready || all)) out.push(`${endpointHostname(a)}.${s.service}.${s.namespace}`);
      }
    }
    return out;
  }
}
