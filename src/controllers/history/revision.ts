/**
 * ControllerRevisions as DaemonSets and StatefulSets keep them: the data is a strategic merge patch
 * that puts the pod template back (`{"spec":{"template":{…,"$patch":"replace"}}}`, the form
 * `kubectl rollout undo` sends to the server), the revision number orders them, the name is
 * "<owner>-<hash>" (the owner's name cut to 223 characters), and the labels are the template's plus
 * a hash label. Two revisions are equal when their data serializes to the same bytes.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import type { GroupVersionResource } from '../../client/index.js';
import { goJson, revisionDataHash } from './hash.js';

export const CONTROLLERREVISIONS: GroupVersionResource = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
/** apps.ControllerRevisionHashLabelKey: on daemon and stateful pods, and on DaemonSet revisions. */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';
/** history.ControllerRevisionHashLabel: on revisions made by history.NewControllerRevision (StatefulSets). */
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

export interface PodTemplate { metadata?: KObject['metadata']; spec?: Record<string, unknown> }

export interface ControllerRevision extends KObject {
  data?: unknown;
  revision?: number;
}

/** The kind of the owning controller, for its controller reference. */
export interface OwnerKind { apiVersion: string; kind: string }

export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

export function newControllerRef(owner: KObject, kind: OwnerKind): OwnerReference {
  return { apiVersion: kind.apiVersion, kind: kind.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/**
 * history.NewControllerRevision: owned by the controller, labelled with the template's labels and
 * the hash of the data (with the collision count as probe), named "<owner>-<hash>".
 */
export function newControllerRevision(
  owner: KObject, kind: OwnerKind, templateLabels: Record<string, string> | undefined, data: unknown, revision: number, collisionCount?: number,
): ControllerRevision {
  const hash = revisionDataHash(data, collisionCount);
  return {
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(owner.metadata.name ?? '', hash), namespace: owner.metadata.namespace,
      labels: { ...templateLabels, [REVISION_HASH_LABEL]: hash }, ownerReferences: [newControllerRef(owner, kind)],
    },
    data, revision,
  };
}

/** The patch that restores a template, as getPatch builds it (keys sorted, as Go writes a map). */
export function templatePatch(template: PodTemplate | undefined): Record<string, unknown> {
  const raw = JSON.parse(goJson({ spec: { template: { ...structuredClone(template ?? {}), $patch: 'replace' } } })) as Record<string, unknown>;
  return raw;
}

/** The bytes Kubernetes would store as the revision's data. */
export function revisionBytes(data: unknown): string {
  return goJson(data);
}

/** The pod template a revision restores (its data's spec.template without the directive). */
export function templateOfRevision(rev: ControllerRevision): PodTemplate | undefined {
  const t = (rev.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template;
  if (!t || typeof t !== 'object') return undefined;
  const copy = structuredClone(t);
  delete copy.$patch;
  return copy as PodTemplate;
}

/**
 * history.EqualRevision: the same data bytes. Kubernetes first compares the hash labels, but only
 * when both parse as decimal integers — safe-encoded hashes almost never do — so that is kept.
 */
export function equalRevision(a: ControllerRevision | undefined, b: ControllerRevision | undefined): boolean {
  if (!a || !b) return a === b;
  const ha = a.metadata.labels?.[REVISION_HASH_LABEL];
  const hb = b.metadata.labels?.[REVISION_HASH_LABEL];
  const decimal = (h: string | undefined): h is string => h !== undefined && /^[+-]?\d+$/.test(h);
  if (decimal(ha) && decimal(hb) && Number(ha) !== Number(hb)) return false;
  return revisionBytes(a.data) === revisionBytes(b.data);
}

/** Sorted by revision number, then creation time, then name (history.SortControllerRevisions). */
export function sortRevisions(revs: readonly ControllerRevision[]): ControllerRevision[] {
  const created = (r: ControllerRevision): number => Date.parse(r.metadata.creationTimestamp ?? '') || 0;
  return [...revs].sort((a, b) => {
    const d = (a.revision ?? 0) - (b.revision ?? 0);
    if (d) return d;
    const t = created(a) - created(b);
    if (t) return t;
    return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  });
}

/** One more than the highest revision (1 for none); expects sortRevisions' order. */
export function nextRevision(sorted: readonly ControllerRevision[]): number {
  return sorted.length ? (sorted[sorted.length - 1].revision ?? 0) + 1 : 1;
}

export function maxRevision(revs: readonly ControllerRevision[]): number {
  return revs.reduce((m, r) => Math.max(m, r.revision ?? 0), 0);
}

export function controllerOf(o: KObject): OwnerReference | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller === true);
}

/**
 * The revisions to delete to keep at most `limit` that are not live: the oldest first (by
 * sortRevisions' order). Live revisions (current, update, or a live pod's) are always kept.
 */
export function revisionsBeyondLimit(revs: readonly ControllerRevision[], isLive: (r: ControllerRevision) => boolean, limit: number): ControllerRevision[] {
  const history = sortRevisions(revs).filter((r) => !isLive(r));
  if (limit < 0 || history.length <= limit) return [];
  return history.slice(0, history.length - limit);
}
