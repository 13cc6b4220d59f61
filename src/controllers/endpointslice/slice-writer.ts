/**
 * Carries out a slice plan for one owner (a service, or the Endpoints being mirrored): creates
 * (unless the owner is being deleted), then updates, then deletes, each noted in the WriteTracker so
 * that later syncs wait for the cache. Creates and updates get the last-change trigger time
 * annotation when one is given (and lose it otherwise). Deleting a slice that is already gone is
 * not an error. Returns what was written.
 */
import { isNotFound, keyOf, type Clientset } from '../../client/index.js';
import { ANNOTATION_LAST_CHANGE_TRIGGER_TIME, formatTriggerTime, type WriteTracker } from '../endpoints/index.js';
import type { SlicePlan } from './slice-planner.js';
import { ENDPOINTSLICES, type EndpointSlice } from './types.js';

export interface WritePlanOptions {
  /** The WriteTracker group (the owner's key). */
  group: string;
  namespace: string;
  /** Whether to set (a time) or clear (undefined) the trigger-time annotation; null leaves annotations alone. */
  triggerTime: number | undefined | null;
  /** Skip creates (the owner is being deleted). */
  noCreates: boolean;
}

function setTriggerTime(slice: EndpointSlice, t: number | undefined | null): void {
  if (t === null) return;
  const ann = { ...(slice.metadata.annotations ?? {}) };
  if (t !== undefined) ann[ANNOTATION_LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(t);
  else delete ann[ANNOTATION_LAST_CHANGE_TRIGGER_TIME];
  if (Object.keys(ann).length) slice.metadata.annotations = ann;
  else delete slice.metadata.annotations;
}

export async function writeSlicePlan(cs: Clientset, writes: WriteTracker, plan: SlicePlan, o: WritePlanOptions): Promise<void> {
  const client = cs.resource<EndpointSlice>(ENDPOINTSLICES).namespace(o.namespace);
  if (!o.noCreates) {
    for (const s of plan.create) {
      setTriggerTime(s, o.triggerTime);
      const created = await client.create(s);
      writes.wrote(o.group, keyOf(created), created);
    }
  }
  for (const s of plan.update) {
    setTriggerTime(s, o.triggerTime);
    s.apiVersion = 'discovery.k8s.io/v1';
    s.kind = 'EndpointSlice';
    const updated = await client.update(s);
    writes.wrote(o.group, keyOf(updated), updated);
  }
  for (const s of plan.delete) {
    try {
      await client.delete(s.metadata.name ?? '', { preconditions: { uid: s.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    writes.deleted(o.group, keyOf(s), s.metadata.uid);
  }
}
