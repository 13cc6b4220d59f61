/**
 * Assembles what the server needs for service-account tokens and the review resources from its
 * data directory and registry: the signing key, the token issuer and authenticator (reading
 * service accounts, pods, secrets and nodes from the watch cache), the authorizer chain and the
 * virtual resource handler.
 */
import type { KObject } from '../../api/index.js';
import type { TokenAuthenticator, UserInfo } from '../authn.js';
import { defaultAuthorizer, type Authorizer } from '../authz/index.js';
import { storageKey } from '../registry/resource-index.js';
import type { Registry } from '../rest/registry.js';
import {
  DEFAULT_API_AUDIENCES, loadOrCreateSigningKey, ServiceAccountTokenAuthenticator, ServiceAccountTokenIssuer,
  type LiveObjectLookup, type SigningKey, type TokenCheck,
} from '../serviceaccount-tokens/index.js';
import { virtualResourceHandler, type VirtualResourceHandler } from './handler.js';
import type { ObjectGetter } from './review.js';

export interface AuthServicesOptions {
  dataDir: string;
  registry: Registry;
  /** Other bearer tokens the server knows (agents' tokens): tried after service-account JWTs. */
  staticTokens?: TokenAuthenticator;
  authorizer?: Authorizer;
  apiAudiences?: readonly string[];
  now?: () => Date;
}

export interface AuthServices {
  /** Serves the review resources and serviceaccounts/token. */
  handler: VirtualResourceHandler;
  /** Bearer-token authentication: service-account JWTs, then the static tokens. */
  authenticateToken: TokenAuthenticator;
  issuer: ServiceAccountTokenIssuer;
  authenticator: ServiceAccountTokenAuthenticator;
  authorizer: Authorizer;
  signingKey: SigningKey;
}

type CoreResource = 'serviceaccounts' | 'pods' | 'secrets' | 'nodes';

function coreDef(registry: Registry, resource: CoreResource) {
  return registry.index.lookup('', 'v1', resource);
}

/** Reads from the watch cache: authentication runs synchronously. */
export function cacheLookup(registry: Registry): LiveObjectLookup {
  return (resource, namespace, name) => {
    const def = coreDef(registry, resource);
    if (!def) return undefined;
    const cached = registry.cache.get(storageKey(registry.index.storageOf(def), def.namespaced ? namespace : undefined, name));
    if (!cached) return undefined;
    const meta = cached.obj.metadata;
    return { uid: meta.uid ?? '', deletionTimestamp: meta.deletionTimestamp ?? undefined };
  };
}

/** Reads from storage, with the registry's 404 when the object does not exist. */
export function registryGetter(registry: Registry): ObjectGetter {
  return async (resource, namespace, name): Promise<KObject> => {
    const def = coreDef(registry, resource);
    if (!def) throw new Error(`Cannot read ${resource}: the kind is not registered`);
    return registry.get({ def, loc: registry.index.storageOf(def), namespace: def.namespaced ? namespace : undefined }, name);
  };
}

export async function createAuthServices(opts: AuthServicesOptions): Promise<AuthServices> {
  const signingKey = await loadOrCreateSigningKey(opts.dataDir);
  const apiAudiences = opts.apiAudiences ?? DEFAULT_API_AUDIENCES;
  const issuer = new ServiceAccountTokenIssuer(signingKey, { now: opts.now });
  const authenticator = new ServiceAccountTokenAuthenticator(signingKey, cacheLookup(opts.registry), { apiAudiences, now: opts.now });
  const authorizer = opts.authorizer ?? defaultAuthorizer();
  const staticTokens = opts.staticTokens;
  const checkToken = (token: string, audiences: readonly string[]): TokenCheck => {
    const r = authenticator.check(token, audiences);
    if (r.status !== 'not-mine' || !staticTokens) return r;
    // Static tokens are meant for the API server itself.
    const matched = (audiences.length ? audiences : apiAudiences).filter((a) => apiAudiences.includes(a));
    const u: UserInfo | undefined = matched.length ? staticTokens(token) : undefined;
    if (!u) return r;
    return { status: 'authenticated', user: { name: u.name, uid: u.uid ?? '', groups: [...u.groups], extra: {} }, audiences: matched };
  };
  const handler = virtualResourceHandler({
    authorizer, issuer, checkToken, apiAudiences, getObject: registryGetter(opts.registry), now: opts.now,
  });
  const authenticateToken: TokenAuthenticator = (token) => authenticator.authenticate(token) ?? staticTokens?.(token);
  return { handler, authenticateToken, issuer, authenticator, authorizer, signingKey };
}
