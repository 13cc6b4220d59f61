/** Volume source types only PersistentVolumes use (their pod-volume cousins differ in a few fields). */
import { boolean, field, int32, listOf, object, string, stringMap } from '../../../schema/build.js';
import { ObjectReferenceSchema, SecretReferenceSchema } from '../common/index.js';

export const GlusterfsPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.GlusterfsPersistentVolumeSource', 'A GlusterFS volume (removed in-tree; kept for the API).', () => ({
  endpoints: field(string, 'Endpoints object listing the Gluster servers.', { required: true, proto: 1 }),
  path: field(string, 'Gluster volume path.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 3 }),
  endpointsNamespace: field(string, 'Namespace of the Endpoints object (defaults to the claim\'s).', { proto: 4 }),
}));

export const RBDPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.RBDPersistentVolumeSource', 'A Ceph RBD image (deprecated in-tree).', () => ({
  monitors: field(listOf(string), 'Ceph monitors.', { required: true, proto: 1, listType: 'atomic' }),
  image: field(string, 'RBD image name.', { required: true, proto: 2 }),
  fsType: field(string, 'Filesystem to mount.', { proto: 3 }),
  pool: field(string, 'RADOS pool (default rbd).', { proto: 4, default: 'rbd' }),
  user: field(string, 'RADOS user (default admin).', { proto: 5, default: 'admin' }),
  keyring: field(string, 'Keyring path (default /etc/ceph/keyring).', { proto: 6, default: '/etc/ceph/keyring' }),
  secretRef: field(SecretReferenceSchema, 'Secret with the authentication key; overrides keyring.', { proto: 7 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 8 }),
}));

export const ISCSIPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.ISCSIPersistentVolumeSource', 'An iSCSI disk.', () => ({
  targetPortal: field(string, 'Target portal, IP or IP:port (port 3260 by default).', { required: true, proto: 1 }),
  iqn: field(string, 'iSCSI Qualified Name of the target.', { required: true, proto: 2 }),
  lun: field(int32, 'Logical unit number of the target.', { required: true, proto: 3 }),
  iscsiInterface: field(string, 'iSCSI interface name (default "default").', { proto: 4, default: 'default' }),
  fsType: field(string, 'Filesystem to mount.', { proto: 5 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 6 }),
  portals: field(listOf(string), 'Further target portals for multipath.', { proto: 7, listType: 'atomic' }),
  chapAuthDiscovery: field(boolean, 'Use CHAP authentication for discovery.', { proto: 8 }),
  chapAuthSession: field(boolean, 'Use CHAP authentication for the session.', { proto: 11 }),
  secretRef: field(SecretReferenceSchema, 'Secret with the CHAP credentials.', { proto: 10 }),
  initiatorName: field(string, 'Custom initiator name; replaces iscsiInterface when set.', { proto: 12 }),
}));

export const CinderPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.CinderPersistentVolumeSource', 'An OpenStack Cinder volume (deprecated in-tree).', () => ({
  volumeID: field(string, 'Cinder volume ID.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount.', { proto: 2 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 3 }),
  secretRef: field(SecretReferenceSchema, 'Secret with OpenStack credentials.', { proto: 4 }),
}));

export const CephFSPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.CephFSPersistentVolumeSource', 'A CephFS mount (deprecated in-tree).', () => ({
  monitors: field(listOf(string), 'Ceph monitors.', { required: true, proto: 1, listType: 'atomic' }),
  path: field(string, 'Path inside the filesystem to mount (default /).', { proto: 2 }),
  user: field(string, 'RADOS user (default admin).', { proto: 3 }),
  secretFile: field(string, 'Keyring path (default /etc/ceph/user.secret).', { proto: 4 }),
  secretRef: field(SecretReferenceSchema, 'Secret with the authentication key; overrides secretFile.', { proto: 5 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 6 }),
}));

export const FlexPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.FlexPersistentVolumeSource', 'A volume provided by a FlexVolume driver (deprecated).', () => ({
  driver: field(string, 'Name of the driver.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount.', { proto: 2 }),
  secretRef: field(SecretReferenceSchema, 'Secret passed to the driver.', { proto: 3 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 4 }),
  options: field(stringMap, 'Extra options for the driver.', { proto: 5 }),
}));

export const AzureFilePersistentVolumeSourceSchema = object('io.k8s.api.core.v1.AzureFilePersistentVolumeSource', 'An Azure File share (deprecated in-tree).', () => ({
  secretName: field(string, 'Secret with the storage account name and key.', { required: true, proto: 1 }),
  shareName: field(string, 'Share name.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 3 }),
  secretNamespace: field(string, 'Namespace of the secret (default: the pod\'s).', { proto: 4 }),
}));

export const ScaleIOPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.ScaleIOPersistentVolumeSource', 'A ScaleIO volume (removed; kept for the API).', () => ({
  gateway: field(string, 'Address of the ScaleIO API gateway.', { required: true, proto: 1 }),
  system: field(string, 'Name of the storage system.', { required: true, proto: 2 }),
  secretRef: field(SecretReferenceSchema, 'Secret with the ScaleIO user credentials.', { required: true, proto: 3 }),
  sslEnabled: field(boolean, 'Use SSL towards the gateway.', { proto: 4 }),
  protectionDomain: field(string, 'Protection domain of the storage.', { proto: 5 }),
  storagePool: field(string, 'Storage pool of the protection domain.', { proto: 6 }),
  storageMode: field(string, 'ThickProvisioned or ThinProvisioned (the default).', { proto: 7, default: 'ThinProvisioned' }),
  volumeName: field(string, 'Name of an existing volume in the system.', { proto: 8 }),
  fsType: field(string, 'Filesystem to mount (default xfs).', { proto: 9, default: 'xfs' }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 10 }),
}));

export const LocalVolumeSourceSchema = object('io.k8s.api.core.v1.LocalVolumeSource', 'A disk, partition or directory on one node (needs node affinity).', () => ({
  path: field(string, 'Full path of the volume on the node.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem, for block devices only; formatted when empty.', { proto: 2 }),
}));

export const StorageOSPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.StorageOSPersistentVolumeSource', 'A StorageOS volume (removed; kept for the API).', () => ({
  volumeName: field(string, 'Name of the volume in the StorageOS namespace.', { proto: 1 }),
  volumeNamespace: field(string, 'StorageOS namespace of the volume.', { proto: 2 }),
  fsType: field(string, 'Filesystem to mount.', { proto: 3 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 4 }),
  secretRef: field(ObjectReferenceSchema, 'Secret with the StorageOS API credentials.', { proto: 5 }),
}));

export const CSIPersistentVolumeSourceSchema = object('io.k8s.api.core.v1.CSIPersistentVolumeSource', 'A volume managed by a CSI driver.', () => ({
  driver: field(string, 'Name of the CSI driver.', { required: true, proto: 1 }),
  volumeHandle: field(string, 'ID of the volume as the driver knows it.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Publish the volume read-only.', { proto: 3 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4.', { proto: 4 }),
  volumeAttributes: field(stringMap, 'Driver-specific attributes of the volume.', { proto: 5 }),
  controllerPublishSecretRef: field(SecretReferenceSchema, 'Secret passed to ControllerPublishVolume/Unpublish.', { proto: 6 }),
  nodeStageSecretRef: field(SecretReferenceSchema, 'Secret passed to NodeStageVolume/Unstage.', { proto: 7 }),
  nodePublishSecretRef: field(SecretReferenceSchema, 'Secret passed to NodePublishVolume/Unpublish.', { proto: 8 }),
  controllerExpandSecretRef: field(SecretReferenceSchema, 'Secret passed to ControllerExpandVolume.', { proto: 9 }),
  nodeExpandSecretRef: field(SecretReferenceSchema, 'Secret passed to NodeExpandVolume.', { proto: 10 }),
}));
