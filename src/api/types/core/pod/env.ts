/** Container environment: EnvVar, its sources, and EnvFromSource. */
import { boolean, field, object, string } from '../../../schema/build.js';
import { ObjectFieldSelectorSchema, ResourceFieldSelectorSchema } from './volume-config.js';

export const EnvVarSchema = object('io.k8s.api.core.v1.EnvVar', 'One environment variable: a literal value or one read from elsewhere.', () => ({
  name: field(string, 'Variable name.', { required: true, proto: 1 }),
  value: field(string, 'Literal value; $(VAR) refers to variables defined earlier, $$ escapes a $.', { proto: 2 }),
  valueFrom: field(EnvVarSourceSchema, 'Where to read the value from; not allowed with value.', { proto: 3 }),
}));

export const EnvVarSourceSchema = object('io.k8s.api.core.v1.EnvVarSource', "Where an environment variable's value is read from; exactly one field is set.", () => ({
  fieldRef: field(
    ObjectFieldSelectorSchema,
    'A pod field: metadata.name, metadata.namespace, metadata.uid, labels or annotations by key, spec.nodeName, spec.serviceAccountName, status.hostIP(s) or status.podIP(s).',
    { proto: 1 },
  ),
  resourceFieldRef: field(ResourceFieldSelectorSchema, 'A resource limit or request of a container.', { proto: 2 }),
  configMapKeyRef: field(ConfigMapKeySelectorSchema, 'A key of a ConfigMap.', { proto: 3 }),
  secretKeyRef: field(SecretKeySelectorSchema, 'A key of a Secret.', { proto: 4 }),
  fileKeyRef: field(FileKeySelectorSchema, "A key of an env file in one of the pod's volumes.", { proto: 5 }),
}));

export const ConfigMapKeySelectorSchema = object('io.k8s.api.core.v1.ConfigMapKeySelector', "One key of a ConfigMap in the pod's namespace.", () => ({
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1 of ConfigMapKeySelector.
  name: field(string, 'Name of the ConfigMap.', { proto: 1, embeddedIn: 1 }),
  key: field(string, 'The key to read.', { required: true, proto: 2 }),
  optional: field(boolean, 'Start the container even if the ConfigMap or key is missing.', { proto: 3 }),
}), { atomic: true });

export const SecretKeySelectorSchema = object('io.k8s.api.core.v1.SecretKeySelector', "One key of a Secret in the pod's namespace.", () => ({
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1 of SecretKeySelector.
  name: field(string, 'Name of the Secret.', { proto: 1, embeddedIn: 1 }),
  key: field(string, 'The key to read.', { required: true, proto: 2 }),
  optional: field(boolean, 'Start the container even if the Secret or key is missing.', { proto: 3 }),
}), { atomic: true });

export const FileKeySelectorSchema = object('io.k8s.api.core.v1.FileKeySelector', 'One key of an env file (KEY=value lines) found in a volume.', () => ({
  volumeName: field(string, 'Name of the volume holding the file.', { required: true, proto: 1 }),
  path: field(string, 'Relative path of the file in the volume.', { required: true, proto: 2 }),
  key: field(string, 'The key to read from the file.', { required: true, proto: 3 }),
  optional: field(boolean, 'Leave the variable out instead of failing when the file or key is missing.',
    { proto: 4, default: false }),
}), { atomic: true });

export const EnvFromSourceSchema = object('io.k8s.api.core.v1.EnvFromSource', 'A ConfigMap or Secret whose keys become environment variables.', () => ({
  prefix: field(string, 'Text put in front of each variable name.', { proto: 1 }),
  configMapRef: field(ConfigMapEnvSourceSchema, 'The ConfigMap to read.', { proto: 2 }),
  secretRef: field(SecretEnvSourceSchema, 'The Secret to read.', { proto: 3 }),
}));

export const ConfigMapEnvSourceSchema = object('io.k8s.api.core.v1.ConfigMapEnvSource', 'A ConfigMap read as environment variables.', () => ({
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1 of ConfigMapEnvSource.
  name: field(string, 'Name of the ConfigMap.', { proto: 1, embeddedIn: 1 }),
  optional: field(boolean, 'Start the container even if the ConfigMap is missing.', { proto: 2 }),
}));

export const SecretEnvSourceSchema = object('io.k8s.api.core.v1.SecretEnvSource', 'A Secret read as environment variables.', () => ({
  // LocalObjectReference is embedded here: flat in JSON, protobuf field 1 of SecretEnvSource.
  name: field(string, 'Name of the Secret.', { proto: 1, embeddedIn: 1 }),
  optional: field(boolean, 'Start the container even if the Secret is missing.', { proto: 2 }),
}));
