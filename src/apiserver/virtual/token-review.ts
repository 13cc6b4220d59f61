/**
 * TokenReview (authentication.k8s.io/v1): checks a bearer token for the given audiences (default:
 * the API server's) and reports the user it authenticates, or why it does not.
 */
import { badRequest } from '../../api/index.js';
import { AUTHENTICATED_GROUP } from '../authz/index.js';
import { FieldReader, type Json } from './fields.js';
import type { VirtualKind } from './review.js';
import { userInfoOf } from './self-subject-review.js';

const read = new FieldReader('TokenReview');

export const tokenReview: VirtualKind = {
  group: 'authentication.k8s.io', version: 'v1', kind: 'TokenReview', resource: 'tokenreviews', namespaced: false,
  async handle(req, deps) {
    const spec = read.object(req.object, 'spec', 'spec');
    const token = read.string(spec, 'token', 'spec.token');
    const requested = read.strings(spec, 'audiences', 'spec.audiences');
    if (!token) throw badRequest('token is required for TokenReview in authentication');
    const audiences = requested.length ? requested : deps.apiAudiences;
    const r = deps.checkToken(token, audiences);
    let status: Json;
    if (r.status === 'authenticated') {
      const groups = r.user.groups.includes(AUTHENTICATED_GROUP) ? r.user.groups : [...r.user.groups, AUTHENTICATED_GROUP];
      status = { authenticated: true, user: userInfoOf({ ...r.user, groups }), audiences: r.audiences };
    } else {
      // authenticated is omitempty in Kubernetes' JSON: false is left out.
      status = { user: {}, error: r.status === 'rejected' ? r.error : 'invalid bearer token' };
    }
    return { ...req.object, metadata: req.object.metadata ?? {}, status };
  },
};
