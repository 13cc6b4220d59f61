/**
 * What the mirroring controller wants for a user-written Endpoints: each subset's addresses (ready
 * ones, then not-ready ones, at most maxPerSubset of them) as slice endpoints with only the ready
 * condition, their target, node and hostname, grouped by address type and port set. Addresses that
 * are not IPs are skipped and counted, as are those beyond the per-subset limit.
 */
import { parseIP } from '../../api/types/networking/index.js';
import type { EndpointAddress, EndpointPort, Endpoints } from '../endpoints/index.js';
import { EndpointSet, portMapKey } from './endpoint-set.js';
import type { AddressType, SliceEndpoint, SlicePort } from './types.js';

export interface MirrorGroup { addressType: AddressType; ports: SlicePort[]; endpoints: EndpointSet }
export interface MirrorDesired {
  /** By mirrorGroupKey(addressType, ports). */
  groups: Map<string, MirrorGroup>;
  invalid: number;
  /** Addresses not mirrored for any reason (invalid ones included). */
  skipped: number;
}

export function mirrorGroupKey(addressType: string | undefined, ports: SlicePort[] | undefined): string {
  return `${addressType ?? ''}|${portMapKey(ports)}`;
}

function slicePorts(ports: EndpointPort[] | undefined): SlicePort[] {
  return (ports ?? []).map((p) => {
    const out: SlicePort = { name: p.name ?? '', protocol: p.protocol ?? 'TCP', port: p.port };
    if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
    return out;
  });
}

export function addressToEndpoint(a: EndpointAddress, ready: boolean): { endpoint: SliceEndpoint; addressType: AddressType } | undefined {
  const ip = parseIP(a.ip ?? '');
  if (!ip) return undefined;
  const endpoint: SliceEndpoint = { addresses: [a.ip], conditions: { ready } };
  if (a.hostname) endpoint.hostname = a.hostname;
  if (a.targetRef) endpoint.targetRef = { ...a.targetRef };
  if (a.nodeName !== undefined) endpoint.nodeName = a.nodeName;
  return { endpoint, addressType: ip.v4 ? 'IPv4' : 'IPv6' };
}

export function mirrorDesired(ep: Endpoints, maxPerSubset: number): MirrorDesired {
  const groups = new Map<string, MirrorGroup>();
  let invalid = 0;
  let skipped = 0;
  for (const ss of ep.subsets ?? []) {
    const ports = slicePorts(ss.ports);
    for (const addressType of ['IPv4', 'IPv6'] as const) {
      const k = mirrorGroupKey(addressType, ports);
      if (!groups.has(k)) groups.set(k, { addressType, ports, endpoints: new EndpointSet() });
    }
    const all: Array<[EndpointAddress, boolean]> = [
      ...(ss.addresses ?? []).map((a): [EndpointAddress, boolean] => [a, true]),
      ...(ss.notReadyAddresses ?? []).map((a): [EndpointAddress, boolean] => [a, false]),
    ];
    let added = 0;
    for (const [a, ready] of all) {
      if (added >= maxPerSubset) break;
      const r = addressToEndpoint(a, ready);
      if (!r) {
        invalid++;
        continue;
      }
      (groups.get(mirrorGroupKey(r.addressType, ports)) as MirrorGroup).endpoints.add(r.endpoint);
      added++;
    }
    skipped += all.length - added;
  }
  return { groups, invalid, skipped };
}
