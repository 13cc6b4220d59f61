/** IPv4 addresses and CIDRs as the proxy needs them: parsing, containment, canonical text. */

export interface Cidr4 { base: number; bits: number; text: string }

/** The address as an unsigned 32-bit number, or undefined when `s` is not a dotted-quad IPv4 address. */
const DOTTED_QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIPv4(s: string): number | undefined {
  const m = DOTTED_QUAD.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const v = Number(m[i]);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const mask = (bits: number): number => (bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0);

/** Parses "a.b.c.d/n" (a bare address is a /32); the base is the network address. Throws when invalid. */
export function parseCidr4(s: string): Cidr4 {
  const [addr, len] = s.includes('/') ? s.split('/') : [s, '32'];
  const ip = parseIPv4(addr ?? '');
  const bits = /^\d{1,2}$/.test(len ?? '') ? Number(len) : NaN;
  if (ip === undefined || !(bits >= 0 && bits <= 32)) throw new Error(`Cannot use "${s}": not an IPv4 CIDR`);
  const base = (ip & mask(bits)) >>> 0;
  return { base, bits, text: `${formatIPv4(base)}/${bits}` };
}

export function cidrContains(cidr: Cidr4, ip: string): boolean {
  const n = parseIPv4(ip);
  return n !== undefined && ((n & mask(cidr.bits)) >>> 0) === cidr.base;
}
