/** core/v1 PersistentVolume schema: a piece of storage in the cluster, bound to at most one claim. */
import type { KObject } from '../../../meta/object-meta.js';
import { kindFields } from '../../../meta/type-fields.js';
import { embed, enumOf, field, listOf, mapOf, object, quantity, string, time } from '../../../schema/build.js';
import {
  ACCESS_MODES, AWSElasticBlockStoreVolumeSourceSchema, AzureDiskVolumeSourceSchema, FCVolumeSourceSchema, FlockerVolumeSourceSchema,
  GCEPersistentDiskVolumeSourceSchema, HostPathVolumeSourceSchema, NFSVolumeSourceSchema, NodeSelectorSchema,
  ObjectReferenceSchema, PhotonPersistentDiskVolumeSourceSchema, PortworxVolumeSourceSchema, QuobyteVolumeSourceSchema,
  VsphereVirtualDiskVolumeSourceSchema,
} from '../common/index.js';
import {
  AzureFilePersistentVolumeSourceSchema, CephFSPersistentVolumeSourceSchema, CinderPersistentVolumeSourceSchema,
  CSIPersistentVolumeSourceSchema, FlexPersistentVolumeSourceSchema, GlusterfsPersistentVolumeSourceSchema,
  ISCSIPersistentVolumeSourceSchema, LocalVolumeSourceSchema, RBDPersistentVolumeSourceSchema,
  ScaleIOPersistentVolumeSourceSchema, StorageOSPersistentVolumeSourceSchema,
} from './sources.js';

/**
 * The volume source of a PersistentVolume (exactly one member set). In JSON its fields sit directly
 * in PersistentVolumeSpec; in protobuf it is the nested message field 2 of PersistentVolumeSpec.
 */
export const PersistentVolumeSourceSchema = object('io.k8s.api.core.v1.PersistentVolumeSource', 'Where a persistent volume\'s storage lives; exactly one member is set.', () => ({
  gcePersistentDisk: field(GCEPersistentDiskVolumeSourceSchema, 'A GCE persistent disk.', { proto: 1 }),
  awsElasticBlockStore: field(AWSElasticBlockStoreVolumeSourceSchema, 'An AWS EBS volume.', { proto: 2 }),
  hostPath: field(HostPathVolumeSourceSchema, 'A directory on the node (single-node testing only).', { proto: 3 }),
  glusterfs: field(GlusterfsPersistentVolumeSourceSchema, 'A GlusterFS volume.', { proto: 4 }),
  nfs: field(NFSVolumeSourceSchema, 'An NFS export.', { proto: 5 }),
  rbd: field(RBDPersistentVolumeSourceSchema, 'A Ceph RBD image.', { proto: 6 }),
  iscsi: field(ISCSIPersistentVolumeSourceSchema, 'An iSCSI disk.', { proto: 7 }),
  cinder: field(CinderPersistentVolumeSourceSchema, 'An OpenStack Cinder volume.', { proto: 8 }),
  cephfs: field(CephFSPersistentVolumeSourceSchema, 'A CephFS mount.', { proto: 9 }),
  fc: field(FCVolumeSourceSchema, 'A Fibre Channel volume.', { proto: 10 }),
  flocker: field(FlockerVolumeSourceSchema, 'A Flocker dataset.', { proto: 11 }),
  flexVolume: field(FlexPersistentVolumeSourceSchema, 'A volume from a FlexVolume driver.', { proto: 12 }),
  azureFile: field(AzureFilePersistentVolumeSourceSchema, 'An Azure File share.', { proto: 13 }),
  vsphereVolume: field(VsphereVirtualDiskVolumeSourceSchema, 'A vSphere virtual disk.', { proto: 14 }),
  quobyte: field(QuobyteVolumeSourceSchema, 'A Quobyte volume.', { proto: 15 }),
  azureDisk: field(AzureDiskVolumeSourceSchema, 'An Azure data disk.', { proto: 16 }),
  photonPersistentDisk: field(PhotonPersistentDiskVolumeSourceSchema, 'A Photon Controller disk.', { proto: 17 }),
  portworxVolume: field(PortworxVolumeSourceSchema, 'A Portworx volume.', { proto: 18 }),
  scaleIO: field(ScaleIOPersistentVolumeSourceSchema, 'A ScaleIO volume.', { proto: 19 }),
  local: field(LocalVolumeSourceSchema, 'Storage attached to one node.', { proto: 20 }),
  storageos: field(StorageOSPersistentVolumeSourceSchema, 'A StorageOS volume.', { proto: 21 }),
  csi: field(CSIPersistentVolumeSourceSchema, 'A volume managed by a CSI driver.', { proto: 22 }),
}));

/** PersistentVolumeSource's field number in PersistentVolumeSpec's protobuf message. */
export const PERSISTENT_VOLUME_SOURCE_FIELD_NUMBER = 2;
export const PV_SOURCE_KEYS = Object.keys(PersistentVolumeSourceSchema.fields);

export const VolumeNodeAffinitySchema = object('io.k8s.api.core.v1.VolumeNodeAffinity', 'Which nodes can reach a volume.', () => ({
  required: field(NodeSelectorSchema, 'Nodes the volume can be used from.', { proto: 1 }),
}));

export const PersistentVolumeSpecSchema = object('io.k8s.api.core.v1.PersistentVolumeSpec', 'Desired state of a persistent volume.', () => ({
  capacity: field(mapOf(quantity), 'Size of the volume (the "storage" key).', { proto: 1 }),
  ...embed(PersistentVolumeSourceSchema, PERSISTENT_VOLUME_SOURCE_FIELD_NUMBER),
  accessModes: field(listOf(enumOf(...ACCESS_MODES)), 'How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.', { proto: 3, listType: 'atomic' }),
  claimRef: field(ObjectReferenceSchema, 'The claim bound to this volume (set on binding, or to reserve it for one claim).', { proto: 4 }),
  persistentVolumeReclaimPolicy: field(enumOf('Delete', 'Recycle', 'Retain'), 'What happens when the claim is released: Retain (the default for hand-made volumes), Delete or Recycle.', { proto: 5 }),
  storageClassName: field(string, 'StorageClass the volume belongs to; empty means none.', { proto: 6 }),
  mountOptions: field(listOf(string), 'Extra mount options, not validated.', { proto: 7, listType: 'atomic' }),
  volumeMode: field(enumOf('Block', 'Filesystem'), 'Filesystem (the default) or Block.', { proto: 8 }),
  nodeAffinity: field(VolumeNodeAffinitySchema, 'Nodes the volume can be used from.', { proto: 9 }),
  volumeAttributesClassName: field(string, 'VolumeAttributesClass the volume belongs to.', { proto: 10 }),
}));

export const PersistentVolumeStatusSchema = object('io.k8s.api.core.v1.PersistentVolumeStatus', 'Observed state of a persistent volume.', () => ({
  phase: field(enumOf('Available', 'Bound', 'Failed', 'Pending', 'Released'), 'Pending, Available, Bound, Released or Failed.', { proto: 1 }),
  message: field(string, 'Why the volume is in this phase.', { proto: 2 }),
  reason: field(string, 'Short CamelCase reason for a failure.', { proto: 3 }),
  lastPhaseTransitionTime: field(time, 'When the phase last changed.', { proto: 4 }),
}));

export const PersistentVolumeSchema = object('io.k8s.api.core.v1.PersistentVolume', 'A piece of storage provisioned by an administrator or a StorageClass.', () => ({
  ...kindFields(),
  spec: field(PersistentVolumeSpecSchema, 'Desired state of the volume.', { proto: 2 }),
  status: field(PersistentVolumeStatusSchema, 'Observed state of the volume.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'PersistentVolume' } });

export interface NodeSelectorRequirement { key?: string; operator?: string; values?: string[] }
export interface NodeSelector { nodeSelectorTerms?: Array<{ matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }> }

export interface PersistentVolumeLike extends KObject {
  spec?: Record<string, unknown> & {
    capacity?: Record<string, string | number>;
    accessModes?: string[];
    claimRef?: { namespace?: string; name?: string };
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    nodeAffinity?: { required?: NodeSelector };
    volumeAttributesClassName?: string;
    hostPath?: { path?: string; type?: string };
    nfs?: { server?: string; path?: string };
    csi?: Record<string, unknown>;
    local?: { path?: string };
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}
