/**
 * Bearer-token authentication of service-account JWTs: the signature (our key), the issuer, the
 * audiences, the validity window, and that the service account — and the pod, secret or node the
 * token is bound to — still exists with the uid the token names. A token that is not ours (another
 * issuer, not a JWT) is "not mine", so that other authenticators may try it.
 */
import {
  DEFAULT_API_AUDIENCES, DEFAULT_ISSUER, readClaims, serviceAccountGroups, serviceAccountUsername,
  type ObjectRef, type ServiceAccountClaims,
} from './claims.js';
import { parseJwt, verifyJwt } from './jwt.js';
import type { SigningKey } from './signing-key.js';

export type LookupResource = 'serviceaccounts' | 'pods' | 'secrets' | 'nodes';

/** What authentication needs to know of a live object. */
export interface LiveObject { uid: string; deletionTimestamp?: string }

/** Reads an object as the server currently has it (the watch cache); synchronous on purpose. */
export type LiveObjectLookup = (resource: LookupResource, namespace: string | undefined, name: string) => LiveObject | undefined;

/** Keys Kubernetes puts in a service account's user extra. */
export const EXTRA_CREDENTIAL_ID = 'authentication.kubernetes.io/credential-id';
export const EXTRA_POD_NAME = 'authentication.kubernetes.io/pod-name';
export const EXTRA_POD_UID = 'authentication.kubernetes.io/pod-uid';
export const EXTRA_NODE_NAME = 'authentication.kubernetes.io/node-name';
export const EXTRA_NODE_UID = 'authentication.kubernetes.io/node-uid';

export interface TokenUser {
  name: string;
  uid: string;
  /** Without system:authenticated: the request authenticator adds it. */
  groups: string[];
  extra: Record<string, string[]>;
}

export type TokenCheck =
  | { status: 'authenticated'; user: TokenUser; audiences: string[] }
  | { status: 'rejected'; error: string }
  | { status: 'not-mine' };

export interface AuthenticatorOptions {
  issuer?: string;
  /** Audiences the API server accepts when the caller names none. */
  apiAudiences?: readonly string[];
  now?: () => Date;
  /** Clock skew tolerated on exp/nbf/iat and deletions (go-jose's default: one minute). */
  leewaySeconds?: number;
}

/** Go's %q of a []string: ["a" "b"]. */
function goQuoted(list: readonly string[]): string {
  return `[${list.map((s) => JSON.stringify(s)).join(' ')}]`;
}

export class ServiceAccountTokenAuthenticator {
  readonly issuer: string;
  readonly apiAudiences: readonly string[];
  private readonly now: () => Date;
  private readonly leeway: number;

  constructor(private readonly key: SigningKey, private readonly lookup: LiveObjectLookup, opts: AuthenticatorOptions = {}) {
    this.issuer = opts.issuer ?? DEFAULT_ISSUER;
    this.apiAudiences = opts.apiAudiences ?? DEFAULT_API_AUDIENCES;
    this.now = opts.now ?? (() => new Date());
    this.leeway = opts.leewaySeconds ?? 60;
  }

  /** The TokenAuthenticator the server's request authentication calls. */
  readonly authenticate = (token: string): TokenUser | undefined => {
    const r = this.check(token);
    return r.status === 'authenticated' ? r.user : undefined;
  };

  /** Checks a token for the given audiences (default: the API server's). */
  check(token: string, audiences?: readonly string[]): TokenCheck {
    if (token.trimStart().startsWith('{')) return { status: 'not-mine' };
    const jwt = parseJwt(token);
    if (!jwt || jwt.payload.iss !== this.issuer) return { status: 'not-mine' };
    if (!verifyJwt(jwt, this.key)) return { status: 'rejected', error: 'invalid bearer token, token signature could not be verified' };
    const claims = readClaims(jwt.payload);
    if (!claims) return { status: 'rejected', error: 'service account token claims could not be validated due to unexpected private claim' };
    const wanted = audiences && audiences.length ? audiences : this.apiAudiences;
    const tokenAuds = claims.aud.length ? claims.aud : this.apiAudiences;
    const matched = tokenAuds.filter((a) => wanted.includes(a));
    if (matched.length === 0) {
      return { status: 'rejected', error: `token audiences ${goQuoted(tokenAuds)} is invalid for the target audiences ${goQuoted(wanted)}` };
    }
    const error = this.validate(claims);
    if (error) return { status: 'rejected', error };
    return { status: 'authenticated', user: userOf(claims), audiences: matched };
  }

  private validate(c: ServiceAccountClaims): string | undefined {
    const nowMs = this.now().getTime();
    const now = nowMs / 1000;
    if (c.nbf && now + this.leeway < c.nbf) return 'service account token is not valid yet';
    if (now - this.leeway > c.exp) return 'service account token has expired';
    if (c.iat && now + this.leeway < c.iat) return 'service account token claims could not be validated due to unexpected validation error';
    const deletedLongAgo = (o: { deletionTimestamp?: string }): boolean =>
      o.deletionTimestamp !== undefined && Date.parse(o.deletionTimestamp) < nowMs - this.leeway * 1000;
    const k = c['kubernetes.io'];
    const ns = k.namespace;
    const sa = this.lookup('serviceaccounts', ns, k.serviceaccount.name);
    if (!sa) return `serviceaccounts "${k.serviceaccount.name}" not found`;
    if (sa.uid !== k.serviceaccount.uid) return `service account UID (${sa.uid}) does not match claim (${k.serviceaccount.uid})`;
    if (deletedLongAgo(sa)) return `service account ${ns}/${k.serviceaccount.name} has been deleted`;
    const bound = (resource: LookupResource, namespace: string | undefined, ref: ObjectRef, what: string): string | undefined => {
      const o = this.lookup(resource, namespace, ref.name);
      if (!o || deletedLongAgo(o)) return 'service account token has been invalidated';
      if (o.uid !== ref.uid) return `${what} UID (${o.uid}) does not match service account ${what} ref claim (${ref.uid})`;
      return undefined;
    };
    if (k.secret) {
      const e = bound('secrets', ns, k.secret, 'secret');
      if (e) return e;
    }
    if (k.pod) {
      const e = bound('pods', ns, k.pod, 'pod');
      if (e) return e;
    } else if (k.node) {
      const e = bound('nodes', undefined, k.node, 'node');
      if (e) return e;
    }
    return undefined;
  }
}

function userOf(c: ServiceAccountClaims): TokenUser {
  const k = c['kubernetes.io'];
  const extra: Record<string, string[]> = {};
  if (k.pod && k.pod.uid) {
    extra[EXTRA_POD_NAME] = [k.pod.name];
    extra[EXTRA_POD_UID] = [k.pod.uid];
  }
  if (c.jti) extra[EXTRA_CREDENTIAL_ID] = [`JTI=${c.jti}`];
  if (k.node) {
    extra[EXTRA_NODE_NAME] = [k.node.name];
    if (k.node.uid) extra[EXTRA_NODE_UID] = [k.node.uid];
  }
  return {
    name: serviceAccountUsername(k.namespace, k.serviceaccount.name),
    uid: k.serviceaccount.uid,
    groups: serviceAccountGroups(k.namespace),
    extra,
  };
}
