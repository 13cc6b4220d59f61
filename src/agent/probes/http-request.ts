/**
 * The GET request the kubelet builds from an httpGet action (probes and lifecycle hooks alike):
 * scheme lower-cased (http by default), host defaulting to the pod IP, the port resolved against the
 * container's named ports, the path as written, the action's headers under Go's canonical names,
 * `User-Agent: kube-<purpose>/1.32` and an Accept of every type unless given (an empty Accept removes it), and
 * a `Host` header becoming the request's host.
 */
import type { Container, HTTPGetAction } from '../../api/types/core/pod/index.js';
import { joinHostPort } from './net-errors.js';
import { resolveContainerPort } from './resolve-port.js';
import { KUBE_MAJOR_MINOR } from './types.js';

export interface HttpGetRequest {
  scheme: string;
  host: string;
  port: number;
  /** The request target as sent: an escaped path (may be empty: "/" is sent) and raw query. */
  target: string;
  /** Header lines in the order Go writes them after Host: User-Agent first, then by name. */
  headers: Array<[string, string]>;
  /** The Host header's value, or '' for host:port. */
  hostHeader: string;
}

export function newHttpGetRequest(action: HTTPGetAction, container: Container, podIP: string | undefined,
  purpose: 'probe' | 'lifecycle'): HttpGetRequest {
  const scheme = (action.scheme ?? '').toLowerCase() || 'http';
  const host = action.host || podIP || '';
  const port = resolveContainerPort(action.port, container);
  const headers = new Map<string, string[]>();
  for (const h of action.httpHeaders ?? []) {
    const key = canonicalHeaderKey(h.name ?? '');
    headers.set(key, [...(headers.get(key) ?? []), h.value ?? '']);
  }
  if (!headers.has('User-Agent')) headers.set('User-Agent', [`kube-${purpose}/${KUBE_MAJOR_MINOR}`]);
  if (!headers.has('Accept')) headers.set('Accept', ['*/*']);
  else if ((headers.get('Accept')![0] ?? '') === '') headers.delete('Accept');
  const hostHeader = headers.get('Host')?.[0] ?? '';
  const lines: Array<[string, string]> = [];
  const ua = headers.get('User-Agent')?.[0] ?? '';
  if (ua !== '') lines.push(['User-Agent', ua]);
  for (const key of [...headers.keys()].sort()) {
    if (key === 'Host' || key === 'User-Agent') continue;
    for (const v of headers.get(key)!) lines.push([key, v]);
  }
  return { scheme, host, port, target: requestTarget(action.path ?? ''), headers: lines, hostHeader };
}

/** The URL as Go prints it in errors: scheme://host:port/path?query. */
export function requestUrl(req: Pick<HttpGetRequest, 'scheme' | 'host' | 'port' | 'target'>): string {
  const t = req.target === '' || req.target.startsWith('/') || req.target.startsWith('?') ? req.target : `/${req.target}`;
  return `${req.scheme}://${joinHostPort(req.host, req.port)}${t}`;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** textproto.CanonicalMIMEHeaderKey: `x-custom-header` → `X-Custom-Header`; invalid names unchanged. */
export function canonicalHeaderKey(name: string): string {
  if (!TOKEN.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

// Characters Go leaves alone in an already-escaped path (everything else is percent-encoded).
const PATH_OK = /[A-Za-z0-9\-._~!$&'()*+,;=:@[\]/%]/;

/** The path and query of an httpGet action as the request line carries them (fragment dropped). */
export function requestTarget(path: string): string {
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  const q = path.indexOf('?');
  const p = q >= 0 ? path.slice(0, q) : path;
  const query = q >= 0 ? path.slice(q) : '';
  let escaped = '';
  for (const ch of p) escaped += PATH_OK.test(ch) ? ch : percentEncode(ch);
  if (escaped !== '' && !escaped.startsWith('/')) escaped = `/${escaped}`;
  let rawQuery = '';
  for (const ch of query) rawQuery += /[\x21-\x7e]/.test(ch) ? ch : percentEncode(ch);
  return escaped + rawQuery;
}

function percentEncode(ch: string): string {
  return [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
