/**
 * A pod's resolv.conf as the kubelet forms it. ClusterFirst (the default) and
 * ClusterFirstWithHostNet: the cluster DNS servers, searches `<ns>.svc.<domain> svc.<domain>
 * <domain>` then the host's, `options ndots:5`; ClusterFirst on the host network, and Default: the
 * host's resolv.conf (ClusterFirst without cluster DNS falls back to it with a MissingClusterDNS
 * warning); None: nothing. spec.dnsConfig is merged in last, then the limits are applied (3
 * nameservers; 32 search domains, none over 253 characters, 2048 characters in all) with a
 * DNSConfigForming warning when something is cut.
 */
import type { Pod } from '../../api/types/core/pod/index.js';
import type { EventRecorder } from './errors.js';
import { formatPod, goQuote } from './format.js';
import { parseResolvConf, type DNSConfig } from './resolv-conf.js';

export interface PodDNSOptions {
  /** The cluster DNS service IPs (the kubelet's --cluster-dns). */
  clusterDNS: string[];
  /** The cluster domain (--cluster-domain), e.g. cluster.local; '' for none. */
  clusterDomain: string;
  /** The content of the host resolv.conf pods are based on (--resolv-conf); '' as the kubelet's
   *  `--resolv-conf=""`: local nameservers and search ".". */
  hostResolvConf: string;
  /** The node's IPs; with no resolv.conf, each gives a loopback nameserver of its family. */
  nodeIPs?: string[];
  recordEvent?: EventRecorder;
}

const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;
const MAX_DOMAIN_LENGTH = 253;
const DEFAULT_OPTIONS = ['ndots:5'];

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function bytes(s: string): number {
  return Buffer.byteLength(s);
}

type DNSType = 'cluster' | 'host' | 'none';

function dnsType(pod: Pod): DNSType {
  const policy = pod.spec?.dnsPolicy || 'ClusterFirst';
  switch (policy) {
    case 'None': return 'none';
    case 'ClusterFirstWithHostNet': return 'cluster';
    case 'ClusterFirst': return pod.spec?.hostNetwork ? 'host' : 'cluster';
    case 'Default': return 'host';
    default: return 'cluster';
  }
}

function mergeOptions(existing: string[], extra: Array<{ name?: string; value?: string }>): string[] {
  const map = new Map<string, string>();
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i >= 0) map.set(op.slice(0, i), op.slice(i + 1));
    else map.set(op, '');
  }
  for (const op of extra) map.set(op.name ?? '', op.value ?? '');
  return [...map].map(([k, v]) => (v !== '' ? `${k}:${v}` : k));
}

function fitSearches(searches: string[], warn: (message: string) => void): string[] {
  let exceeded = false;
  let out = searches;
  if (out.length > MAX_SEARCH_PATHS) {
    out = out.slice(0, MAX_SEARCH_PATHS);
    exceeded = true;
  }
  const short = out.filter((s) => bytes(s) <= MAX_DOMAIN_LENGTH);
  if (short.length !== out.length) exceeded = true;
  out = short;
  const total = bytes(out.join(' '));
  if (total > MAX_SEARCH_LIST_CHARS) {
    let cut = 0;
    let cutLen = 0;
    for (let i = out.length - 1; i >= 0; i--) {
      cutLen += bytes(out[i]!) + 1;
      cut++;
      if (total - cutLen <= MAX_SEARCH_LIST_CHARS) break;
    }
    out = out.slice(0, out.length - cut);
    exceeded = true;
  }
  if (exceeded) {
    warn(`Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${out.join(' ')}`);
  }
  return out;
}

export function podDNSConfig(pod: Pod, opts: PodDNSOptions): DNSConfig {
  const warn = (reason: string, message: string) => opts.recordEvent?.({ type: 'Warning', reason, message });
  let cfg: DNSConfig = opts.hostResolvConf === '' ? { servers: [], searches: [], options: [] } : parseResolvConf(opts.hostResolvConf);
  let type = dnsType(pod);
  if (type === 'none') {
    cfg = { servers: [], searches: [], options: [] };
  } else if (type === 'cluster') {
    if (opts.clusterDNS.length > 0) {
      const d = opts.clusterDomain;
      const searches = d === '' ? cfg.searches
        : unique([`${pod.metadata.namespace ?? ''}.svc.${d}`, `svc.${d}`, d, ...cfg.searches]);
      cfg = { servers: [...opts.clusterDNS], searches, options: [...DEFAULT_OPTIONS] };
    } else {
      const msg = 'kubelet does not have ClusterDNS IP configured and cannot create Pod using "ClusterFirst" policy. Falling back to "Default" policy.';
      warn('MissingClusterDNS', `pod: ${goQuote(formatPod(pod))}. ${msg}`);
      type = 'host';
    }
  }
  if (type === 'host' && opts.hostResolvConf === '') {
    const servers = (opts.nodeIPs ?? []).map((ip) => (ip.includes(':') ? '::1' : '127.0.0.1'));
    cfg = { servers: servers.length > 0 ? servers : ['127.0.0.1'], searches: ['.'], options: cfg.options };
  }
  const extra = pod.spec?.dnsConfig;
  if (extra) {
    cfg = {
      servers: unique([...cfg.servers, ...(extra.nameservers ?? [])]),
      searches: unique([...cfg.searches, ...(extra.searches ?? [])]),
      options: mergeOptions(cfg.options, extra.options ?? []),
    };
  }
  if (cfg.servers.length > MAX_NAMESERVERS) {
    cfg.servers = cfg.servers.slice(0, MAX_NAMESERVERS);
    warn('DNSConfigForming', `Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${cfg.servers.join(' ')}`);
  }
  cfg.searches = fitSearches(cfg.searches, (m) => warn('DNSConfigForming', m));
  return cfg;
}
