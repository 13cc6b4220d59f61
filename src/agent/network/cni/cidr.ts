/**
 * IPv4 CIDR arithmetic for the pod network: parsing, the first host address (the bridge's gateway)
 * and membership. IPv6 pod ranges are not supported yet.
 */

export interface IPv4Cidr {
  /** Canonical form: network address / prefix length. */
  text: string;
  network: number;
  prefix: number;
}

export function parseIPv4(addr: string): number | undefined {
  const parts = addr.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseIPv4Cidr(cidr: string): IPv4Cidr {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(cidr.trim());
  const addr = m ? parseIPv4(m[1]!) : undefined;
  const prefix = m ? Number(m[2]) : NaN;
  if (addr === undefined || !(prefix >= 0 && prefix <= 32)) {
    if (cidr.includes(':')) throw new Error(`Cannot use pod network range "${cidr}": IPv6 is not supported yet`);
    throw new Error(`Cannot use pod network range "${cidr}": not an IPv4 CIDR such as 10.42.0.0/24`);
  }
  const network = (addr & mask(prefix)) >>> 0;
  return { text: `${formatIPv4(network)}/${prefix}`, network, prefix };
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}

export function cidrContains(cidr: IPv4Cidr, addr: string): boolean {
  const n = parseIPv4(addr);
  return n !== undefined && ((n & mask(cidr.prefix)) >>> 0) === cidr.network;
}

/** Whether `inner` lies wholly inside `outer`. */
export function cidrWithin(inner: IPv4Cidr, outer: IPv4Cidr): boolean {
  return inner.prefix >= outer.prefix && ((inner.network & mask(outer.prefix)) >>> 0) === outer.network;
}

/** The first host address of the range: host-local's default gateway, given to the bridge. */
export function firstHost(cidr: IPv4Cidr): string {
  return formatIPv4(cidr.network + 1);
}
