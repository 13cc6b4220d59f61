/**
 * The Job controller's pod writes, each recorded as Kubernetes' pod control records them: creating
 * ("SuccessfulCreate", "Created pod: x" / "FailedCreate"), deleting ("SuccessfulDelete", "Deleted
 * pod: x" / "FailedDelete") and removing the tracking finalizer (a strategic merge patch that
 * deletes just that entry).
 */
import { isNotFound, type ResourceClient } from '../../client/index.js';
import { isTerminating } from '../serviceaccount/index.js';
import { hasTrackingFinalizer, isPodReady } from './pods.js';
import type { JobDeps } from './sync-state.js';
import { JOB_TRACKING_FINALIZER, PODS, type Job, type Pod } from './types.js';

export const REMOVE_FINALIZER_PATCH = { metadata: { [`$deleteFromPrimitiveList/finalizers`]: [JOB_TRACKING_FINALIZER] } };

function podClient(d: JobDeps, ns: string): ResourceClient<Pod> {
  return d.cs.resource<Pod>(PODS).namespace(ns);
}

export interface DeleteResult { removed: number; removedReady: number; error?: Error }

/**
 * Deletes pods. With `dropFinalizer` (pods the Job no longer wants: suspend, too many) the
 * finalizer goes first so they are not counted, and the deletions were expected.
 */
export async function deletePods(d: JobDeps, job: Job, key: string, pods: Pod[], dropFinalizer: boolean): Promise<DeleteResult> {
  const client = podClient(d, job.metadata.namespace ?? '');
  const r: DeleteResult = { removed: pods.length, removedReady: 0 };
  await Promise.all(pods.map(async (p) => {
    const name = p.metadata.name ?? '';
    try {
      if (dropFinalizer && hasTrackingFinalizer(p)) await client.patch(name, 'strategic', REMOVE_FINALIZER_PATCH);
      await client.delete(name);
      d.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
      if (isPodReady(p)) r.removedReady++;
    } catch (err) {
      if (dropFinalizer) d.expectations.deletionObserved(key, p.metadata.uid);
      if (isNotFound(err)) {
        if (isPodReady(p)) r.removedReady++;
        return;
      }
      r.removed--;
      r.error = err as Error;
      d.recorder.event(job, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
    }
  }));
  return r;
}

/** Creates one pod; resolves false (having recorded why) when it could not be created. */
export async function createPod(d: JobDeps, job: Job, pod: Pod): Promise<{ ok: boolean; error?: Error }> {
  try {
    const created = await podClient(d, job.metadata.namespace ?? '').create(pod);
    d.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name ?? ''}`);
    return { ok: true };
  } catch (err) {
    if (isTerminating(err)) return { ok: false };
    d.recorder.event(job, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
    return { ok: false, error: err as Error };
  }
}

/** Removes the tracking finalizer; resolves with the uids done (a pod already gone counts as done). */
export async function removeFinalizers(d: JobDeps, key: string, pods: Pod[]): Promise<{ done: Set<string>; error?: Error }> {
  const done = new Set<string>();
  let error: Error | undefined;
  d.finalizers.expectRemoved(key, pods.map((p) => p.metadata.uid ?? ''));
  await Promise.all(pods.map(async (p) => {
    const uid = p.metadata.uid ?? '';
    try {
      await podClient(d, p.metadata.namespace ?? '').patch(p.metadata.name ?? '', 'strategic', REMOVE_FINALIZER_PATCH);
      done.add(uid);
    } catch (err) {
      d.finalizers.observed(key, uid);
      if (isNotFound(err)) done.add(uid);
      else error = err as Error;
    }
  }));
  return { done, error };
}
