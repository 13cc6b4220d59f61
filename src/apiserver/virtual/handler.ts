/**
 * Routes requests for the virtual resources — the review kinds and serviceaccounts/token — which
 * have no ResourceDef and are never stored: each POST is answered from the caller's identity, the
 * Authorizer, or the token issuer. Paths that are not virtual return undefined so the server goes on.
 */
import { StatusError } from '../../api/index.js';
import { localSubjectAccessReview, selfSubjectAccessReview, subjectAccessReview } from './access-reviews.js';
import type { Json } from './fields.js';
import { decodeReviewBody } from './review-body.js';
import { apiVersionOf, type RequestUser, type VirtualDeps, type VirtualKind } from './review.js';
import { selfSubjectRulesReview } from './rules-review.js';
import { selfSubjectReview } from './self-subject-review.js';
import { tokenRequest } from './token-request.js';
import { tokenReview } from './token-review.js';

export const VIRTUAL_KINDS: readonly VirtualKind[] = [
  selfSubjectReview, tokenReview,
  selfSubjectAccessReview, selfSubjectRulesReview, subjectAccessReview, localSubjectAccessReview,
  tokenRequest,
];

/** The parts of the parsed URL routing needs (request-info's RequestInfo fits). */
export interface VirtualPath {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  rest?: readonly string[];
}

export interface VirtualRequest {
  method: string;
  info: VirtualPath;
  user: RequestUser;
  contentType?: string;
  /** Reads the request body; called only for paths this handler serves. */
  readBody(): Promise<Buffer>;
}

export interface VirtualResponse {
  code: number;
  body: Json;
  /** To send as Warning headers. */
  warnings: string[];
}

export type VirtualResourceHandler = (req: VirtualRequest) => Promise<VirtualResponse | undefined>;

function notFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

function methodNotAllowed(): StatusError {
  return new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

/** The virtual kind served at this path, or undefined when the path is not virtual. */
export function matchVirtual(info: VirtualPath): VirtualKind | undefined {
  for (const k of VIRTUAL_KINDS) {
    const at = k.path ?? k;
    const versionServed = info.version === at.version || (!k.path && !!k.olderVersions?.includes(info.version));
    if (info.group !== at.group || !versionServed || info.resource !== k.resource) continue;
    if (k.subresource) {
      if (info.subresource === k.subresource && info.name) return k;
      continue;
    }
    return k;
  }
  return undefined;
}

/**
 * Sets or checks metadata.namespace against the URL, as Kubernetes' create handler does: filled in
 * when empty, cleared for cluster-scoped kinds, a 400 when it names another namespace.
 */
function reconcileNamespace(obj: Json, kind: VirtualKind, urlNamespace: string | undefined): void {
  const meta = obj.metadata;
  if (meta !== undefined && (typeof meta !== 'object' || meta === null || Array.isArray(meta))) return;
  const m = (meta ?? {}) as Json;
  const own = typeof m.namespace === 'string' ? m.namespace : '';
  if (!kind.namespaced) {
    if (own) delete m.namespace;
  } else if (!own) {
    m.namespace = urlNamespace;
  } else if (own !== urlNamespace) {
    throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
  }
  obj.metadata = m;
}

export function virtualResourceHandler(deps: VirtualDeps): VirtualResourceHandler {
  return async (req) => {
    const kind = matchVirtual(req.info);
    if (!kind) return undefined;
    const { info } = req;
    const named = kind.subresource !== undefined;
    if ((!named && (info.name || info.subresource)) || (info.rest && info.rest.length)) throw notFound();
    if (kind.namespaced !== !!info.namespace) throw notFound();
    if (req.method !== 'POST') throw methodNotAllowed();
    const body = await req.readBody();
    // A kind served under its own group answers in the version asked for.
    const apiVersion = kind.path ? apiVersionOf(kind) : apiVersionOf({ group: kind.group, version: info.version });
    const object = decodeReviewBody(body, req.contentType, apiVersion, kind.kind);
    reconcileNamespace(object, kind, info.namespace);
    const warnings: string[] = [];
    const out = await kind.handle({ user: req.user, namespace: info.namespace, name: info.name, object, warnings }, deps);
    return { code: 201, body: out, warnings };
  };
}
