// Subject alternative names: which DNS names and IP addresses the API server's serving certificate
// must carry, their canonical spelling, and whether an existing certificate already covers them.
import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname } from 'node:os';

export interface SubjectAltNames {
  dnsNames: string[];
  ips: string[];
}

/** Names every API server answers to, in and outside the cluster (domain cluster.local). */
export const DEFAULT_SERVING_DNS_NAMES = [
  'localhost',
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
] as const;

export const DEFAULT_SERVING_IPS = ['127.0.0.1', '::1'] as const;

function stripIpDecoration(ip: string): string {
  return ip.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
}

function looksLikeIp(text: string): boolean {
  return isIP(stripIpDecoration(text)) !== 0;
}

/** The canonical text of an IP address (IPv6 compressed and lower-case, brackets and zone dropped). */
export function canonicalIp(ip: string): string {
  const address = stripIpDecoration(ip);
  switch (isIP(address)) {
    case 4:
      return address;
    case 6:
      return new URL(`http://[${address}]/`).hostname.slice(1, -1);
    default:
      throw new TypeError(`Cannot use "${ip}" as an IP address: it is neither IPv4 nor IPv6`);
  }
}

function isUnspecified(ip: string): boolean {
  return ip === '0.0.0.0' || ip === '::';
}

function canonicalDnsName(name: string): string {
  const lower = name.trim().toLowerCase().replace(/\.$/, '');
  if (!/^(\*\.)?[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/.test(lower) || lower.includes('..')) {
    throw new TypeError(`Cannot use "${name}" as a DNS name: it is not a valid host name`);
  }
  return lower;
}

/**
 * Normalizes DNS names and IPs: names that are really IP addresses move to `ips`, everything is
 * canonical and de-duplicated, and unspecified bind addresses (0.0.0.0, ::) are dropped since no
 * client connects to them.
 */
export function normalizeAltNames(dnsNames: readonly string[], ips: readonly string[]): SubjectAltNames {
  const dns = new Set<string>();
  const ipInputs = [...ips];
  for (const name of dnsNames) {
    if (name.trim() === '') continue;
    if (looksLikeIp(name)) ipInputs.push(name);
    else dns.add(canonicalDnsName(name));
  }
  const addresses = new Set<string>();
  for (const ip of ipInputs) {
    if (ip.trim() === '') continue;
    const canonical = canonicalIp(ip);
    if (!isUnspecified(canonical)) addresses.add(canonical);
  }
  return { dnsNames: [...dns], ips: [...addresses] };
}

/** The names the API server's serving certificate must carry. */
export function requiredServingNames(extraHostnames: readonly string[], extraIps: readonly string[]): SubjectAltNames {
  return normalizeAltNames(
    [...DEFAULT_SERVING_DNS_NAMES, hostname(), ...extraHostnames],
    [...DEFAULT_SERVING_IPS, ...extraIps],
  );
}

/** True if the certificate's subject alternative names include every required name. */
export function certificateCovers(certPem: string, required: SubjectAltNames): boolean {
  const cert = new NodeX509Certificate(certPem);
  return (
    required.dnsNames.every((name) => cert.checkHost(name, { subject: 'never', wildcards: false }) !== undefined) &&
    required.ips.every((ip) => cert.checkIP(ip) !== undefined)
  );
}
