/** Volume sources that write API data as files: Secret, ConfigMap, downward API and projected volumes. */
import { LabelSelectorSchema } from '../../../meta/label-selector.js';
import { boolean, field, int32, int64, listOf, object, quantity, string, stringMap } from '../../../schema/build.js';
import { KeyToPathSchema } from '../common/key-to-path.js';

export const SecretVolumeSourceSchema = object('io.k8s.api.core.v1.SecretVolumeSource', "Files from the keys of a Secret in the pod's namespace.", () => ({
  secretName: field(string, 'Name of the Secret.', { proto: 1 }),
  items: field(listOf(KeyToPathSchema), 'Keys to write and their paths; unset writes every key to a file named after it.',
    { proto: 2, listType: 'atomic' }),
  defaultMode: field(int32, 'Permission bits of the files (0-0777); 0644 if unset.', { proto: 3 }),
  optional: field(boolean, 'Start the pod even if the Secret or a listed key is missing.', { proto: 4 }),
  defaultUser: field(int64, 'UID that owns the files unless an item says otherwise.', { proto: 5 }),
}));

export const ConfigMapVolumeSourceSchema = object('io.k8s.api.core.v1.ConfigMapVolumeSource', "Files from the keys of a ConfigMap in the pod's namespace.", () => ({
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1 of ConfigMapVolumeSource.
  name: field(string, 'Name of the ConfigMap.', { proto: 1, embeddedIn: 1 }),
  items: field(listOf(KeyToPathSchema), 'Keys to write and their paths; unset writes every key to a file named after it.',
    { proto: 2, listType: 'atomic' }),
  defaultMode: field(int32, 'Permission bits of the files (0-0777); 0644 if unset.', { proto: 3 }),
  optional: field(boolean, 'Start the pod even if the ConfigMap or a listed key is missing.', { proto: 4 }),
  defaultUser: field(int64, 'UID that owns the files unless an item says otherwise.', { proto: 5 }),
}));

export const DownwardAPIVolumeSourceSchema = object('io.k8s.api.core.v1.DownwardAPIVolumeSource', 'Files holding fields of the pod and its containers.', () => ({
  items: field(listOf(DownwardAPIVolumeFileSchema), 'The files to write.', { proto: 1, listType: 'atomic' }),
  defaultMode: field(int32, 'Permission bits of the files (0-0777); 0644 if unset.', { proto: 2 }),
  defaultUser: field(int64, 'UID that owns the files unless an item says otherwise.', { proto: 3 }),
}));

export const DownwardAPIVolumeFileSchema = object('io.k8s.api.core.v1.DownwardAPIVolumeFile', 'One file of a downward API volume and the field it holds.', () => ({
  path: field(string, "Relative path of the file; may not contain '..' or start with '..'.", { required: true, proto: 1 }),
  fieldRef: field(
    ObjectFieldSelectorSchema,
    'A pod field: metadata.name, metadata.namespace, metadata.uid, metadata.labels or metadata.annotations.',
    { proto: 2 },
  ),
  resourceFieldRef: field(ResourceFieldSelectorSchema, "A container's resource limit or request.", { proto: 3 }),
  mode: field(int32, "Permission bits of the file (0-0777); defaults to the volume's defaultMode.", { proto: 4 }),
  user: field(int64, 'UID that owns the file.', { proto: 5 }),
}));

export const ObjectFieldSelectorSchema = object('io.k8s.api.core.v1.ObjectFieldSelector', 'Selects a field of the pod by path.', () => ({
  apiVersion: field(string, 'API version the path is written for; v1 if unset.', { proto: 1 }),
  fieldPath: field(string, 'Path of the field, e.g. metadata.name or status.podIP.', { required: true, proto: 2 }),
}), { atomic: true });

export const ResourceFieldSelectorSchema = object('io.k8s.api.core.v1.ResourceFieldSelector', 'Selects a resource limit or request of a container, scaled by a divisor.', () => ({
  containerName: field(string, 'Container whose resources are read; required in volumes, optional in env.', { proto: 1 }),
  resource: field(
    string,
    'Which value: limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage or hugepages.',
    { required: true, proto: 2 },
  ),
  divisor: field(quantity, 'Unit the value is expressed in; 1 if unset.', { proto: 3 }),
}), { atomic: true });

export const ProjectedVolumeSourceSchema = object('io.k8s.api.core.v1.ProjectedVolumeSource', 'Several sources projected into one directory.', () => ({
  sources: field(listOf(VolumeProjectionSchema), 'The sources, each contributing files.', { proto: 1, listType: 'atomic' }),
  defaultMode: field(int32, 'Permission bits of the files (0-0777); 0644 if unset.', { proto: 2 }),
  defaultUser: field(int64, 'UID that owns the files unless an item says otherwise.', { proto: 3 }),
}));

export const VolumeProjectionSchema = object('io.k8s.api.core.v1.VolumeProjection', 'One source of a projected volume; exactly one field is set.', () => ({
  secret: field(SecretProjectionSchema, 'Keys of a Secret.', { proto: 1 }),
  downwardAPI: field(DownwardAPIProjectionSchema, 'Pod and container fields.', { proto: 2 }),
  configMap: field(ConfigMapProjectionSchema, 'Keys of a ConfigMap.', { proto: 3 }),
  serviceAccountToken: field(ServiceAccountTokenProjectionSchema, "A token of the pod's service account.", { proto: 4 }),
  clusterTrustBundle: field(ClusterTrustBundleProjectionSchema, 'Certificates from ClusterTrustBundle objects.', { proto: 5 }),
  podCertificate: field(PodCertificateProjectionSchema, 'A private key and certificate chain issued for the pod.', { proto: 6 }),
}));

export const SecretProjectionSchema = object('io.k8s.api.core.v1.SecretProjection', 'Keys of a Secret placed in a projected volume.', () => ({
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1 of SecretProjection.
  name: field(string, 'Name of the Secret.', { proto: 1, embeddedIn: 1 }),
  items: field(listOf(KeyToPathSchema), 'Keys to write and their paths; unset writes every key.',
    { proto: 2, listType: 'atomic' }),
  optional: field(boolean, 'Start the pod even if the Secret or a listed key is missing.', { proto: 4 }),
}));

export const DownwardAPIProjectionSchema = object('io.k8s.api.core.v1.DownwardAPIProjection', 'Pod and container fields placed in a projected volume.', () => ({
  items: field(listOf(DownwardAPIVolumeFileSchema), 'The files to write.', { proto: 1, listType: 'atomic' }),
}));

export const ConfigMapProjectionSchema = object('io.k8s.api.core.v1.ConfigMapProjection', 'Keys of a ConfigMap placed in a projected volume.', () => ({
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1 of ConfigMapProjection.
  name: field(string, 'Name of the ConfigMap.', { proto: 1, embeddedIn: 1 }),
  items: field(listOf(KeyToPathSchema), 'Keys to write and their paths; unset writes every key.',
    { proto: 2, listType: 'atomic' }),
  optional: field(boolean, 'Start the pod even if the ConfigMap or a listed key is missing.', { proto: 4 }),
}));

export const ServiceAccountTokenProjectionSchema = object('io.k8s.api.core.v1.ServiceAccountTokenProjection', "A token for the pod's service account, renewed before it expires.", () => ({
  audience: field(string, "Audience the token is issued for; the API server's if unset.", { proto: 1 }),
  expirationSeconds: field(int64, 'Requested lifetime of the token (at least 600); 3600 if unset.', { proto: 2 }),
  path: field(string, 'Relative path of the token file.', { required: true, proto: 3 }),
  user: field(int64, 'UID that owns the file.', { proto: 4 }),
}));

export const ClusterTrustBundleProjectionSchema = object('io.k8s.api.core.v1.ClusterTrustBundleProjection', 'Certificates from ClusterTrustBundles, written to one file.', () => ({
  name: field(string, 'A single ClusterTrustBundle by name; excludes signerName and labelSelector.', { proto: 1 }),
  signerName: field(string, 'All bundles of this signer.', { proto: 2 }),
  labelSelector: field(LabelSelectorSchema, 'With signerName: only bundles whose labels match.', { proto: 3 }),
  optional: field(boolean, 'Start the pod even if no bundle is found.', { proto: 5 }),
  path: field(string, 'Relative path of the file.', { required: true, proto: 4 }),
  user: field(int64, 'UID that owns the file.', { proto: 6 }),
}));

export const PodCertificateProjectionSchema = object('io.k8s.api.core.v1.PodCertificateProjection', 'A key generated by the kubelet and a certificate for it issued by a signer.', () => ({
  signerName: field(string, 'Signer the certificate requests are sent to.', { required: true, proto: 1 }),
  keyType: field(string, 'Key algorithm: RSA3072, RSA4096, ECDSAP256, ECDSAP384, ECDSAP521 or ED25519.',
    { required: true, proto: 2 }),
  maxExpirationSeconds: field(int32, 'Longest certificate lifetime to request.', { proto: 3 }),
  credentialBundlePath: field(string, 'Relative path of one file holding the key followed by the chain.', { proto: 4 }),
  keyPath: field(string, 'Relative path of the key file (used with certificateChainPath).', { proto: 5 }),
  certificateChainPath: field(string, 'Relative path of the certificate chain file (used with keyPath).', { proto: 6 }),
  userAnnotations: field(stringMap, 'Extra data passed to the signer in the certificate request.', { proto: 7 }),
  user: field(int64, 'UID that owns the files.', { proto: 8 }),
}));
