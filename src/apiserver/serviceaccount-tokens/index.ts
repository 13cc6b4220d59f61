/**
 * Service-account tokens: the signing key under <data-dir>/tls, the issuer behind the
 * serviceaccounts/token subresource (TokenRequest), and the bearer-token authenticator that turns
 * such a token back into the user system:serviceaccount:<namespace>:<name>.
 */
export {
  loadOrCreateSigningKey, signingKeyFromPem, signingKeyPath, SERVICE_ACCOUNT_KEY_FILE,
  type JwsAlgorithm, type SigningKey,
} from './signing-key.js';
export { parseJwt, signJwt, verifyJwt, type ParsedJwt } from './jwt.js';
export {
  DEFAULT_API_AUDIENCES, DEFAULT_EXPIRATION_SECONDS, DEFAULT_ISSUER, MAX_EXPIRATION_SECONDS, MIN_EXPIRATION_SECONDS,
  serviceAccountGroups, serviceAccountUsername,
  type BoundObjects, type KubernetesClaim, type ObjectRef, type ServiceAccountClaims,
} from './claims.js';
export { ServiceAccountTokenIssuer, type IssuedToken, type IssuerOptions, type TokenRequestInput } from './issuer.js';
export {
  ServiceAccountTokenAuthenticator, EXTRA_CREDENTIAL_ID, EXTRA_NODE_NAME, EXTRA_NODE_UID, EXTRA_POD_NAME, EXTRA_POD_UID,
  type AuthenticatorOptions, type LiveObject, type LiveObjectLookup, type LookupResource, type TokenCheck, type TokenUser,
} from './authenticator.js';
