/** Pod volumes: Volume, the VolumeSource union and the sources only pods use (claims, ephemeral, CSI inline, image, emptyDir, gitRepo). */
import { ObjectMetaSchema } from '../../../meta/object-meta.js';
import { boolean, embed, field, int32, object, quantity, string, stringMap } from '../../../schema/build.js';
import { PersistentVolumeClaimSpecSchema } from '../common/pvc-spec.js';
import { LocalObjectReferenceSchema } from '../common/references.js';
import { AWSElasticBlockStoreVolumeSourceSchema, AzureDiskVolumeSourceSchema, FCVolumeSourceSchema, FlockerVolumeSourceSchema, GCEPersistentDiskVolumeSourceSchema, HostPathVolumeSourceSchema, NFSVolumeSourceSchema, PhotonPersistentDiskVolumeSourceSchema, PortworxVolumeSourceSchema, QuobyteVolumeSourceSchema, VsphereVirtualDiskVolumeSourceSchema } from '../common/volume-sources.js';
import { ConfigMapVolumeSourceSchema, DownwardAPIVolumeSourceSchema, ProjectedVolumeSourceSchema, SecretVolumeSourceSchema } from './volume-config.js';
import { AzureFileVolumeSourceSchema, CephFSVolumeSourceSchema, CinderVolumeSourceSchema, FlexVolumeSourceSchema, GlusterfsVolumeSourceSchema, ISCSIVolumeSourceSchema, RBDVolumeSourceSchema, ScaleIOVolumeSourceSchema, StorageOSVolumeSourceSchema } from './volume-legacy.js';

export const VolumeSchema = object('io.k8s.api.core.v1.Volume', 'A named volume that containers of the pod can mount.', () => ({
  name: field(string, 'Name of the volume (DNS-1123 label, unique in the pod); volumeMounts refer to it.',
    { required: true, proto: 1 }),
  // VolumeSource is embedded here: flat in JSON, protobuf field 2 of Volume.
  ...embed(VolumeSourceSchema, 2),
}));

export const VolumeSourceSchema = object('io.k8s.api.core.v1.VolumeSource', "Where a volume's content comes from; exactly one source is set.", () => ({
  hostPath: field(HostPathVolumeSourceSchema, 'A file or directory on the node itself.', { proto: 1 }),
  emptyDir: field(EmptyDirVolumeSourceSchema, 'A scratch directory that lives as long as the pod.', { proto: 2 }),
  gcePersistentDisk: field(GCEPersistentDiskVolumeSourceSchema, 'A GCE persistent disk (deprecated in-tree).', { proto: 3 }),
  awsElasticBlockStore: field(AWSElasticBlockStoreVolumeSourceSchema, 'An AWS EBS volume (deprecated in-tree).', { proto: 4 }),
  gitRepo: field(
    GitRepoVolumeSourceSchema,
    'A git repository cloned into the volume (deprecated: clone with an init container instead).',
    { proto: 5 },
  ),
  secret: field(SecretVolumeSourceSchema, 'The keys of a Secret as files.', { proto: 6 }),
  nfs: field(NFSVolumeSourceSchema, 'An NFS export.', { proto: 7 }),
  iscsi: field(ISCSIVolumeSourceSchema, 'An iSCSI disk.', { proto: 8 }),
  glusterfs: field(GlusterfsVolumeSourceSchema, 'A GlusterFS mount (removed in-tree).', { proto: 9 }),
  persistentVolumeClaim: field(
    PersistentVolumeClaimVolumeSourceSchema,
    "The volume bound to a PersistentVolumeClaim in the pod's namespace.",
    { proto: 10 },
  ),
  rbd: field(RBDVolumeSourceSchema, 'A Ceph RADOS block device (removed in-tree).', { proto: 11 }),
  flexVolume: field(FlexVolumeSourceSchema, 'A volume handled by an exec-based FlexVolume driver (deprecated).', { proto: 12 }),
  cinder: field(CinderVolumeSourceSchema, 'An OpenStack Cinder volume (deprecated in-tree).', { proto: 13 }),
  cephfs: field(CephFSVolumeSourceSchema, 'A CephFS mount (removed in-tree).', { proto: 14 }),
  flocker: field(FlockerVolumeSourceSchema, 'A Flocker dataset (removed in-tree).', { proto: 15 }),
  downwardAPI: field(DownwardAPIVolumeSourceSchema, 'Pod and container fields written as files.', { proto: 16 }),
  fc: field(FCVolumeSourceSchema, 'A Fibre Channel disk.', { proto: 17 }),
  azureFile: field(AzureFileVolumeSourceSchema, 'An Azure File share (deprecated in-tree).', { proto: 18 }),
  configMap: field(ConfigMapVolumeSourceSchema, 'The keys of a ConfigMap as files.', { proto: 19 }),
  vsphereVolume: field(VsphereVirtualDiskVolumeSourceSchema, 'A vSphere virtual disk (deprecated in-tree).', { proto: 20 }),
  quobyte: field(QuobyteVolumeSourceSchema, 'A Quobyte volume (removed in-tree).', { proto: 21 }),
  azureDisk: field(AzureDiskVolumeSourceSchema, 'An Azure data disk (deprecated in-tree).', { proto: 22 }),
  photonPersistentDisk: field(PhotonPersistentDiskVolumeSourceSchema, 'A Photon Controller disk (removed in-tree).',
    { proto: 23 }),
  projected: field(
    ProjectedVolumeSourceSchema,
    'Secrets, ConfigMaps, downward API fields, tokens and certificates merged into one directory.',
    { proto: 26 },
  ),
  portworxVolume: field(PortworxVolumeSourceSchema, 'A Portworx volume (deprecated in-tree).', { proto: 24 }),
  scaleIO: field(ScaleIOVolumeSourceSchema, 'A ScaleIO volume (removed in-tree).', { proto: 25 }),
  storageos: field(StorageOSVolumeSourceSchema, 'A StorageOS volume (removed in-tree).', { proto: 27 }),
  csi: field(CSIVolumeSourceSchema, 'An inline ephemeral volume provided by a CSI driver.', { proto: 28 }),
  ephemeral: field(
    EphemeralVolumeSourceSchema,
    'A PersistentVolumeClaim created for the pod from a template and deleted with it.',
    { proto: 29 },
  ),
  image: field(ImageVolumeSourceSchema, 'An OCI image or artifact mounted read-only.', { proto: 30 }),
}));

export const PersistentVolumeClaimVolumeSourceSchema = object('io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource', "Mounts the volume bound to a PersistentVolumeClaim of the pod's namespace.", () => ({
  claimName: field(string, 'Name of the PersistentVolumeClaim.', { required: true, proto: 1 }),
  readOnly: field(boolean, 'Mount the volume read-only.', { proto: 2 }),
}));

export const EphemeralVolumeSourceSchema = object('io.k8s.api.core.v1.EphemeralVolumeSource', 'A claim created from a template for this pod and deleted with it.', () => ({
  volumeClaimTemplate: field(PersistentVolumeClaimTemplateSchema, 'The claim to create; it is named <pod>-<volume>.',
    { proto: 1 }),
}));

export const PersistentVolumeClaimTemplateSchema = object('io.k8s.api.core.v1.PersistentVolumeClaimTemplate', 'The metadata and spec of a claim made for an ephemeral volume.', () => ({
  metadata: field(ObjectMetaSchema, 'Labels and annotations copied onto the claim.', { proto: 1 }),
  spec: field(PersistentVolumeClaimSpecSchema, "The claim's spec, copied as is.", { required: true, proto: 2 }),
}));

export const CSIVolumeSourceSchema = object('io.k8s.api.core.v1.CSIVolumeSource', "An inline volume supplied by a CSI driver for the pod's lifetime.", () => ({
  driver: field(string, 'Name of the CSI driver.', { required: true, proto: 1 }),
  readOnly: field(boolean, 'Mount the volume read-only.', { proto: 2 }),
  fsType: field(string, 'Filesystem to mount; the driver chooses if unset.', { proto: 3 }),
  volumeAttributes: field(stringMap, 'Driver-specific settings.', { proto: 4 }),
  nodePublishSecretRef: field(LocalObjectReferenceSchema, 'Secret passed to the driver when mounting.', { proto: 5 }),
}));

export const ImageVolumeSourceSchema = object('io.k8s.api.core.v1.ImageVolumeSource', 'An OCI image or artifact mounted read-only.', () => ({
  reference: field(string, "Image or artifact reference, as in a container's image.", { proto: 1 }),
  pullPolicy: field(string, 'Always, Never or IfNotPresent; Always for :latest or no tag, else IfNotPresent.', { proto: 2 }),
}));

export const EmptyDirVolumeSourceSchema = object('io.k8s.api.core.v1.EmptyDirVolumeSource', 'An empty directory created when the pod starts and removed when it ends.', () => ({
  medium: field(string, 'Backing storage: "" for the node\'s disk, Memory for tmpfs, or HugePages.', { proto: 1 }),
  sizeLimit: field(quantity, 'Most local storage (or memory) the directory may use.', { proto: 2 }),
  mode: field(int32, 'Permission bits of the directory (0000-01777).', { proto: 3 }),
}));

export const GitRepoVolumeSourceSchema = object('io.k8s.api.core.v1.GitRepoVolumeSource', 'A git repository cloned into the volume when the pod starts (deprecated).', () => ({
  repository: field(string, 'URL of the repository.', { required: true, proto: 1 }),
  revision: field(string, 'Commit hash to check out.', { proto: 2 }),
  directory: field(string, 'Directory to clone into; "." clones into the volume root.', { proto: 3 }),
}));
