/**
 * IPv4 arithmetic for policy rules: addresses and CIDRs as 32-bit numbers, their canonical text
 * (network address with host bits cleared, as iptables prints it), containment, and an ipBlock's
 * `cidr` minus its `except` ranges as a list of disjoint CIDRs, so each piece is one `-s`/`-d` match.
 * IPv6 input gives undefined: the rules live in the IPv4 filter table only.
 */

export interface Cidr4 {
  /** The network address, host bits cleared, as an unsigned 32-bit number. */
  base: number;
  prefix: number;
}

/** Parses a dotted-quad IPv4 address (leading zeros tolerated, as Kubernetes' legacy parsing does). */
export function parseIPv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function mask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** Parses "a.b.c.d/n" (a bare address counts as /32); host bits are cleared. */
export function parseCidr4(text: string): Cidr4 | undefined {
  const slash = text.indexOf('/');
  const ip = parseIPv4(slash < 0 ? text : text.slice(0, slash));
  if (ip === undefined) return undefined;
  let prefix = 32;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^[0-9]{1,2}$/.test(p) || Number(p) > 32) return undefined;
    prefix = Number(p);
  }
  return { base: (ip & mask(prefix)) >>> 0, prefix };
}

export function formatCidr4(c: Cidr4): string {
  return `${formatIPv4(c.base)}/${c.prefix}`;
}

export function cidrContainsIp(c: Cidr4, ip: number): boolean {
  return ((ip & mask(c.prefix)) >>> 0) === c.base;
}

/** Whether `inner` lies entirely within `outer`. */
export function cidrContainsCidr(outer: Cidr4, inner: Cidr4): boolean {
  return inner.prefix >= outer.prefix && cidrContainsIp(outer, inner.base);
}

/** The two halves of a CIDR one bit longer. */
function halves(c: Cidr4): [Cidr4, Cidr4] {
  const prefix = c.prefix + 1;
  return [{ base: c.base, prefix }, { base: (c.base + 2 ** (32 - prefix)) >>> 0, prefix }];
}

/**
 * `cidr` minus every range in `except`, as disjoint CIDRs in address order. Excepts outside
 * `cidr` are ignored; an except covering it leaves nothing.
 */
export function subtractCidrs(cidr: Cidr4, except: readonly Cidr4[]): Cidr4[] {
  const inside = except.filter((e) => cidrContainsCidr(cidr, e) || cidrContainsCidr(e, cidr));
  const out: Cidr4[] = [];
  const walk = (c: Cidr4): void => {
    if (inside.some((e) => cidrContainsCidr(e, c))) return;
    if (!inside.some((e) => cidrContainsCidr(c, e))) {
      out.push(c);
      return;
    }
    const [a, b] = halves(c);
    walk(a);
    walk(b);
  };
  walk(cidr);
  return out;
}

/** The first address after the network address (the CNI bridge's gateway in a pod CIDR). */
export function firstHost(c: Cidr4): number | undefined {
  return c.prefix >= 31 ? undefined : (c.base + 1) >>> 0;
}
