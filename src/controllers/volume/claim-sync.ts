/**
 * The PV controller's view of one claim (Kubernetes' syncClaim). An unbound claim gets the default
 * class if it names none, then binds to the volume it names or to the best matching one; without a
 * match it waits for its first consumer (WaitForFirstConsumer), is handed to its class's
 * provisioner, or stays Pending. A bound claim whose volume went away or belongs to another claim
 * is Lost.
 */
import type { Store } from '../../client/index.js';
import type { EventRecorder } from '../runtime/index.js';
import { findBestMatch, volumeMismatch } from './matching.js';
import {
  ANN_BETA_STORAGE_CLASS, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, claimClass, claimKey, claimRefKey, defaultClass,
  hasAnnotation, isVolumeBoundToClaim, type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './objects.js';
import type { VolumeWriter } from './writes.js';

export interface ClaimSyncContext {
  volumes: Store<PersistentVolume>;
  classes: Store<StorageClass>;
  writer: VolumeWriter;
  recorder: EventRecorder;
}

export const REASON_WAIT_FOR_FIRST_CONSUMER = 'WaitForFirstConsumer';
export const MSG_WAIT_FOR_FIRST_CONSUMER = 'waiting for first consumer to be created before binding';
export const REASON_FAILED_BINDING = 'FailedBinding';
export const MSG_NO_VOLUME_NO_CLASS = 'no persistent volumes available for this claim and no storage class is set';
export const REASON_EXTERNAL_PROVISIONING = 'ExternalProvisioning';
export const REASON_PROVISIONING_FAILED = 'ProvisioningFailed';

export function externalProvisioningMessage(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. `
    + 'If volume creation is delayed, please verify that the provisioner is running and correctly registered.';
}

export async function syncClaim(ctx: ClaimSyncContext, c: PersistentVolumeClaim): Promise<void> {
  if (!hasAnnotation(c, ANN_BIND_COMPLETED)) await syncUnboundClaim(ctx, c);
  else await syncBoundClaim(ctx, c);
}

function isDelayBinding(ctx: ClaimSyncContext, c: PersistentVolumeClaim): boolean {
  const name = claimClass(c);
  return name !== '' && ctx.classes.get(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

async function syncUnboundClaim(ctx: ClaimSyncContext, c: PersistentVolumeClaim): Promise<void> {
  const { writer, recorder } = ctx;
  const volumeName = c.spec?.volumeName;
  if (!volumeName) {
    if ((c.spec?.storageClassName === undefined || c.spec.storageClassName === null) && !hasAnnotation(c, ANN_BETA_STORAGE_CLASS)) {
      const def = defaultClass(ctx.classes.values());
      if (def?.metadata.name) {
        await writer.assignClass(c, def.metadata.name);
        return; // the update brings the claim back with its class
      }
    }
    const delay = isDelayBinding(ctx, c);
    const v = findBestMatch(c, ctx.volumes.values(), delay);
    if (v) {
      await writer.bind(v, c);
      return;
    }
    if (delay && !hasAnnotation(c, ANN_SELECTED_NODE)) {
      recorder.event(c, 'Normal', REASON_WAIT_FOR_FIRST_CONSUMER, MSG_WAIT_FOR_FIRST_CONSUMER);
    } else if (claimClass(c) !== '') {
      await provisionClaim(ctx, c);
      return;
    } else {
      recorder.event(c, 'Normal', REASON_FAILED_BINDING, MSG_NO_VOLUME_NO_CLASS);
    }
    await writer.updateClaimStatus(c, 'Pending');
    return;
  }
  // The user asked for a particular volume.
  const v = ctx.volumes.get(volumeName);
  if (!v) {
    await writer.updateClaimStatus(c, 'Pending');
    return;
  }
  if (!v.spec?.claimRef) {
    const why = volumeMismatch(v, c);
    if (why) {
      recorder.event(c, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${why}`);
      await writer.updateClaimStatus(c, 'Pending');
      return;
    }
    await writer.bind(v, c);
    return;
  }
  if (isVolumeBoundToClaim(v, c)) {
    await writer.bind(v, c);
    return;
  }
  if (!hasAnnotation(c, ANN_BOUND_BY_CONTROLLER)) {
    recorder.event(c, 'Warning', REASON_FAILED_BINDING, `volume "${volumeName}" already bound to a different claim.`);
    await writer.updateClaimStatus(c, 'Pending');
    return;
  }
  throw new Error(`Cannot bind claim ${claimKey(c)} to volume ${volumeName}: volume already claimed by ${claimRefKey(v.spec.claimRef)}`);
}

/** Hands the claim to its class's provisioner (the PV controller itself provisions nothing). */
async function provisionClaim(ctx: ClaimSyncContext, c: PersistentVolumeClaim): Promise<void> {
  const name = claimClass(c);
  const sc = ctx.classes.get(name);
  if (!sc) {
    ctx.recorder.event(c, 'Warning', REASON_PROVISIONING_FAILED, `storageclass.storage.k8s.io "${name}" not found`);
    return;
  }
  const provisioner = sc.provisioner ?? '';
  if (provisioner.startsWith('kubernetes.io/')) {
    // No in-tree volume plugins here: every kubernetes.io/ provisioner is unknown.
    ctx.recorder.event(c, 'Warning', REASON_PROVISIONING_FAILED, `no volume plugin matched name: ${provisioner}`);
    return;
  }
  const out = await ctx.writer.setClaimProvisioner(c, provisioner);
  ctx.recorder.event(out, 'Normal', REASON_EXTERNAL_PROVISIONING, externalProvisioningMessage(provisioner));
}

async function syncBoundClaim(ctx: ClaimSyncContext, c: PersistentVolumeClaim): Promise<void> {
  const { writer } = ctx;
  const volumeName = c.spec?.volumeName;
  if (!volumeName) {
    await writer.updateClaimStatusWithEvent(c, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
    return;
  }
  const v = ctx.volumes.get(volumeName);
  if (!v) {
    await writer.updateClaimStatusWithEvent(c, 'Lost', 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    return;
  }
  const ref = v.spec?.claimRef;
  if (!ref || ref.uid === c.metadata.uid) {
    // Unbound volume (re-bind it) or all is well (bind only fills in what is missing).
    await writer.bind(v, c);
    return;
  }
  await writer.updateClaimStatusWithEvent(c, 'Lost', 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}
