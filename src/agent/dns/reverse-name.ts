/**
 * Reverse lookup names: `d.c.b.a.in-addr.arpa` and the 32-nibble `ip6.arpa` form, to the address
 * they ask about (undefined for partial or malformed names, which are not cluster records).
 */
import { formatIPv6, parseIPv4 } from './wire/index.js';

export const IN_ADDR_ARPA = 'in-addr.arpa';
export const IP6_ARPA = 'ip6.arpa';

/** `name` is lowercase presentation text. */
export function ipFromReverseName(name: string): string | undefined {
  if (name.endsWith(`.${IN_ADDR_ARPA}`)) {
    const labels = name.slice(0, -IN_ADDR_ARPA.length - 1).split('.');
    if (labels.length !== 4) return undefined;
    const ip = labels.reverse().join('.');
    return parseIPv4(ip) ? ip : undefined;
  }
  if (name.endsWith(`.${IP6_ARPA}`)) {
    const labels = name.slice(0, -IP6_ARPA.length - 1).split('.');
    if (labels.length !== 32 || !labels.every((l) => /^[0-9a-f]$/.test(l))) return undefined;
    const hex = labels.reverse().join('');
    const bytes = new Uint8Array(16);
    for (let i = 0; i < 16; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return formatIPv6(bytes);
  }
  return undefined;
}

/** The reverse name of an address (for tests and tools). */
export function reverseNameOf(ip: string): string {
  if (!ip.includes(':')) return `${ip.split('.').reverse().join('.')}.${IN_ADDR_ARPA}`;
  const words = ip.split('::');
  const head = words[0] ? words[0].split(':') : [];
  const tail = words.length > 1 && words[1] ? words[1].split(':') : [];
  const full = [...head, ...new Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  const hex = full.map((w) => w.padStart(4, '0')).join('');
  return `${[...hex].reverse().join('.')}.${IP6_ARPA}`;
}
