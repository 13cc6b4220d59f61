/** core/v1 PersistentVolumeClaim schema: a request for storage that binds to a PersistentVolume. */
import type { LabelSelector } from '../../../meta/label-selector.js';
import type { KObject } from '../../../meta/object-meta.js';
import { kindFields } from '../../../meta/type-fields.js';
import { enumOf, field, listOf, mapOf, object, quantity, string, time } from '../../../schema/build.js';
import { PersistentVolumeClaimSpecSchema } from '../common/index.js';
import { VolumeHealthConditionSchema } from '../pod/pod-status-resources.js';

export const PersistentVolumeClaimConditionSchema = object('io.k8s.api.core.v1.PersistentVolumeClaimCondition', 'One observation about a claim, such as a resize in progress.', () => ({
  type: field(string, 'Type of condition, e.g. Resizing or FileSystemResizePending.', { required: true, proto: 1 }),
  status: field(enumOf('True', 'False', 'Unknown'), 'True, False or Unknown.', { required: true, proto: 2 }),
  lastProbeTime: field(time, 'When the condition was last checked.', { proto: 3 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 4 }),
  reason: field(string, 'CamelCase reason for the last transition.', { proto: 5 }),
  message: field(string, 'Details of the last transition.', { proto: 6 }),
}));

export const ModifyVolumeStatusSchema = object('io.k8s.api.core.v1.ModifyVolumeStatus', 'Progress of changing a claim\'s VolumeAttributesClass.', () => ({
  targetVolumeAttributesClassName: field(string, 'The class being applied.', { proto: 1 }),
  status: field(enumOf('InProgress', 'Infeasible', 'Pending'), 'Pending, InProgress or Infeasible.', { required: true, proto: 2 }),
}));

export const VolumeHealthStatusSchema = object('io.k8s.api.core.v1.VolumeHealthStatus', 'Health of a claim\'s volume as its driver reports it.', () => ({
  healthConditions: field(listOf(VolumeHealthConditionSchema), 'Problems reported for the volume.', {
    proto: 1, mergeKey: 'status', patchStrategy: 'merge', listType: 'map', listMapKeys: ['status', 'reason'],
  }),
  lastTransitionTime: field(time, 'When the current set of problems appeared.', { proto: 2 }),
}));

export const PersistentVolumeClaimStatusSchema = object('io.k8s.api.core.v1.PersistentVolumeClaimStatus', 'Observed state of a claim.', () => ({
  phase: field(enumOf('Bound', 'Lost', 'Pending'), 'Pending, Bound or Lost.', { proto: 1 }),
  accessModes: field(listOf(string), 'Access modes of the bound volume.', { proto: 2, listType: 'atomic' }),
  capacity: field(mapOf(quantity), 'Size of the bound volume.', { proto: 3 }),
  conditions: field(listOf(PersistentVolumeClaimConditionSchema), 'Current conditions of the claim.', {
    proto: 4, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
  allocatedResources: field(mapOf(quantity), 'Sizes the system has committed to, e.g. during a resize.', { proto: 5 }),
  allocatedResourceStatuses: field(mapOf(string), 'Resize progress per resource, e.g. ControllerResizeInProgress.', { proto: 7, mapType: 'granular' }),
  currentVolumeAttributesClassName: field(string, 'VolumeAttributesClass the volume currently uses.', { proto: 8 }),
  modifyVolumeStatus: field(ModifyVolumeStatusSchema, 'Progress of a VolumeAttributesClass change.', { proto: 9 }),
  healthStatus: field(VolumeHealthStatusSchema, 'Health of the volume as its driver reports it.', { proto: 10 }),
}));

export const PersistentVolumeClaimSchema = object('io.k8s.api.core.v1.PersistentVolumeClaim', 'A user\'s request for storage, bound to a PersistentVolume that satisfies it.', () => ({
  ...kindFields(),
  spec: field(PersistentVolumeClaimSpecSchema, 'The storage requested.', { proto: 2 }),
  status: field(PersistentVolumeClaimStatusSchema, 'Observed state of the claim.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'PersistentVolumeClaim' } });

export interface TypedRef { apiGroup?: string; kind?: string; name?: string; namespace?: string }

export interface PVCSpec {
  accessModes?: string[];
  selector?: LabelSelector;
  resources?: { limits?: Record<string, string | number>; requests?: Record<string, string | number> };
  volumeName?: string;
  storageClassName?: string;
  volumeMode?: string;
  dataSource?: TypedRef;
  dataSourceRef?: TypedRef;
  volumeAttributesClassName?: string;
}

export interface PersistentVolumeClaimLike extends KObject {
  spec?: PVCSpec;
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string | number> };
}
