/**
 * Issues service-account tokens: JWTs signed with the service-account key, carrying the claims
 * Kubernetes puts in a TokenRequest's token.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_ISSUER, serviceAccountUsername, type BoundObjects, type KubernetesClaim, type ObjectRef,
  type ServiceAccountClaims,
} from './claims.js';
import { signJwt } from './jwt.js';
import type { SigningKey } from './signing-key.js';

/** A reference as the claim carries it: an unknown uid is left out (Go's omitempty). */
function refClaim(r: ObjectRef): ObjectRef {
  return (r.uid ? { name: r.name, uid: r.uid } : { name: r.name }) as ObjectRef;
}

export interface TokenRequestInput {
  namespace: string;
  serviceAccount: ObjectRef;
  audiences: readonly string[];
  expirationSeconds: number;
  bound?: BoundObjects;
}

export interface IssuedToken {
  token: string;
  claims: ServiceAccountClaims;
  issuedAt: Date;
  expiresAt: Date;
}

export interface IssuerOptions {
  issuer?: string;
  /** The clock (tests). */
  now?: () => Date;
}

export class ServiceAccountTokenIssuer {
  readonly issuer: string;
  private readonly now: () => Date;

  constructor(private readonly key: SigningKey, opts: IssuerOptions = {}) {
    this.issuer = opts.issuer ?? DEFAULT_ISSUER;
    this.now = opts.now ?? (() => new Date());
  }

  issue(req: TokenRequestInput): IssuedToken {
    // Whole seconds, so that the expirationTimestamp reported equals the token's exp.
    const iat = Math.floor(this.now().getTime() / 1000);
    const exp = iat + req.expirationSeconds;
    const k: KubernetesClaim = { namespace: req.namespace, serviceaccount: refClaim(req.serviceAccount) };
    if (req.bound?.pod) k.pod = refClaim(req.bound.pod);
    if (req.bound?.secret) k.secret = refClaim(req.bound.secret);
    if (req.bound?.node) k.node = refClaim(req.bound.node);
    const claims: ServiceAccountClaims = {
      aud: [...req.audiences],
      exp,
      iat,
      iss: this.issuer,
      jti: randomUUID(),
      'kubernetes.io': k,
      nbf: iat,
      sub: serviceAccountUsername(req.namespace, req.serviceAccount.name),
    };
    const token = signJwt(claims as unknown as Record<string, unknown>, this.key);
    return { token, claims, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
  }
}
