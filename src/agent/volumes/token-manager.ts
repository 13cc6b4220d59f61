/**
 * Service account tokens for projected volumes, as the kubelet's token manager keeps them: one
 * TokenRequest (POST serviceaccounts/<name>/token) per pod, service account, audience and lifetime,
 * bound to the pod, cached and renewed once 80% of its lifetime has passed (or after 24 hours).
 */
import type { Clientset } from '../../client/index.js';
import { statusErrorFrom } from '../../client/index.js';

export interface TokenRequestSpec {
  namespace: string;
  serviceAccount: string;
  audiences?: string[];
  expirationSeconds?: number;
  /** The pod the token is bound to. */
  pod: { name: string; uid: string };
}

interface CachedToken {
  token: string;
  expiresAt: number;
  expirationSeconds: number;
}

const MAX_TTL_MS = 24 * 3600 * 1000;
const MAX_JITTER_MS = 10_000;

function cacheKey(s: TokenRequestSpec): string {
  return JSON.stringify([s.namespace, s.serviceAccount, s.audiences ?? [], s.expirationSeconds ?? null, s.pod.uid]);
}

interface TokenRequestBody {
  spec?: { expirationSeconds?: number };
  status?: { token?: string; expirationTimestamp?: string };
}

export class TokenManager {
  private cache = new Map<string, CachedToken>();

  constructor(private readonly clientset: Clientset, private readonly now: () => number = Date.now) {}

  /** A token for the request: the cached one while fresh, else a new one (the old kept if renewal fails before expiry). */
  async token(spec: TokenRequestSpec): Promise<string> {
    const key = cacheKey(spec);
    const cached = this.cache.get(key);
    if (cached && !this.needsRefresh(cached)) return cached.token;
    try {
      const fresh = await this.request(spec);
      this.cache.set(key, fresh);
      return fresh.token;
    } catch (err) {
      const msg = (err as Error).message;
      if (!cached) throw new Error(`failed to fetch token: ${msg}`);
      if (cached.expiresAt <= this.now()) throw new Error(`token ${key} expired and refresh failed: ${msg}`);
      return cached.token;
    }
  }

  /** Forgets every token bound to the pod. */
  forgetPod(uid: string): void {
    for (const key of [...this.cache.keys()]) if ((JSON.parse(key) as unknown[])[4] === uid) this.cache.delete(key);
  }

  private needsRefresh(t: CachedToken): boolean {
    const now = this.now();
    const jitter = Math.random() * MAX_JITTER_MS;
    const issuedAt = t.expiresAt - t.expirationSeconds * 1000;
    if (now > issuedAt + MAX_TTL_MS - jitter) return true;
    return now > t.expiresAt - t.expirationSeconds * 200 - jitter;
  }

  private async request(s: TokenRequestSpec): Promise<CachedToken> {
    const path = this.clientset.resource({ group: '', version: 'v1', resource: 'serviceaccounts' })
      .path(s.namespace, s.serviceAccount, 'token');
    const spec: Record<string, unknown> = {
      boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: s.pod.name, uid: s.pod.uid },
    };
    if (s.audiences?.length) spec.audiences = s.audiences;
    if (s.expirationSeconds !== undefined) spec.expirationSeconds = s.expirationSeconds;
    const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: {}, spec };
    const res = await this.clientset.rest.request('POST', path, { body });
    if (res.status < 200 || res.status > 299) throw statusErrorFrom(res.status, res.text);
    const tr = JSON.parse(res.text) as TokenRequestBody;
    const token = tr.status?.token;
    const exp = Date.parse(tr.status?.expirationTimestamp ?? '');
    if (!token || Number.isNaN(exp)) throw new Error('the TokenRequest answer has no token or expiration');
    return { token, expiresAt: exp, expirationSeconds: tr.spec?.expirationSeconds ?? s.expirationSeconds ?? 3600 };
  }
}
