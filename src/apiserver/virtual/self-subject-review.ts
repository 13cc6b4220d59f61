/**
 * SelfSubjectReview (authentication.k8s.io/v1): who the server thinks the caller is
 * (`kubectl auth whoami`). Also served as v1beta1, the version kubectl 1.27 falls back to.
 */
import type { Json } from './fields.js';
import { timestamp, type RequestUser, type VirtualKind } from './review.js';

/** authentication/v1 UserInfo of a user; uid and extra only when set. */
export function userInfoOf(user: RequestUser): Json {
  const out: Json = { username: user.name };
  if (user.uid) out.uid = user.uid;
  out.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) {
    out.extra = Object.fromEntries(Object.entries(user.extra).map(([k, v]) => [k, [...v]]));
  }
  return out;
}

export const selfSubjectReview: VirtualKind = {
  group: 'authentication.k8s.io', version: 'v1', olderVersions: ['v1beta1'],
  kind: 'SelfSubjectReview', resource: 'selfsubjectreviews', namespaced: false,
  async handle(req, deps) {
    const now = deps.now?.() ?? new Date();
    return {
      kind: 'SelfSubjectReview',
      apiVersion: req.object.apiVersion,
      metadata: { creationTimestamp: timestamp(now) },
      status: { userInfo: userInfoOf(req.user) },
    };
  },
};
