/** The PersistentVolumeClaim spec, shared by PVCs, ephemeral pod volumes and StatefulSet claim templates. */
import { LabelSelectorSchema } from '../../../meta/label-selector.js';
import { field, listOf, mapOf, object, quantity, string } from '../../../schema/build.js';
import { TypedLocalObjectReferenceSchema, TypedObjectReferenceSchema } from './references.js';

export const PersistentVolumeClaimSpecSchema = object('io.k8s.api.core.v1.PersistentVolumeClaimSpec', 'What storage a claim asks for: access modes, size, class, volume mode and optional data source.', () => ({
  accessModes: field(
    listOf(string),
    'How the volume must be mountable (ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod).',
    { proto: 1, listType: 'atomic' },
  ),
  selector: field(LabelSelectorSchema, 'Restricts binding to volumes whose labels match.', { proto: 4 }),
  resources: field(VolumeResourceRequirementsSchema, 'Minimum storage (and optional limits) the volume must offer.',
    { proto: 2 }),
  volumeName: field(string, 'Name of the PersistentVolume this claim is bound to.', { proto: 3 }),
  storageClassName: field(string, 'StorageClass to provision from or bind within; "" asks for a volume without a class.',
    { proto: 5 }),
  volumeMode: field(string, 'Filesystem (the default) or Block.', { proto: 6 }),
  dataSource: field(
    TypedLocalObjectReferenceSchema,
    'An existing snapshot, claim or populated object to fill the new volume from (same namespace).',
    { proto: 7 },
  ),
  dataSourceRef: field(
    TypedObjectReferenceSchema,
    'The object to populate the volume from; may name any group and, with a ReferenceGrant, another namespace.',
    { proto: 8 },
  ),
  volumeAttributesClassName: field(
    string,
    "VolumeAttributesClass whose parameters the CSI driver applies to this claim's volume.",
    { proto: 9 },
  ),
}));

export const VolumeResourceRequirementsSchema = object('io.k8s.api.core.v1.VolumeResourceRequirements', 'Storage amounts a claim requests and may be limited to.', () => ({
  limits: field(mapOf(quantity), 'Maximum amount of each resource.', { proto: 1 }),
  requests: field(mapOf(quantity), 'Minimum amount of each resource (storage).', { proto: 2 }),
}));
