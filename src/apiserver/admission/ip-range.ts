/** IPv4 CIDR arithmetic for the service and cluster ranges. */

export interface Ipv4Range { base: number; bits: number; size: number; text: string }

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCidr(cidr: string): Ipv4Range {
  const [ip, bitsText] = cidr.split('/');
  const base = ipToInt(ip);
  const bits = Number(bitsText);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new Error(`Cannot parse CIDR ${JSON.stringify(cidr)}: expected a.b.c.d/n`);
  }
  const size = 2 ** (32 - bits);
  const masked = bits === 0 ? 0 : (base & (~(size - 1) >>> 0)) >>> 0;
  return { base: masked, bits, size, text: `${intToIp(masked)}/${bits}` };
}

export function contains(r: Ipv4Range, ip: string): boolean {
  const n = ipToInt(ip);
  return n !== undefined && n >= r.base && n < r.base + r.size;
}

/** The n-th address of the range (1 → 10.43.0.1). */
export function nthAddress(r: Ipv4Range, n: number): string {
  return intToIp(r.base + n);
}
