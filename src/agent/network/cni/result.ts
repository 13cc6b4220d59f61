/**
 * Reads a CNI ADD result (spec 1.0; 0.4.0 has the same shape for what is read here) into the pod's
 * addresses and gateway: the addresses given to the interface inside the pod's namespace.
 */
import type { PodNetworkStatus } from './types.js';

interface ResultInterface { name?: unknown; sandbox?: unknown }
interface ResultIP { address?: unknown; gateway?: unknown; interface?: unknown }

export function podStatusFromResult(result: unknown, ifName: string): PodNetworkStatus {
  if (result === null || typeof result !== 'object') {
    throw new Error('Cannot read the CNI result: the plugins returned no result');
  }
  const r = result as { interfaces?: unknown; ips?: unknown };
  const interfaces = Array.isArray(r.interfaces) ? (r.interfaces as ResultInterface[]) : [];
  const ips = Array.isArray(r.ips) ? (r.ips as ResultIP[]) : [];
  const podIndex = interfaces.findIndex((i) => i.name === ifName && typeof i.sandbox === 'string' && i.sandbox !== '');
  const mine = ips.filter((ip) => typeof ip.interface !== 'number' || podIndex < 0 || ip.interface === podIndex);
  const addresses: string[] = [];
  let gateway: string | undefined;
  for (const ip of mine) {
    if (typeof ip.address !== 'string') continue;
    addresses.push(ip.address.split('/')[0]!);
    if (gateway === undefined && typeof ip.gateway === 'string' && ip.gateway !== '') gateway = ip.gateway;
  }
  if (addresses.length === 0) {
    throw new Error(`Cannot read the CNI result: it gives no address for ${ifName}: ${JSON.stringify(result).slice(0, 300)}`);
  }
  return { ips: addresses, ...(gateway !== undefined ? { gateway } : {}), interfaceName: ifName };
}
