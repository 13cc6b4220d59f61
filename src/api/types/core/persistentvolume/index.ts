/** core/v1 PersistentVolume: the ResourceDef for /api/v1/persistentvolumes. */
import { age } from '../../../meta/age.js';
import { canonicalQuantity } from '../../../meta/quantity-canonical.js';
import { defaultResourceList } from '../../../meta/resource-names.js';
import type { ResourceDef } from '../../../resource.js';
import { accessModesString, storageClassOf } from './access-modes.js';
import { PersistentVolumeSchema, type PersistentVolumeLike } from './schema.js';
import { validatePersistentVolume, validatePersistentVolumeUpdate } from './validation.js';

export {
  PersistentVolumeSchema, PersistentVolumeSpecSchema, PersistentVolumeSourceSchema, PERSISTENT_VOLUME_SOURCE_FIELD_NUMBER,
} from './schema.js';
export type { PersistentVolumeLike } from './schema.js';
export { accessModesString, validateAccessModes, storageClassOf } from './access-modes.js';

/** metav1.Time precision: whole seconds, RFC 3339. */
export function nowTimestamp(now = new Date()): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

export const persistentvolumes: ResourceDef = {
  group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', singular: 'persistentvolume',
  namespaced: false, shortNames: ['pv'],
  schema: PersistentVolumeSchema,
  subresources: { status: true },
  generation: false,
  defaults(obj) {
    const pv = obj as PersistentVolumeLike;
    pv.spec ??= {};
    defaultResourceList(pv.spec.capacity);
    pv.spec.persistentVolumeReclaimPolicy ||= 'Retain';
    pv.spec.volumeMode ??= 'Filesystem';
    pv.status ??= {};
    pv.status.phase ||= 'Pending';
  },
  prepareForCreate(obj) {
    (obj as PersistentVolumeLike).status = { phase: 'Pending', lastPhaseTransitionTime: nowTimestamp() };
  },
  prepareForUpdate(obj, old) {
    (obj as PersistentVolumeLike).status = (old as PersistentVolumeLike).status;
  },
  validate: (obj) => validatePersistentVolume(obj as PersistentVolumeLike),
  validateUpdate: (obj, old) => validatePersistentVolumeUpdate(obj as PersistentVolumeLike, old as PersistentVolumeLike),
  table: {
    columns: [
      { name: 'Capacity', type: 'string', description: 'Size of the volume.', priority: 0 },
      { name: 'Access Modes', type: 'string', description: 'How the volume can be mounted (RWO, ROX, RWX, RWOP).', priority: 0 },
      { name: 'Reclaim Policy', type: 'string', description: 'What happens when the claim is released.', priority: 0 },
      { name: 'Status', type: 'string', description: 'Phase of the volume.', priority: 0 },
      { name: 'Claim', type: 'string', description: 'The claim bound to the volume (namespace/name).', priority: 0 },
      { name: 'StorageClass', type: 'string', description: 'StorageClass of the volume.', priority: 0 },
      { name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the volume.', priority: 0 },
      { name: 'Reason', type: 'string', description: 'Reason for a failure.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'VolumeMode', type: 'string', description: 'Filesystem or Block.', priority: 1 },
    ],
    cells(obj, now) {
      const pv = obj as PersistentVolumeLike;
      const spec = pv.spec ?? {};
      const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
      const phase = obj.metadata.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '';
      return [
        canonicalQuantity(spec.capacity?.storage ?? '0'), accessModesString(spec.accessModes), spec.persistentVolumeReclaimPolicy ?? '',
        phase, claim, storageClassOf(pv), spec.volumeAttributesClassName ?? '<unset>', pv.status?.reason ?? '',
        age(obj.metadata.creationTimestamp, now), spec.volumeMode ?? '<unset>',
      ];
    },
  },
  selectableFields: { name: (o) => o.metadata.name },
};
