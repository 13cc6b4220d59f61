/**
 * IP address and CIDR parsing with the leniency of Kubernetes' legacy fields (IPv4 octets may carry
 * leading zeros, as Go's old net.ParseIP allowed), for NetworkPolicy ipBlocks, Ingress hosts and
 * EndpointSlice addresses. Addresses are returned as 16 bytes (IPv4 as ::ffff:a.b.c.d).
 */

export interface ParsedIP {
  bytes: Uint8Array;
  /** True when written as an IPv4 address (or an IPv4-mapped IPv6 address). */
  v4: boolean;
}

export interface ParsedCIDR {
  /** The network address (host bits cleared). */
  network: ParsedIP;
  /** Prefix length counted in the address family written (0-32 for IPv4, 0-128 for IPv6). */
  prefix: number;
}

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function decimal(s: string): number | undefined {
  if (!/^[0-9]+$/.test(s) || s.length > 7) return undefined;
  return Number(s);
}

function parseV4Octets(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    const n = decimal(p);
    if (n === undefined || n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseV6(s: string): Uint8Array | undefined {
  const bytes = new Uint8Array(16);
  let ellipsis = -1;
  let i = 0;
  let rest = s;
  if (rest.startsWith('::')) {
    ellipsis = 0;
    rest = rest.slice(2);
    if (rest === '') return bytes;
  }
  while (i < 16) {
    const m = /^[0-9a-fA-F]{1,4}/.exec(rest);
    if (!m) return undefined;
    if (rest.length > m[0].length && rest[m[0].length] === '.') {
      // Embedded IPv4 in the last 32 bits.
      if (ellipsis < 0 && i !== 12) return undefined;
      if (i + 4 > 16) return undefined;
      const v4 = parseV4Octets(rest);
      if (!v4) return undefined;
      bytes.set(v4, i);
      i += 4;
      rest = '';
      break;
    }
    const n = parseInt(m[0], 16);
    bytes[i] = n >> 8;
    bytes[i + 1] = n & 0xff;
    i += 2;
    rest = rest.slice(m[0].length);
    if (rest === '') break;
    if (rest[0] !== ':' || rest.length === 1) return undefined;
    rest = rest.slice(1);
    if (rest[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      rest = rest.slice(1);
      if (rest === '') break;
    }
  }
  if (rest !== '') return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) bytes[j + n] = bytes[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) bytes[j] = 0;
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return bytes;
}

function isMappedV4(b: Uint8Array): boolean {
  return V4_PREFIX.every((x, i) => b[i] === x);
}

/** Parses an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIP(s: string): ParsedIP | undefined {
  if (s.includes(':')) {
    const b = parseV6(s);
    return b ? { bytes: b, v4: isMappedV4(b) } : undefined;
  }
  const v4 = parseV4Octets(s);
  if (!v4) return undefined;
  const bytes = new Uint8Array(16);
  bytes.set(V4_PREFIX);
  bytes.set(v4, 12);
  return { bytes, v4: true };
}

/** Parses "addr/prefix"; undefined when it is not a CIDR. */
export function parseCIDR(s: string): ParsedCIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addrText = s.slice(0, slash);
  const ip = parseIP(addrText);
  const prefix = decimal(s.slice(slash + 1));
  if (!ip || prefix === undefined) return undefined;
  const writtenV4 = !addrText.includes(':');
  const bits = writtenV4 ? 32 : 128;
  if (prefix > bits) return undefined;
  const total = writtenV4 ? prefix + 96 : prefix;
  const bytes = new Uint8Array(ip.bytes);
  for (let bit = total; bit < 128; bit++) bytes[bit >> 3] &= ~(0x80 >> (bit & 7));
  return { network: { bytes, v4: writtenV4 }, prefix };
}

/** Whether `ip` lies in the network `cidr`. Addresses of the other family never do. */
export function cidrContains(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  if (cidr.network.v4 !== ip.v4) return false;
  const total = cidr.network.v4 ? cidr.prefix + 96 : cidr.prefix;
  for (let bit = 0; bit < total; bit++) {
    const mask = 0x80 >> (bit & 7);
    if ((cidr.network.bytes[bit >> 3] & mask) !== (ip.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

/** Problems with an address used as an endpoint: unspecified, loopback or link-local addresses are refused. */
export function specialIPProblems(address: string): string[] {
  const ip = parseIP(address);
  if (!ip) return ['must be a valid IP address'];
  const b = ip.bytes;
  const errs: string[] = [];
  if (ip.v4) {
    const [a, c] = [b[12], b[13]];
    if (a === 0 && b[13] === 0 && b[14] === 0 && b[15] === 0) errs.push(`may not be unspecified (${address})`);
    if (a === 127) errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (a === 169 && c === 254) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    if (a === 224 && c === 0 && b[14] === 0) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
    return errs;
  }
  if (b.every((x) => x === 0)) errs.push(`may not be unspecified (${address})`);
  if (b.slice(0, 15).every((x) => x === 0) && b[15] === 1) errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
  if (b[0] === 0xff && (b[1] & 0x0f) === 0x02) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  return errs;
}
