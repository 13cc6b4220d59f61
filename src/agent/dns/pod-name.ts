/**
 * Pod A records in CoreDNS's `pods insecure` mode (kube-dns's old behaviour): `1-2-3-4.ns.pod.<zone>`
 * answers 1.2.3.4 without checking that such a pod exists; an IPv6 address is written with dashes
 * for colons.
 */
import { formatIPv6, parseIPv4, parseIPv6 } from './wire/index.js';

export function ipFromPodLabel(label: string): string | undefined {
  const dashes = label.split('-').length - 1;
  if (dashes === 3 && !label.includes('--')) return parseIPv4(label.replaceAll('-', '.')) ? label.replaceAll('-', '.') : undefined;
  const v6 = parseIPv6(label.replaceAll('-', ':'));
  return v6 ? formatIPv6(Uint8Array.from(v6)) : undefined;
}
