/** Legacy in-tree volume sources of pods (iSCSI, Gluster, RBD, Flex, Cinder, CephFS, Azure File, ScaleIO, StorageOS). */
import { boolean, field, int32, listOf, object, string, stringMap } from '../../../schema/build.js';
import { LocalObjectReferenceSchema } from '../common/references.js';

export const ISCSIVolumeSourceSchema = object('io.k8s.api.core.v1.ISCSIVolumeSource', 'An iSCSI disk attached to the node and mounted.', () => ({
  targetPortal: field(string, 'Target portal, IP or IP:port (port 3260 if unset).', { required: true, proto: 1 }),
  iqn: field(string, 'iSCSI qualified name of the target.', { required: true, proto: 2 }),
  lun: field(int32, 'Target LUN number.', { required: true, proto: 3 }),
  iscsiInterface: field(string, 'iSCSI interface name; "default" (tcp) if unset.', { proto: 4, default: 'default' }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 5 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 6 }),
  portals: field(listOf(string), 'More target portals (IP or IP:port).', { proto: 7, listType: 'atomic' }),
  chapAuthDiscovery: field(boolean, 'Use CHAP authentication for discovery.', { proto: 8 }),
  chapAuthSession: field(boolean, 'Use CHAP authentication for sessions.', { proto: 11 }),
  secretRef: field(LocalObjectReferenceSchema, 'Secret with the CHAP credentials.', { proto: 10 }),
  initiatorName: field(string, 'Custom initiator name.', { proto: 12 }),
}));

export const GlusterfsVolumeSourceSchema = object('io.k8s.api.core.v1.GlusterfsVolumeSource', 'A GlusterFS volume (removed in-tree).', () => ({
  endpoints: field(string, 'Name of the Endpoints object describing the Gluster cluster.', { required: true, proto: 1 }),
  path: field(string, 'Gluster volume path.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 3 }),
}));

export const RBDVolumeSourceSchema = object('io.k8s.api.core.v1.RBDVolumeSource', 'A Ceph RADOS block device (removed in-tree).', () => ({
  monitors: field(listOf(string), 'Ceph monitor addresses.', { required: true, proto: 1, listType: 'atomic' }),
  image: field(string, 'RADOS image name.', { required: true, proto: 2 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 3 }),
  pool: field(string, 'RADOS pool; rbd if unset.', { proto: 4, default: 'rbd' }),
  user: field(string, 'RADOS user; admin if unset.', { proto: 5, default: 'admin' }),
  keyring: field(string, 'Keyring path; /etc/ceph/keyring if unset.', { proto: 6, default: '/etc/ceph/keyring' }),
  secretRef: field(LocalObjectReferenceSchema, "Secret with the user's key; overrides keyring.", { proto: 7 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 8 }),
}));

export const FlexVolumeSourceSchema = object('io.k8s.api.core.v1.FlexVolumeSource', 'A volume handled by an exec-based FlexVolume driver.', () => ({
  driver: field(string, 'Name of the driver.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount; depends on the driver.', { proto: 2 }),
  secretRef: field(LocalObjectReferenceSchema, 'Secret passed to the driver.', { proto: 3 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 4 }),
  options: field(stringMap, 'Extra options passed to the driver.', { proto: 5 }),
}));

export const CinderVolumeSourceSchema = object('io.k8s.api.core.v1.CinderVolumeSource', 'An OpenStack Cinder volume.', () => ({
  volumeID: field(string, 'ID of the Cinder volume.', { required: true, proto: 1 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 2 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 3 }),
  secretRef: field(LocalObjectReferenceSchema, 'Secret with OpenStack connection parameters.', { proto: 4 }),
}));

export const CephFSVolumeSourceSchema = object('io.k8s.api.core.v1.CephFSVolumeSource', 'A CephFS mount (removed in-tree).', () => ({
  monitors: field(listOf(string), 'Ceph monitor addresses.', { required: true, proto: 1, listType: 'atomic' }),
  path: field(string, 'Root of the mount inside the Ceph tree; / if unset.', { proto: 2 }),
  user: field(string, 'RADOS user; admin if unset.', { proto: 3 }),
  secretFile: field(string, 'Keyring path; /etc/ceph/user.secret if unset.', { proto: 4 }),
  secretRef: field(LocalObjectReferenceSchema, "Secret with the user's key.", { proto: 5 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 6 }),
}));

export const AzureFileVolumeSourceSchema = object('io.k8s.api.core.v1.AzureFileVolumeSource', 'An Azure File share.', () => ({
  secretName: field(string, 'Secret with the storage account name and key.', { required: true, proto: 1 }),
  shareName: field(string, 'Name of the share.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 3 }),
}));

export const ScaleIOVolumeSourceSchema = object('io.k8s.api.core.v1.ScaleIOVolumeSource', 'A ScaleIO volume (removed in-tree).', () => ({
  gateway: field(string, 'Address of the ScaleIO API gateway.', { required: true, proto: 1 }),
  system: field(string, 'Name of the ScaleIO storage system.', { required: true, proto: 2 }),
  secretRef: field(LocalObjectReferenceSchema, 'Secret with the ScaleIO credentials.', { required: true, proto: 3 }),
  sslEnabled: field(boolean, 'Talk to the gateway over TLS.', { proto: 4 }),
  protectionDomain: field(string, 'ScaleIO protection domain.', { proto: 5 }),
  storagePool: field(string, 'Storage pool of the protection domain.', { proto: 6 }),
  storageMode: field(string, 'ThickProvisioned or ThinProvisioned (the default).', { proto: 7, default: 'ThinProvisioned' }),
  volumeName: field(string, 'Name of an existing ScaleIO volume.', { proto: 8 }),
  fsType: field(string, 'Filesystem to mount; xfs if unset.', { proto: 9, default: 'xfs' }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 10 }),
}));

export const StorageOSVolumeSourceSchema = object('io.k8s.api.core.v1.StorageOSVolumeSource', 'A StorageOS volume (removed in-tree).', () => ({
  volumeName: field(string, 'Name of the StorageOS volume.', { proto: 1 }),
  volumeNamespace: field(string, "StorageOS namespace of the volume; the pod's namespace if unset.", { proto: 2 }),
  fsType: field(string, 'Filesystem to mount, e.g. ext4 or xfs.', { proto: 3 }),
  readOnly: field(boolean, 'Force a read-only mount.', { proto: 4 }),
  secretRef: field(LocalObjectReferenceSchema, 'Secret with the StorageOS API credentials.', { proto: 5 }),
}));
