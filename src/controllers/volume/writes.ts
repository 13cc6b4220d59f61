/**
 * The PV controller's writes: volume phase and claim status, the two halves of a binding (the
 * volume's claimRef, then the claim's volumeName and annotations), unbinding, and the claim
 * annotations that hand provisioning to a provisioner. Each write starts from the object it is
 * given (never changing it) and carries its resourceVersion, so a stale view fails with a conflict
 * instead of overwriting newer state; the caller retries from fresh informer state.
 */
import { compareQuantities } from '../../api/index.js';
import type { Clientset, ResourceClient } from '../../client/index.js';
import { rfc3339, type EventRecorder, type EventType } from '../runtime/index.js';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_STORAGE_PROVISIONER, claimReference, hasAnnotation,
  isVolumeBoundToClaim, PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES, type PersistentVolume, type PersistentVolumeClaim,
} from './objects.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export class VolumeWriter {
  private readonly pvs: ResourceClient<PersistentVolume>;
  private readonly pvcs: ResourceClient<PersistentVolumeClaim>;

  constructor(cs: Clientset, private readonly recorder: EventRecorder) {
    this.pvs = cs.resource<PersistentVolume>(PERSISTENT_VOLUMES);
    this.pvcs = cs.resource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS);
  }

  private claims(c: PersistentVolumeClaim): ResourceClient<PersistentVolumeClaim> {
    return this.pvcs.namespace(c.metadata.namespace ?? 'default');
  }

  /** Sets the volume's phase (and message) unless it already has it. */
  async updateVolumePhase(v: PersistentVolume, phase: string, message = ''): Promise<PersistentVolume> {
    if (v.status?.phase === phase && (v.status?.message ?? '') === message) return v;
    const status = { ...v.status, phase, lastPhaseTransitionTime: v.status?.phase === phase ? v.status.lastPhaseTransitionTime : rfc3339() };
    if (message) status.message = message;
    else delete status.message;
    return this.pvs.updateStatus({ ...v, status });
  }

  /** Moves the volume to a new phase and records why; nothing when it is in that phase already. */
  async updateVolumePhaseWithEvent(v: PersistentVolume, phase: string, type: EventType, reason: string, message: string): Promise<PersistentVolume> {
    if (v.status?.phase === phase) return v;
    const out = await this.updateVolumePhase(v, phase, message);
    this.recorder.event(out, type, reason, message);
    return out;
  }

  /** Sets the claim's phase; capacity and access modes follow the volume (cleared without one). */
  async updateClaimStatus(c: PersistentVolumeClaim, phase: string, v?: PersistentVolume): Promise<PersistentVolumeClaim> {
    const status = { ...c.status, phase };
    if (v) {
      status.accessModes = v.spec?.accessModes;
      const cap = v.spec?.capacity?.storage;
      if (cap === undefined) throw new Error(`Cannot bind claim ${c.metadata.namespace ?? ''}/${c.metadata.name ?? ''}: PersistentVolume "${v.metadata.name ?? ''}" is without a storage capacity`);
      const had = c.status?.capacity?.storage;
      if (had === undefined || compareQuantities(had, cap) !== 0) status.capacity = { ...v.spec?.capacity };
    } else {
      delete status.accessModes;
      delete status.capacity;
    }
    if (same(status, c.status)) return c;
    return this.claims(c).updateStatus({ ...c, status });
  }

  async updateClaimStatusWithEvent(c: PersistentVolumeClaim, phase: string, type: EventType, reason: string, message: string): Promise<PersistentVolumeClaim> {
    if (c.status?.phase === phase) return c;
    const out = await this.updateClaimStatus(c, phase);
    this.recorder.event(out, type, reason, message);
    return out;
  }

  /** Both halves of the binding and both statuses; any step that is already done is skipped. */
  async bind(v: PersistentVolume, c: PersistentVolumeClaim): Promise<void> {
    const bound = await this.bindVolumeToClaim(v, c);
    const boundVolume = await this.updateVolumePhase(bound, 'Bound');
    const claim = await this.bindClaimToVolume(c, boundVolume);
    await this.updateClaimStatus(claim, 'Bound', boundVolume);
  }

  private async bindVolumeToClaim(v: PersistentVolume, c: PersistentVolumeClaim): Promise<PersistentVolume> {
    const byController = !isVolumeBoundToClaim(v, c);
    const ref = v.spec?.claimRef;
    const spec = { ...v.spec };
    const annotations = { ...v.metadata.annotations };
    let dirty = false;
    if (!ref || ref.name !== c.metadata.name || ref.namespace !== c.metadata.namespace || ref.uid !== c.metadata.uid) {
      spec.claimRef = claimReference(c);
      dirty = true;
    }
    if (byController && annotations[ANN_BOUND_BY_CONTROLLER] === undefined) {
      annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      dirty = true;
    }
    if (!dirty) return v;
    return this.pvs.update({ ...v, metadata: { ...v.metadata, annotations }, spec });
  }

  private async bindClaimToVolume(c: PersistentVolumeClaim, v: PersistentVolume): Promise<PersistentVolumeClaim> {
    const name = v.metadata.name ?? '';
    const annotations = { ...c.metadata.annotations };
    const spec = { ...c.spec };
    let dirty = false;
    if (spec.volumeName !== name) {
      spec.volumeName = name;
      if (annotations[ANN_BOUND_BY_CONTROLLER] === undefined) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      dirty = true;
    }
    if (annotations[ANN_BIND_COMPLETED] === undefined) {
      annotations[ANN_BIND_COMPLETED] = 'yes';
      dirty = true;
    }
    if (!dirty) return c;
    return this.claims(c).update({ ...c, metadata: { ...c.metadata, annotations }, spec });
  }

  /**
   * Undoes a binding the volume no longer serves: a controller-made binding is removed; a user's
   * pre-binding is kept, without the old claim's uid. The volume becomes Available.
   */
  async unbindVolume(v: PersistentVolume): Promise<void> {
    const spec = { ...v.spec };
    const annotations = { ...v.metadata.annotations };
    if (hasAnnotation(v, ANN_BOUND_BY_CONTROLLER)) {
      delete spec.claimRef;
      delete annotations[ANN_BOUND_BY_CONTROLLER];
    } else if (spec.claimRef) {
      spec.claimRef = { ...spec.claimRef };
      delete spec.claimRef.uid;
    }
    const out = await this.pvs.update({ ...v, metadata: { ...v.metadata, annotations }, spec });
    await this.updateVolumePhase(out, 'Available');
  }

  /** Gives a claim that names no class the default one (retroactively, for claims older than it). */
  async assignClass(c: PersistentVolumeClaim, className: string): Promise<PersistentVolumeClaim> {
    return this.claims(c).update({ ...c, spec: { ...c.spec, storageClassName: className } });
  }

  /** Records on the claim which provisioner is to create its volume. */
  async setClaimProvisioner(c: PersistentVolumeClaim, provisioner: string): Promise<PersistentVolumeClaim> {
    const a = c.metadata.annotations ?? {};
    if (a[ANN_STORAGE_PROVISIONER] === provisioner && a[ANN_BETA_STORAGE_PROVISIONER] === provisioner) return c;
    const annotations = { ...a, [ANN_STORAGE_PROVISIONER]: provisioner, [ANN_BETA_STORAGE_PROVISIONER]: provisioner };
    return this.claims(c).update({ ...c, metadata: { ...c.metadata, annotations } });
  }
}
