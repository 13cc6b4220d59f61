/**
 * Allocation of Service cluster IPs from the service CIDR and NodePorts from their range, with the
 * errors Kubernetes gives for taken or out-of-range values. What is in use is read from the watch
 * cache plus reservations of writes in flight.
 */
import { randomInt } from 'node:crypto';
import { invalid, type FieldError } from '../../api/index.js';
import type { WatchCache } from '../cache/index.js';
import type { AdmissionPlugin, Attributes } from './admission.js';
import { contains, ipToInt, nthAddress, type Ipv4Range } from './ip-range.js';

interface ServicePort { nodePort?: number; port?: number }
interface ServiceSpec {
  type?: string; clusterIP?: string; clusterIPs?: string[]; ports?: ServicePort[];
  ipFamilies?: string[]; ipFamilyPolicy?: string;
}

/** Addresses below this offset are kept for static assignment (the kubernetes service at .1, DNS at .10). */
const STATIC_BAND = 16;

export class ServiceAllocator implements AdmissionPlugin {
  readonly name = 'ServiceAllocation';
  private reservedIps = new Map<Attributes, string[]>();
  private reservedPorts = new Map<Attributes, number[]>();

  constructor(private cache: WatchCache, private range: Ipv4Range, private ports: [number, number]) {}

  private inUse(self?: string): { ips: Set<string>; ports: Set<number> } {
    const ips = new Set<string>();
    const ports = new Set<number>();
    for (const c of this.cache.list('/registry/core/services/')) {
      if (c.key === self) continue;
      const spec = (c.obj as { spec?: ServiceSpec }).spec ?? {};
      for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) ips.add(ip);
      for (const p of spec.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
    }
    for (const list of this.reservedIps.values()) for (const ip of list) ips.add(ip);
    for (const list of this.reservedPorts.values()) for (const p of list) ports.add(p);
    return { ips, ports };
  }

  admit(a: Attributes): void {
    if (a.def.plural !== 'services' || a.def.group !== '' || a.subresource) return;
    const spec = ((a.obj as { spec?: ServiceSpec }).spec ??= {});
    const old = (a.old as { spec?: ServiceSpec } | undefined)?.spec;
    const selfKey = `/registry/core/services/${a.namespace}/${a.name}`;
    const used = this.inUse(a.old ? selfKey : undefined);
    const errs: FieldError[] = [];
    const ips: string[] = [];
    if (spec.type === 'ExternalName') {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    } else if (old?.clusterIP && !spec.clusterIP) {
      spec.clusterIP = old.clusterIP;
      spec.clusterIPs = old.clusterIPs ?? [old.clusterIP];
    } else if (spec.clusterIP === 'None') {
      spec.clusterIPs = ['None'];
    } else if (spec.clusterIP && spec.clusterIP !== old?.clusterIP) {
      const ip = spec.clusterIP;
      if (ipToInt(ip) === undefined) {
        // Left to validation, which words the error.
      } else if (!contains(this.range, ip)) {
        errs.push(invalidIps(spec, `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.range.text}`));
      } else if (used.ips.has(ip)) {
        errs.push(invalidIps(spec, `failed to allocate IP ${ip}: provided IP is already allocated`));
      } else {
        ips.push(ip);
      }
      spec.clusterIPs = [ip];
    } else if (!spec.clusterIP) {
      const ip = this.pickIp(used.ips);
      if (!ip) errs.push(invalidIps(spec, 'failed to allocate a serviceIP: range is full'));
      else { ips.push(ip); spec.clusterIP = ip; spec.clusterIPs = [ip]; }
    }
    if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
      spec.ipFamilies ??= ['IPv4'];
      spec.ipFamilyPolicy ??= 'SingleStack';
    }
    const ports = this.allocatePorts(spec, old, used.ports, errs);
    this.reservedIps.set(a, ips);
    this.reservedPorts.set(a, ports);
    if (errs.length) {
      this.release(a);
      throw invalid({ group: '', kind: 'Service' }, a.name, errs);
    }
  }

  private allocatePorts(spec: ServiceSpec, old: ServiceSpec | undefined, used: Set<number>, errs: FieldError[]): number[] {
    const taken: number[] = [];
    const wants = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    const oldPorts = new Set((old?.ports ?? []).map((p) => p.nodePort).filter((p): p is number => !!p));
    (spec.ports ?? []).forEach((p, i) => {
      if (!wants) { delete p.nodePort; return; }
      if (p.nodePort) {
        if (oldPorts.has(p.nodePort)) return;
        const [lo, hi] = this.ports;
        if (p.nodePort < lo || p.nodePort > hi) {
          errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${lo}-${hi}` });
        } else if (used.has(p.nodePort) || taken.includes(p.nodePort)) {
          errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is already allocated` });
        } else taken.push(p.nodePort);
        return;
      }
      const port = this.pickPort(used, taken);
      if (port === undefined) errs.push({ type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, message: 'Invalid value: 0: range is full' });
      else { p.nodePort = port; taken.push(port); }
    });
    return taken;
  }

  private pickIp(used: Set<string>): string | undefined {
    const n = this.range.size - 2;
    if (n <= STATIC_BAND) return undefined;
    const start = randomInt(STATIC_BAND, n);
    for (let i = 0; i < n - STATIC_BAND; i++) {
      const off = STATIC_BAND + ((start - STATIC_BAND + i) % (n - STATIC_BAND));
      const ip = nthAddress(this.range, off);
      if (!used.has(ip)) return ip;
    }
    return undefined;
  }

  private pickPort(used: Set<number>, taken: number[]): number | undefined {
    const [lo, hi] = this.ports;
    const span = hi - lo + 1;
    const start = randomInt(span);
    for (let i = 0; i < span; i++) {
      const p = lo + ((start + i) % span);
      if (!used.has(p) && !taken.includes(p)) return p;
    }
    return undefined;
  }

  private release(a: Attributes): void {
    this.reservedIps.delete(a);
    this.reservedPorts.delete(a);
  }

  abort(a: Attributes): void { this.release(a); }
  committed(a: Attributes): void { this.release(a); }
}

function invalidIps(spec: ServiceSpec, detail: string): FieldError {
  const ips = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
  return { type: 'FieldValueInvalid', field: 'spec.clusterIPs', message: `Invalid value: []string{${ips.map((i) => JSON.stringify(i)).join(', ')}}: ${detail}` };
}

