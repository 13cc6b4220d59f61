/**
 * The claims of a service-account token, shaped as Kubernetes issues them: the registered claims
 * (iss, sub, aud, exp, iat, nbf, jti) and the private "kubernetes.io" claim naming the namespace,
 * the service account and the object the token is bound to (pod, secret or node).
 */

/** The issuer kube-apiserver uses by default (and k3s): tokens name it in `iss`. */
export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The audiences the API server itself accepts; also the default audience of a TokenRequest. */
export const DEFAULT_API_AUDIENCES: readonly string[] = [DEFAULT_ISSUER];
/** TokenRequest defaults (v1 defaulting) and the shortest lifetime validation allows. */
export const DEFAULT_EXPIRATION_SECONDS = 3600;
export const MIN_EXPIRATION_SECONDS = 600;
export const MAX_EXPIRATION_SECONDS = 2 ** 32;

export const SERVICE_ACCOUNT_USER_PREFIX = 'system:serviceaccount:';
export const ALL_SERVICE_ACCOUNTS_GROUP = 'system:serviceaccounts';

export interface ObjectRef { name: string; uid: string }

/** Objects a token is bound to; it stops authenticating once they are gone. */
export interface BoundObjects {
  pod?: ObjectRef;
  secret?: ObjectRef;
  /** The node (a pod's node, or the node a token is bound to); uid may be empty when unknown. */
  node?: ObjectRef;
}

export interface KubernetesClaim {
  namespace: string;
  serviceaccount: ObjectRef;
  pod?: ObjectRef;
  secret?: ObjectRef;
  node?: ObjectRef;
}

export interface ServiceAccountClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': KubernetesClaim;
}

export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${name}`;
}

export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS_GROUP, `${ALL_SERVICE_ACCOUNTS_GROUP}:${namespace}`];
}

function refOf(v: unknown): ObjectRef | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  if (typeof r.name !== 'string') return undefined;
  return { name: r.name, uid: typeof r.uid === 'string' ? r.uid : '' };
}

/** The audience claim may be a string or a list (RFC 7519 §4.1.3). */
function audiencesOf(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (v === undefined) return [];
  return undefined;
}

/**
 * Reads the claims of a verified payload; undefined when it lacks what a service-account token
 * must carry (a namespace and a service account with a uid, and numeric times).
 */
export function readClaims(payload: Record<string, unknown>): ServiceAccountClaims | undefined {
  const k = payload['kubernetes.io'];
  if (typeof k !== 'object' || k === null) return undefined;
  const kc = k as Record<string, unknown>;
  const sa = refOf(kc.serviceaccount);
  const aud = audiencesOf(payload.aud);
  if (typeof kc.namespace !== 'string' || !sa || !sa.uid || !aud) return undefined;
  if (typeof payload.exp !== 'number') return undefined;
  const claim: KubernetesClaim = { namespace: kc.namespace, serviceaccount: sa };
  const pod = refOf(kc.pod);
  const secret = refOf(kc.secret);
  const node = refOf(kc.node);
  if (pod) claim.pod = pod;
  if (secret) claim.secret = secret;
  if (node) claim.node = node;
  return {
    iss: typeof payload.iss === 'string' ? payload.iss : '',
    sub: typeof payload.sub === 'string' ? payload.sub : '',
    aud,
    exp: payload.exp,
    iat: typeof payload.iat === 'number' ? payload.iat : 0,
    nbf: typeof payload.nbf === 'number' ? payload.nbf : 0,
    jti: typeof payload.jti === 'string' ? payload.jti : '',
    'kubernetes.io': claim,
  };
}
