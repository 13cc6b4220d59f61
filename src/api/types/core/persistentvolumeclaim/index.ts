/** core/v1 PersistentVolumeClaim: the ResourceDef for /api/v1/persistentvolumeclaims. */
import { age } from '../../../meta/age.js';
import { canonicalQuantity } from '../../../meta/quantity-canonical.js';
import { defaultResourceList } from '../../../meta/resource-names.js';
import type { ResourceDef } from '../../../resource.js';
import { accessModesString, storageClassOf } from '../persistentvolume/access-modes.js';
import { PersistentVolumeClaimSchema, type PersistentVolumeClaimLike } from './schema.js';
import { defaultPersistentVolumeClaimSpec, validatePersistentVolumeClaimSpec } from '../common/index.js';
import { validatePersistentVolumeClaimUpdate } from './validation.js';

export { PersistentVolumeClaimSchema, PersistentVolumeClaimStatusSchema } from './schema.js';
export type { PersistentVolumeClaimLike, PVCSpec } from './schema.js';

export const persistentvolumeclaims: ResourceDef = {
  group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', singular: 'persistentvolumeclaim',
  namespaced: true, shortNames: ['pvc'],
  schema: PersistentVolumeClaimSchema,
  subresources: { status: true },
  generation: false,
  defaults(obj) {
    const pvc = obj as PersistentVolumeClaimLike;
    pvc.spec ??= {};
    defaultPersistentVolumeClaimSpec(pvc.spec);
    pvc.spec.resources ??= {};
    defaultResourceList(pvc.spec.resources.requests);
    defaultResourceList(pvc.spec.resources.limits);
    pvc.status ??= {};
    pvc.status.phase ||= 'Pending';
  },
  prepareForCreate(obj) {
    (obj as PersistentVolumeClaimLike).status = { phase: 'Pending' };
  },
  prepareForUpdate(obj, old) {
    (obj as PersistentVolumeClaimLike).status = (old as PersistentVolumeClaimLike).status;
  },
  validate: (obj) => validatePersistentVolumeClaimSpec((obj as PersistentVolumeClaimLike).spec ?? {}, 'spec'),
  validateUpdate: (obj, old) => validatePersistentVolumeClaimUpdate(obj as PersistentVolumeClaimLike, old as PersistentVolumeClaimLike),
  table: {
    columns: [
      { name: 'Status', type: 'string', description: 'Phase of the claim.', priority: 0 },
      { name: 'Volume', type: 'string', description: 'The volume bound to the claim.', priority: 0 },
      { name: 'Capacity', type: 'string', description: 'Size of the bound volume.', priority: 0 },
      { name: 'Access Modes', type: 'string', description: 'Access modes of the bound volume.', priority: 0 },
      { name: 'StorageClass', type: 'string', description: 'StorageClass of the claim.', priority: 0 },
      { name: 'VolumeAttributesClass', type: 'string', description: 'VolumeAttributesClass of the claim.', priority: 0 },
      { name: 'Age', type: 'string', description: 'Time since creation.', priority: 0 },
      { name: 'VolumeMode', type: 'string', description: 'Filesystem or Block.', priority: 1 },
    ],
    cells(obj, now) {
      const pvc = obj as PersistentVolumeClaimLike;
      const spec = pvc.spec ?? {};
      const phase = obj.metadata.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '';
      const bound = Boolean(spec.volumeName);
      return [
        phase, spec.volumeName ?? '', bound ? canonicalQuantity(pvc.status?.capacity?.storage ?? '0') : '',
        bound ? accessModesString(pvc.status?.accessModes) : '', storageClassOf(pvc),
        spec.volumeAttributesClassName ?? '<unset>', age(obj.metadata.creationTimestamp, now), spec.volumeMode ?? '<unset>',
      ];
    },
  },
  selectableFields: { name: (o) => o.metadata.name },
};
