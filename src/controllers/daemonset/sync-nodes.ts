/**
 * syncNodes: creates daemon pods on the given nodes and deletes the given pods, at most
 * burstReplicas of each per pass. Expectations are set first (creations by count, deletions by pod
 * uid) so the next pass waits for the informer to see them. Creations go in slow-start batches
 * (1, 2, 4, …): after a failing batch the rest is skipped and no longer expected. Events as
 * Kubernetes' pod control records them: SuccessfulCreate "Created pod: …", FailedCreate
 * "Error creating: …", SuccessfulDelete "Deleted pod: …", FailedDelete "Error deleting: …".
 */
import { isNotFound, type ResourceClient } from '../../client/index.js';
import type { EventRecorder, Expectations } from '../runtime/index.js';
import { isTerminating } from '../serviceaccount/index.js';
import { daemonPodTemplate, newDaemonPod } from './daemon-pods.js';
import type { DaemonPod, DaemonSet } from './types.js';

export interface SyncNodesDeps {
  pods: ResourceClient<DaemonPod>;
  expectations: Expectations;
  recorder: EventRecorder;
  burstReplicas: number;
}

/** Throws the first error (after doing all it can) so the key is retried. */
export async function syncNodes(d: SyncNodesDeps, key: string, ds: DaemonSet, podsToDelete: readonly DaemonPod[], nodesNeedingPods: readonly string[], hash: string): Promise<void> {
  const creates = nodesNeedingPods.slice(0, d.burstReplicas);
  const deletes = podsToDelete.slice(0, d.burstReplicas);
  d.expectations.expectDeletionsOf(key, deletes.map((p) => p.metadata.uid ?? ''));
  d.expectations.raise(key, creates.length, 0);
  const errors: Error[] = [];
  const template = daemonPodTemplate(ds, hash);
  let pos = 0;
  for (let batch = Math.min(1, creates.length); batch > 0; batch = Math.min(2 * batch, creates.length - pos)) {
    const results = await Promise.allSettled(creates.slice(pos, pos + batch).map((node) => d.pods.create(newDaemonPod(ds, template, node))));
    pos += batch;
    let failed = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') {
        d.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${r.value.metadata.name ?? ''}`);
        continue;
      }
      d.expectations.creationObserved(key);
      if (isTerminating(r.reason)) continue;
      failed++;
      const err = r.reason as Error;
      d.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${err.message}`);
      errors.push(err);
    }
    if (failed > 0) {
      for (let skipped = creates.length - pos; skipped > 0; skipped--) d.expectations.creationObserved(key);
      break;
    }
  }
  await Promise.all(deletes.map(async (pod) => {
    const name = pod.metadata.name ?? '';
    try {
      await d.pods.delete(name);
      d.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    } catch (err) {
      d.expectations.deletionObserved(key, pod.metadata.uid);
      if (isNotFound(err)) return;
      d.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
      errors.push(err as Error);
    }
  }));
  if (errors.length) throw errors[0];
}
