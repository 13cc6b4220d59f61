/**
 * persistentVolumeClaim (and generic ephemeral) volumes: the claim must be Bound to a volume that
 * points back at it; the PersistentVolume's hostPath or local path is then used in place (it is
 * never the agent's to delete). Errors read as the kubelet's volume manager reports them.
 */
import { access } from 'node:fs/promises';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { ApiObjects, PersistentVolumeObject } from './api-objects.js';
import { checkHostPathType } from './host-path-type.js';
import { setUpFailed, unableToMount, VolumeFailure } from './volume-error.js';

export interface ClaimVolume {
  /** The PersistentVolume's name (the kubelet's name for the volume in its events). */
  pvName: string;
  hostPath: string;
}

export async function resolveClaim(
  objects: ApiObjects, pod: Pod, volumeName: string, claimName: string, ephemeral: boolean,
): Promise<ClaimVolume> {
  const namespace = pod.metadata.namespace ?? 'default';
  const processing = (detail: string) => new VolumeFailure(unableToMount([volumeName], `error processing PVC ${namespace}/${claimName}: ${detail}`));
  let claim;
  try {
    claim = await objects.claim(namespace, claimName);
  } catch (err) {
    throw processing(`failed to fetch PVC from API server: ${(err as Error).message}`);
  }
  if (ephemeral && !(claim.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === pod.metadata.uid)) {
    throw processing(`PVC ${namespace}/${claimName} was not created for pod ${namespace}/${pod.metadata.name} (pod is not owner)`);
  }
  if (claim.metadata.deletionTimestamp) throw processing('PVC is being deleted');
  if (claim.status?.phase !== 'Bound') throw processing('PVC is not bound');
  const pvName = claim.spec?.volumeName ?? '';
  if (!pvName) throw processing('PVC has empty pvc.Spec.VolumeName');

  let pv: PersistentVolumeObject;
  try {
    pv = await objects.persistentVolume(pvName);
  } catch (err) {
    throw processing(`failed to fetch PV ${pvName} from API server: ${(err as Error).message}`);
  }
  const ref = pv.spec?.claimRef;
  if (!ref) throw processing(`found PV object ${pvName} but it has a nil Spec.ClaimRef indicating it is not yet bound to the claim`);
  if (ref.uid !== claim.metadata.uid) {
    throw processing(`found PV object ${JSON.stringify(pvName)} but its Spec.ClaimRef.UID (${JSON.stringify(ref.uid ?? '')}) does not point to claim.UID (${JSON.stringify(claim.metadata.uid ?? '')})`);
  }

  if (pv.spec?.hostPath) {
    const path = pv.spec.hostPath.path ?? '';
    try {
      await checkHostPathType(path, pv.spec.hostPath.type);
    } catch (err) {
      throw new VolumeFailure(setUpFailed(pvName, (err as Error).message));
    }
    return { pvName, hostPath: path };
  }
  if (pv.spec?.local) {
    const path = pv.spec.local.path ?? '';
    try {
      await access(path);
    } catch {
      throw new VolumeFailure(`MountVolume.NewMounter initialization failed for volume ${JSON.stringify(pvName)} : path ${JSON.stringify(path)} does not exist`);
    }
    return { pvName, hostPath: path };
  }
  throw new VolumeFailure(unableToMount([volumeName],
    `failed to get Plugin from volumeSpec for volume ${JSON.stringify(pvName)} err=no volume plugin matched`));
}
