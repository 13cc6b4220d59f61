/**
 * IP address and CIDR parsing and checks with Kubernetes' wording (service cluster IPs, external IPs,
 * endpoint addresses, node pod CIDRs). Parsing is "sloppy" as Kubernetes' is: IPv4 octets may have
 * leading zeros.
 */
import * as fe from './field-errors.js';
import type { FieldError } from './field-errors.js';

/** Parses an IPv4 or IPv6 address; undefined when it is not one. IPv4 gives 4 bytes, IPv6 16. */
export function parseIP(s: string): Uint8Array | undefined {
  if (s.includes(':')) return parseIPv6(s);
  return parseIPv4(s);
}

function parseIPv4(s: string): Uint8Array | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

function parseIPv6(s: string): Uint8Array | undefined {
  let tail: Uint8Array | undefined;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    tail = parseIPv4(s.slice(lastColon + 1));
    if (!tail) return undefined;
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !rest) return undefined;
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...new Array<number>(8 - total).fill(0), ...rest];
  const out = new Uint8Array(16);
  all.forEach((g, i) => { out[2 * i] = g >> 8; out[2 * i + 1] = g & 0xff; });
  if (tail) out.set(tail, 12);
  return out;
}

export function isIP(s: string): boolean {
  return parseIP(s) !== undefined;
}

/** True for an IPv6 address (including IPv4-mapped forms written with colons). */
export function isIPv6(s: string): boolean {
  const ip = parseIP(s);
  return ip !== undefined && ip.length === 16 && !isMapped(ip);
}

function isMapped(ip: Uint8Array): boolean {
  return ip.length === 16 && ip.slice(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff;
}

/** The 4-byte form of an IPv4 (or IPv4-mapped) address, else undefined. */
function to4(ip: Uint8Array): Uint8Array | undefined {
  if (ip.length === 4) return ip;
  return isMapped(ip) ? ip.slice(12) : undefined;
}

/** Parses "a.b.c.d/n" or "x::/n"; undefined when invalid. */
export function parseCIDR(s: string): { ip: Uint8Array; bits: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const bitsText = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > ip.length * 8) return undefined;
  return { ip, bits };
}

export function validateIP(path: string, value: string): FieldError[] {
  return isIP(value) ? [] : [fe.invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function validateCIDR(path: string, value: string): FieldError[] {
  return parseCIDR(value) ? [] : [fe.invalid(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** Rejects unspecified, loopback and link-local addresses (endpoints, external IPs). */
export function validateNonSpecialIP(path: string, value: string): FieldError[] {
  const ip = parseIP(value);
  if (!ip) return [fe.invalid(path, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const v4 = to4(ip);
  if (ip.every((b) => b === 0) || (v4 && v4.every((b) => b === 0))) {
    errs.push(fe.invalid(path, value, `may not be unspecified (${value})`));
  }
  const loop = v4 ? v4[0] === 127 : ip.slice(0, 15).every((b) => b === 0) && ip[15] === 1;
  if (loop) errs.push(fe.invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  const llu = v4 ? v4[0] === 169 && v4[1] === 254 : ip[0] === 0xfe && (ip[1] & 0xc0) === 0x80;
  if (llu) errs.push(fe.invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  const llm = v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : ip[0] === 0xff && (ip[1] & 0x0f) === 0x02;
  if (llm) errs.push(fe.invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** True when the addresses are exactly one IPv4 and one IPv6 (in any order). */
export function isDualStackPair(values: string[]): boolean {
  if (values.length !== 2) return false;
  return isIPv6(values[0]) !== isIPv6(values[1]);
}
