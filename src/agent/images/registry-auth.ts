/**
 * Registry authentication: the `WWW-Authenticate` challenge of a 401 (Basic, or Bearer with a token
 * service as Docker Hub, GHCR and distribution's token auth use), anonymous or with credentials from
 * registries.yaml or a pod's imagePullSecrets; tokens are kept per host and scope until they expire.
 */
import { fetchURL, readBody } from './http-fetch.js';
import type { RegistryAuth } from './registries-config.js';

export interface Challenge { scheme: string; params: Record<string, string> }

/** Parses `Bearer realm="…",service="…",scope="…"` (the first challenge is used). */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2]!)) !== null) params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!;
  return { scheme: m[1]!.toLowerCase(), params };
}

export function basicHeader(auth: RegistryAuth): string | undefined {
  if (auth.auth) return `Basic ${auth.auth}`;
  if (auth.username !== undefined) {
    return `Basic ${Buffer.from(`${auth.username}:${auth.password ?? ''}`).toString('base64')}`;
  }
  return undefined;
}

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}

interface CachedToken { header: string; expires: number }

/** Keeps the Authorization header to send per registry host and repository. */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();

  header(host: string, repository: string): string | undefined {
    const t = this.tokens.get(`${host}/${repository}`);
    if (t === undefined) return undefined;
    if (Date.now() >= t.expires) {
      this.tokens.delete(`${host}/${repository}`);
      return undefined;
    }
    return t.header;
  }

  /** Answers a challenge; returns the header to retry with. */
  async authorize(host: string, repository: string, challenge: Challenge | undefined, auth: RegistryAuth | undefined,
    insecureSkipVerify: boolean): Promise<string> {
    const key = `${host}/${repository}`;
    if (challenge === undefined || challenge.scheme === 'basic') {
      const h = auth ? basicHeader(auth) : undefined;
      if (h === undefined) throw new AuthError('authorization failed: no basic auth credentials');
      this.tokens.set(key, { header: h, expires: Number.MAX_SAFE_INTEGER });
      return h;
    }
    if (challenge.scheme !== 'bearer') throw new AuthError(`unsupported authentication scheme "${challenge.scheme}"`);
    const realm = challenge.params.realm;
    if (!realm) throw new AuthError('the registry asked for a bearer token without naming a realm');
    const url = new URL(realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    url.searchParams.set('scope', challenge.params.scope ?? `repository:${repository}:pull`);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const basic = auth ? basicHeader(auth) : undefined;
    if (basic) headers.Authorization = basic;
    const res = await fetchURL(url.toString(), { headers, insecureSkipVerify });
    const body = await readBody(res, 1 << 20);
    if (res.status === 401 || res.status === 403) {
      throw new AuthError(`failed to fetch ${basic ? '' : 'anonymous '}token: unexpected status from GET request to ${url.toString()}: ${res.status} ${res.statusText}`);
    }
    if (res.status !== 200) {
      throw new AuthError(`failed to fetch token: unexpected status from GET request to ${url.toString()}: ${res.status} ${res.statusText}`);
    }
    let doc: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      doc = JSON.parse(body.toString('utf8')) as typeof doc;
    } catch {
      throw new AuthError('failed to fetch token: the token service did not answer JSON');
    }
    const token = typeof doc.token === 'string' ? doc.token : typeof doc.access_token === 'string' ? doc.access_token : '';
    if (token === '') throw new AuthError('failed to fetch token: the token service answered no token');
    const ttl = typeof doc.expires_in === 'number' && doc.expires_in > 0 ? doc.expires_in : 60;
    const header = `Bearer ${token}`;
    this.tokens.set(key, { header, expires: Date.now() + Math.max(1, ttl - 5) * 1000 });
    return header;
  }
}
