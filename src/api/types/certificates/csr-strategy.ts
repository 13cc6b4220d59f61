/**
 * Kubernetes' CertificateSigningRequest strategies, the parts beyond validation: a create records
 * who asked (spec.username, uid, groups, extra — whatever the client sent is dropped) and starts with
 * no conditions; a write through /approval changes only status.conditions, whose timestamps the
 * server fills in when the client left them out.
 */
import type { KObject } from '../../meta/object-meta.js';
import type { Requester } from '../../resource.js';
import type { CertificateSigningRequestLike, CSRCondition } from './csr-validation.js';

/** PrepareForCreate: the requester from the authenticated user, never from the body. */
export function recordRequester(csr: CertificateSigningRequestLike, requester: Requester | undefined): void {
  const spec = (csr.spec ??= {});
  delete spec.username;
  delete spec.uid;
  delete spec.groups;
  delete spec.extra;
  if (!requester) return;
  if (requester.name) spec.username = requester.name;
  if (requester.uid) spec.uid = requester.uid;
  if (requester.groups.length) spec.groups = [...requester.groups];
  const extra = Object.entries(requester.extra ?? {});
  if (extra.length) spec.extra = Object.fromEntries(extra.map(([k, v]) => [k, [...v]]));
}

/**
 * Missing lastUpdateTime becomes now; missing lastTransitionTime is the old condition's of the same
 * type and status when there is one, else now.
 */
export function populateConditionTimestamps(csr: CertificateSigningRequestLike, old: CertificateSigningRequestLike, now: string): void {
  for (const c of csr.status?.conditions ?? []) {
    c.lastUpdateTime ||= now;
    if (!c.lastTransitionTime) {
      const prev = (old.status?.conditions ?? []).find((o) => o.type === c.type && o.status === c.status && o.lastTransitionTime);
      c.lastTransitionTime = prev?.lastTransitionTime ?? now;
    }
  }
}

/**
 * The approval strategy's PrepareForUpdate: the stored request with the body's conditions (their
 * timestamps filled in) and nothing else of it, but its resourceVersion (a precondition).
 */
export function withApprovalOf(body: KObject, cur: KObject, now: string): KObject {
  const next = structuredClone(cur) as CertificateSigningRequestLike;
  const wanted = structuredClone((body as CertificateSigningRequestLike).status?.conditions) as CSRCondition[] | undefined;
  const status = { ...next.status };
  if (wanted === undefined || wanted === null) delete status.conditions; else status.conditions = wanted;
  next.status = status;
  populateConditionTimestamps(next, cur as CertificateSigningRequestLike, now);
  if (body.metadata?.resourceVersion) next.metadata.resourceVersion = body.metadata.resourceVersion;
  else delete next.metadata.resourceVersion;
  return next;
}
