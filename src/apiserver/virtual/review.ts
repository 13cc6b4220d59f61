/**
 * What a virtual resource handler is given and returns, and the dependencies the reviews and
 * TokenRequest use (an authorizer, a token checker, the token issuer, object reads).
 */
import type { KObject } from '../../api/index.js';
import type { Authorizer, Subject } from '../authz/index.js';
import type { ServiceAccountTokenIssuer, TokenCheck } from '../serviceaccount-tokens/index.js';
import type { Json } from './fields.js';

/** The authenticated requester (authn's UserInfo, with the extra a token may carry). */
export type RequestUser = Subject;

/** Reads a stored object; throws the registry's 404 StatusError when it does not exist. */
export type ObjectGetter = (resource: 'serviceaccounts' | 'pods' | 'secrets' | 'nodes', namespace: string | undefined, name: string) => Promise<KObject>;

export interface VirtualDeps {
  authorizer: Authorizer;
  issuer: ServiceAccountTokenIssuer;
  /** Checks a bearer token for the given audiences (empty: the API server's), as authentication would. */
  checkToken(token: string, audiences: readonly string[]): TokenCheck;
  /** The audiences the API server accepts; the default audience of a TokenRequest and TokenReview. */
  apiAudiences: readonly string[];
  getObject: ObjectGetter;
  now?: () => Date;
}

/** One request for a virtual resource, already routed and decoded. */
export interface ReviewRequest {
  user: RequestUser;
  /** The namespace in the URL. */
  namespace?: string;
  /** The name in the URL (serviceaccounts/NAME/token). */
  name?: string;
  object: Json;
  /** Warnings to send with the response. */
  warnings: string[];
}

export interface VirtualKind {
  /** The kind's group and version: what the body's apiVersion names. */
  group: string;
  version: string;
  /** Older versions of the same shape also served (for older clients), e.g. v1beta1. */
  olderVersions?: readonly string[];
  kind: string;
  /** Where it is served, when that differs from group/version (TokenRequest lives under core serviceaccounts). */
  path?: { group: string; version: string };
  /** The URL's resource (reviews) or the parent resource of the subresource. */
  resource: string;
  subresource?: string;
  namespaced: boolean;
  handle(req: ReviewRequest, deps: VirtualDeps): Promise<Json>;
}

export function apiVersionOf(k: { group: string; version: string }): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** metav1.Time at second precision. */
export function timestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
