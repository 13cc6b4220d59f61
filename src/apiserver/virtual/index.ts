/**
 * Virtual resources: the kinds the server answers without storing anything — SelfSubjectReview and
 * TokenReview (authentication.k8s.io), the access and rules reviews (authorization.k8s.io), and the
 * serviceaccounts/token subresource (TokenRequest). They back `kubectl auth whoami`,
 * `kubectl auth can-i` and `kubectl create token`. Request bodies may be JSON, YAML or protobuf.
 */
export {
  virtualResourceHandler, matchVirtual, VIRTUAL_KINDS,
  type VirtualPath, type VirtualRequest, type VirtualResourceHandler, type VirtualResponse,
} from './handler.js';
export type { ObjectGetter, RequestUser, VirtualDeps, VirtualKind } from './review.js';
export { createAuthServices, cacheLookup, registryGetter, type AuthServices, type AuthServicesOptions } from './auth-services.js';
export { decodeReviewBody, PROTOBUF_MEDIA_TYPE } from './review-body.js';
