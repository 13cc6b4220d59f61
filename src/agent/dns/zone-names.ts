/**
 * The names of the cluster zone, read as CoreDNS's kubernetes plugin reads them:
 *
 *   <service>.<ns>.svc.<zone>                 a Service
 *   <endpoint>.<service>.<ns>.svc.<zone>      one endpoint of it (hostname or dashed IP)
 *   _<port>._<proto>.<service>.<ns>.svc.<zone> its ports (an SRV question; also answers A)
 *   <a-b-c-d>.<ns>.pod.<zone>                 a pod IP ("pods insecure": not checked)
 *
 * `lookupName` gives the items a name stands for (an IP or a name to CNAME to, the port, and the
 * name an SRV record would point at), an empty list for names that exist without records (the
 * apex, `svc`, a namespace), or null when the name does not exist (NXDOMAIN).
 */
import { endpointHostname, type ClusterRecords } from './cluster-records.js';
import { ipFromPodLabel } from './pod-name.js';
import { parseIP } from './wire/index.js';

export interface NameItem {
  /** An IP address, or (ExternalName) a name to CNAME to. */
  host: string;
  /** The port (SRV); -1 when the endpoint's slice lists no ports. */
  port: number;
  /** Where an SRV record for this item points. */
  target: string;
}

export function stripUnderscore(s: string): string {
  return s.startsWith('_') ? s.slice(1) : s;
}

function matchPortAndProtocol(port: string, portName: string, protocol: string, proto: string): boolean {
  return (port === '' || port === portName.toLowerCase()) && (protocol === '' || protocol === proto.toLowerCase());
}

/** `base`: the lowercase name without `.<zone>` ('' for the apex itself). */
export function lookupName(data: ClusterRecords, zone: string, base: string): NameItem[] | null {
  if (base === '') return [];
  const segs = base.split('.');
  const kind = segs.pop();
  if (kind !== 'svc' && kind !== 'pod') return null;
  if (!segs.length) return [];
  const ns = segs.pop() as string;
  if (!data.hasNamespace(ns)) return null;
  if (!segs.length) return [];
  const name = segs.pop() as string;
  let endpoint = '';
  let port = '';
  let protocol = '';
  if (segs.length === 1) {
    endpoint = segs[0];
  } else if (segs.length === 2) {
    port = stripUnderscore(segs[0]);
    protocol = stripUnderscore(segs[1]);
  } else if (segs.length > 2) {
    return null;
  }
  if (kind === 'pod') {
    const ip = ipFromPodLabel(name);
    return ip ? [{ host: ip, port: 0, target: `${name}.${ns}.pod.${zone}` }] : null;
  }
  return lookupService(data, zone, ns, name, endpoint, port, protocol);
}

function lookupService(
  data: ClusterRecords, zone: string, ns: string, name: string, endpoint: string, port: string, protocol: string,
): NameItem[] | null {
  const svc = data.service(ns, name);
  if (!svc) return null;
  if (svc.kind === 'ExternalName') {
    // No endpoints or ports under an external name; an IP "name" is not a CNAME target.
    if (endpoint || port || protocol || !svc.externalName || parseIP(svc.externalName)) return null;
    return [{ host: svc.externalName, port: 0, target: '' }];
  }
  const items: NameItem[] = [];
  let found = false;
  if (svc.kind === 'Headless' || endpoint) {
    for (const slice of data.endpointsOf(ns, name)) {
      for (const a of slice.addresses) {
        const host = endpointHostname(a);
        if (endpoint && endpoint !== host.toLowerCase()) continue;
        for (const p of slice.ports) {
          if (!matchPortAndProtocol(port, p.name, protocol, p.protocol)) continue;
          found = true;
          items.push({ host: a.ip, port: p.port, target: `${host}.${svc.name}.${svc.namespace}.svc.${zone}` });
        }
      }
    }
    return found ? items : null;
  }
  for (const p of svc.ports) {
    if (!matchPortAndProtocol(port, p.name, protocol, p.protocol)) continue;
    found = true;
    for (const ip of svc.clusterIPs) items.push({ host: ip, port: p.port, target: `${svc.name}.${svc.namespace}.svc.${zone}` });
  }
  return found ? items : null;
}
