/**
 * A StatefulSet's revisions, as getStatefulSetRevisions and truncateHistory keep them. The update
 * revision is the one whose data restores the set's template: the newest revision if it already
 * does, else an older equal one renumbered to the top (a rollback), else a new revision named
 * "<set>-<hash of the data and collision count>". The current revision is the one status names
 * (the update revision on the first pass). History beyond revisionHistoryLimit is deleted, oldest
 * first, sparing the current and update revisions and any a pod runs.
 */
import {
  ControllerHistory, equalRevision, newControllerRevision, nextRevision, revisionsBeyondLimit, templateOfRevision, templatePatch,
  type ControllerRevision,
} from '../history/index.js';
import { podRevision } from './identity.js';
import { STATEFULSET_KIND, type StatefulPod, type StatefulSet } from './types.js';

/** newRevision: the revision that restores the set's template, carrying the set's annotations. */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set, STATEFULSET_KIND, set.spec?.template?.metadata?.labels, templatePatch(set.spec?.template), revision, collisionCount);
  cr.metadata.annotations = { ...set.metadata.annotations };
  return cr;
}

/** ApplyRevision: the set with the revision's template. */
export function applyRevision(set: StatefulSet, rev: ControllerRevision): StatefulSet {
  const clone = structuredClone(set);
  clone.spec = { ...clone.spec, template: templateOfRevision(rev) ?? clone.spec?.template };
  return clone;
}

export interface SetRevisions { current: ControllerRevision; update: ControllerRevision; collisionCount: number }

/** The current and update revisions; may create or renumber one. `sorted` is in sortRevisions' order. */
export async function statefulSetRevisions(history: ControllerHistory, set: StatefulSet, sorted: readonly ControllerRevision[]): Promise<SetRevisions> {
  const collision = { value: set.status?.collisionCount ?? 0 };
  let update = newRevision(set, nextRevision(sorted), collision.value);
  const equal = sorted.filter((r) => equalRevision(r, update));
  const last = sorted[sorted.length - 1];
  if (equal.length && equalRevision(last, equal[equal.length - 1])) {
    update = last;
  } else if (equal.length) {
    update = await history.updateRevision(equal[equal.length - 1], update.revision ?? 0);
  } else {
    update = await history.create(set, update, collision);
  }
  const current = sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount: collision.value };
}

/** truncateHistory: the non-live revisions to delete to respect revisionHistoryLimit. */
export function revisionsToTruncate(set: StatefulSet, pods: readonly StatefulPod[], revisions: readonly ControllerRevision[], live: ReadonlyArray<ControllerRevision | undefined>): ControllerRevision[] {
  const names = new Set<string>(pods.map(podRevision));
  for (const r of live) if (r) names.add(r.metadata.name ?? '');
  return revisionsBeyondLimit(revisions, (r) => names.has(r.metadata.name ?? ''), set.spec?.revisionHistoryLimit ?? 10);
}
