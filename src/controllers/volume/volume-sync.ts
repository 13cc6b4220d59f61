/**
 * The PV controller's view of one volume (Kubernetes' syncVolume): an unclaimed or only pre-bound
 * volume is Available; one whose claim is gone is Released and its reclaim policy runs (Retain
 * keeps it; Delete is left to the provisioner that made it, such as the local-path agent, and fails
 * for volumes nobody can delete; Recycle is not supported); one bound to a claim that went
 * elsewhere is unbound or released.
 */
import { isNotFound, type ResourceClient, type Store } from '../../client/index.js';
import type { ReconcileResult } from '../runtime/index.js';
import {
  ANN_PROVISIONED_BY, annotation, claimRefKey, hasAnnotation, type PersistentVolume, type PersistentVolumeClaim,
} from './objects.js';
import type { VolumeWriter } from './writes.js';

export interface VolumeSyncContext {
  claims: Store<PersistentVolumeClaim>;
  claimsClient: ResourceClient<PersistentVolumeClaim>;
  writer: VolumeWriter;
  /** Asks for the claim (namespace/name) to be synced soon. */
  enqueueClaim(key: string): void;
}

/** The claim a volume points at, from the cache or, when the cache has not seen it yet, the server. */
async function claimOf(ctx: VolumeSyncContext, v: PersistentVolume): Promise<PersistentVolumeClaim | undefined> {
  const ref = v.spec?.claimRef;
  if (!ref) return undefined;
  let c = ctx.claims.get(claimRefKey(ref));
  if (!c) {
    try {
      c = await ctx.claimsClient.namespace(ref.namespace ?? 'default').get(ref.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return c && c.metadata.uid === ref.uid ? c : undefined;
}

export async function syncVolume(ctx: VolumeSyncContext, v: PersistentVolume): Promise<ReconcileResult | void> {
  const { writer } = ctx;
  const ref = v.spec?.claimRef;
  if (!ref || !ref.uid) {
    await writer.updateVolumePhase(v, 'Available');
    return;
  }
  const c = await claimOf(ctx, v);
  if (!c) {
    let cur = v;
    if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') cur = await writer.updateVolumePhase(v, 'Released');
    await reclaimVolume(writer, cur);
    return;
  }
  const name = v.metadata.name ?? '';
  if (!c.spec?.volumeName) {
    // Bound on the volume's side only: the claim's sync finishes (or fixes) the binding.
    ctx.enqueueClaim(claimRefKey(ref));
    return;
  }
  if (c.spec.volumeName === name) {
    await writer.updateVolumePhase(v, 'Bound');
    return;
  }
  // The claim is bound to another volume.
  if (hasAnnotation(v, ANN_PROVISIONED_BY) && v.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    let cur = v;
    if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') cur = await writer.updateVolumePhase(v, 'Released');
    await reclaimVolume(writer, cur);
    return;
  }
  // A controller-made binding is undone; a user's pre-binding only loses the old claim's uid.
  await writer.unbindVolume(v);
}

/** Runs the reclaim policy of a released volume. */
async function reclaimVolume(writer: VolumeWriter, v: PersistentVolume): Promise<void> {
  const name = v.metadata.name ?? '';
  switch (v.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
    case undefined:
      return;
    case 'Recycle':
      await writer.updateVolumePhaseWithEvent(v, 'Failed', 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
      return;
    case 'Delete': {
      const by = annotation(v, ANN_PROVISIONED_BY);
      // The provisioner that made the volume deletes it (the local-path agent removes the data first).
      if (by && !by.startsWith('kubernetes.io/')) return;
      const path = v.spec.hostPath?.path;
      const message = path !== undefined && !/^\/tmp\/.+$/.test(path)
        ? `host_path deleter only supports /tmp/.+ but received provided ${path}`
        : `error getting deleter volume plugin for volume "${name}": no deletable volume plugin matched`;
      await writer.updateVolumePhaseWithEvent(v, 'Failed', 'Warning', 'VolumeFailedDelete', message);
      return;
    }
    default:
      return;
  }
}
