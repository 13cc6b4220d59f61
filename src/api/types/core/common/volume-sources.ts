/** Volume source types that pod volumes (VolumeSource) and PersistentVolumes (PersistentVolumeSource) both use. */
import { boolean, field, int32, listOf, object, string } from '../../../schema/build.js';

export const HostPathVolumeSourceSchema = object('io.k8s.api.core.v1.HostPathVolumeSource', "A file or directory of the node's filesystem mounted into the pod.", () => ({
  path: field(string, 'Path on the node; symlinks are followed.', { required: true, proto: 1 }),
  type: field(
    string,
    'What must exist at the path: "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.',
    { proto: 2 },
  ),
}));

export const NFSVolumeSourceSchema = object('io.k8s.api.core.v1.NFSVolumeSource', 'An NFS export mounted into the pod.', () => ({
  server: field(string, 'Host name or IP address of the NFS server.', { required: true, proto: 1 }),
  path: field(string, 'Path exported by the server.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Mount the export read-only.', { proto: 3 }),
}));

export const GCEPersistentDiskVolumeSourceSchema = object('io.k8s.api.core.v1.GCEPersistentDiskVolumeSource', 'A Google Compute Engine persistent disk (deprecated in-tree; use the CSI driver).', () => ({
  pdName: field(string, 'Name of the disk in GCE.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs (ext4 if unset).', { proto: 2 }),
  partition: field(int32, 'Partition number to mount; 0 or unset mounts the whole device.', { proto: 3 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 4 }),
}));

export const AWSElasticBlockStoreVolumeSourceSchema = object('io.k8s.api.core.v1.AWSElasticBlockStoreVolumeSource', 'An Amazon EBS volume (deprecated in-tree; use the CSI driver).', () => ({
  volumeID: field(string, 'ID of the EBS volume.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs (ext4 if unset).', { proto: 2 }),
  partition: field(int32, 'Partition number to mount; 0 or unset mounts the whole device.', { proto: 3 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 4 }),
}));

export const FCVolumeSourceSchema = object('io.k8s.api.core.v1.FCVolumeSource', 'A Fibre Channel volume.', () => ({
  targetWWNs: field(listOf(string), 'World wide names of the FC targets.', { proto: 1, listType: 'atomic' }),
  lun: field(int32, 'Logical unit number on the target.', { proto: 2 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 3 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 4 }),
  wwids: field(listOf(string), 'World wide identifiers of the volume; set these or targetWWNs with lun, not both.',
    { proto: 5, listType: 'atomic' }),
}));

export const FlockerVolumeSourceSchema = object('io.k8s.api.core.v1.FlockerVolumeSource', 'A Flocker dataset (deprecated).', () => ({
  datasetName: field(string, 'Name of the dataset (deprecated).', { proto: 1 }),
  datasetUUID: field(string, 'UUID of the dataset.', { proto: 2 }),
}));

export const VsphereVirtualDiskVolumeSourceSchema = object('io.k8s.api.core.v1.VsphereVirtualDiskVolumeSource', 'A vSphere virtual disk (deprecated in-tree; use the CSI driver).', () => ({
  volumePath: field(string, 'Path of the vmdk that backs the volume.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 2 }),
  storagePolicyName: field(string, 'Name of the storage policy (SPBM profile).', { proto: 3 }),
  storagePolicyID: field(string, 'ID of the storage policy (SPBM profile).', { proto: 4 }),
}));

export const QuobyteVolumeSourceSchema = object('io.k8s.api.core.v1.QuobyteVolumeSource', 'A Quobyte volume (removed from Kubernetes; kept for the API).', () => ({
  registry: field(string, 'Quobyte registry host:port pairs, comma separated.', { required: true, proto: 1 }),
  volume: field(string, 'Name of an existing Quobyte volume.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 3 }),
  user: field(string, 'User that volume access is mapped to.', { proto: 4 }),
  group: field(string, 'Group that volume access is mapped to.', { proto: 5 }),
  tenant: field(string, 'Tenant that owns the volume in the backend.', { proto: 6 }),
}));

export const AzureDiskVolumeSourceSchema = object('io.k8s.api.core.v1.AzureDiskVolumeSource', 'An Azure data disk (deprecated in-tree; use the CSI driver).', () => ({
  diskName: field(string, 'Name of the data disk.', { required: true, proto: 1 }),
  diskURI: field(string, 'URI of the data disk.', { required: true, proto: 2 }),
  cachingMode: field(string, 'Host caching: None, ReadOnly or ReadWrite (the default).', { proto: 3, default: 'ReadWrite' }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 4, default: 'ext4' }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 5, default: false }),
  kind: field(string, 'Shared (the default: several blob disks per storage account), Dedicated or Managed.',
    { proto: 6, default: 'Shared' }),
}));

export const PhotonPersistentDiskVolumeSourceSchema = object('io.k8s.api.core.v1.PhotonPersistentDiskVolumeSource', 'A Photon Controller persistent disk (removed; kept for the API).', () => ({
  pdID: field(string, 'ID of the Photon disk.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 2 }),
}));

export const PortworxVolumeSourceSchema = object('io.k8s.api.core.v1.PortworxVolumeSource', 'A Portworx volume.', () => ({
  volumeID: field(string, 'ID of the Portworx volume.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 2 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 3 }),
}));
