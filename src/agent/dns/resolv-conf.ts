/**
 * The host's resolvers, from resolv.conf, as upstreams for names outside the cluster. A nameserver
 * that is this DNS server itself (one of its listen addresses, or any loopback address when it
 * listens on a wildcard) is skipped: forwarding to it would loop.
 */
import { readFileSync } from 'node:fs';
import type { ListenAddress } from './dns-server.js';
import type { Upstream } from './forwarder.js';

export function parseResolvConfNameservers(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const m = /^nameserver\s+(\S+)/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '::1';
}

export function upstreamsFromResolvConf(text: string, own: ListenAddress[]): Upstream[] {
  const ours = (ip: string): boolean => own.some((a) => a.port === 53
    && (a.address === ip || ((a.address === '0.0.0.0' || a.address === '::') && isLoopback(ip))));
  return parseResolvConfNameservers(text).filter((ip) => !ours(ip)).map((address) => ({ address, port: 53 }));
}

export function readResolvConf(path = '/etc/resolv.conf'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
