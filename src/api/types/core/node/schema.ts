/** core/v1 Node schema: a machine that runs pods, its taints and the status its agent reports. */
import type { KObject } from '../../../meta/object-meta.js';
import { kindFields } from '../../../meta/type-fields.js';
import {
  boolean, enumOf, field, int32, int64, listOf, mapOf, object, quantity, string, time,
} from '../../../schema/build.js';

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export const TaintSchema = object('io.k8s.api.core.v1.Taint', 'Marks a node so that pods without a matching toleration stay off it.', () => ({
  key: field(string, 'Taint key (a label name).', { required: true, proto: 1 }),
  value: field(string, 'Taint value (a label value).', { proto: 2 }),
  effect: field(enumOf(...TAINT_EFFECTS), 'What happens to pods that do not tolerate it: NoSchedule, PreferNoSchedule or NoExecute.', { required: true, proto: 3 }),
  timeAdded: field(time, 'When the taint was added (NoExecute taints only).', { proto: 4 }),
}));

export const ConfigMapNodeConfigSourceSchema = object('io.k8s.api.core.v1.ConfigMapNodeConfigSource', 'A ConfigMap holding kubelet configuration (deprecated feature).', () => ({
  namespace: field(string, 'Namespace of the ConfigMap.', { required: true, proto: 1 }),
  name: field(string, 'Name of the ConfigMap.', { required: true, proto: 2 }),
  uid: field(string, 'UID of the ConfigMap (status only).', { proto: 3 }),
  resourceVersion: field(string, 'Version of the ConfigMap (status only).', { proto: 4 }),
  kubeletConfigKey: field(string, 'Key of the ConfigMap holding the kubelet configuration.', { required: true, proto: 5 }),
}));

export const NodeConfigSourceSchema = object('io.k8s.api.core.v1.NodeConfigSource', 'Where a node\'s dynamic kubelet configuration comes from (deprecated).', () => ({
  configMap: field(ConfigMapNodeConfigSourceSchema, 'A ConfigMap holding the configuration.', { proto: 2 }),
}));

export const NodeSpecSchema = object('io.k8s.api.core.v1.NodeSpec', 'Desired state of a node.', () => ({
  podCIDR: field(string, 'Pod IP range assigned to the node (first entry of podCIDRs).', { proto: 1 }),
  podCIDRs: field(listOf(string), 'Pod IP ranges assigned to the node, at most one per IP family.', { proto: 7, patchStrategy: 'merge', listType: 'set' }),
  providerID: field(string, 'ID of the node given by the cloud provider: <provider>://<id>.', { proto: 3 }),
  unschedulable: field(boolean, 'When true, no new pods are scheduled here (kubectl cordon).', { proto: 4 }),
  taints: field(listOf(TaintSchema), 'Taints repelling pods that do not tolerate them.', { proto: 5, listType: 'atomic' }),
  configSource: field(NodeConfigSourceSchema, 'Deprecated: dynamic kubelet configuration.', { proto: 6 }),
  externalID: field(string, 'Deprecated; not used.', { proto: 2 }),
  podPreemptionPolicy: field(object('io.k8s.api.core.v1.NodePodPreemptionPolicy', 'How the node treats preemption of its pods.', () => ({
    disableResizePreemption: field(listOf(string), 'Kinds of resize for which pods are not preempted.', { proto: 1, listType: 'set' }),
  })), 'How the node treats preemption of its pods.', { proto: 8 }),
}));

export const NodeConditionSchema = object('io.k8s.api.core.v1.NodeCondition', 'One observation about a node, such as Ready or MemoryPressure.', () => ({
  type: field(string, 'Type of condition: Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.', { required: true, proto: 1 }),
  status: field(enumOf('True', 'False', 'Unknown'), 'True, False or Unknown.', { required: true, proto: 2 }),
  lastHeartbeatTime: field(time, 'When the condition was last reported.', { proto: 3 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 4 }),
  reason: field(string, 'CamelCase reason for the last transition.', { proto: 5 }),
  message: field(string, 'Details of the last transition.', { proto: 6 }),
}));

export const NodeAddressSchema = object('io.k8s.api.core.v1.NodeAddress', 'One address of a node.', () => ({
  type: field(enumOf('ExternalDNS', 'ExternalIP', 'Hostname', 'InternalDNS', 'InternalIP'), 'Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.', { required: true, proto: 1 }),
  address: field(string, 'The address.', { required: true, proto: 2 }),
}));

export const DaemonEndpointSchema = object('io.k8s.api.core.v1.DaemonEndpoint', 'A port a node daemon listens on.', () => ({
  Port: field(int32, 'Port number.', { required: true, proto: 1 }),
}));

export const NodeDaemonEndpointsSchema = object('io.k8s.api.core.v1.NodeDaemonEndpoints', 'Ports of the daemons on a node.', () => ({
  kubeletEndpoint: field(DaemonEndpointSchema, 'Port of the node agent\'s API.', { proto: 1 }),
}));

export const NodeSystemInfoSchema = object('io.k8s.api.core.v1.NodeSystemInfo', 'Facts about the node\'s machine and software.', () => ({
  machineID: field(string, 'Machine ID (/etc/machine-id).', { required: true, proto: 1 }),
  systemUUID: field(string, 'System UUID from the firmware.', { required: true, proto: 2 }),
  bootID: field(string, 'ID of the current boot.', { required: true, proto: 3 }),
  kernelVersion: field(string, 'Kernel version (uname -r).', { required: true, proto: 4 }),
  osImage: field(string, 'Operating system name, e.g. Debian GNU/Linux 12 (bookworm).', { required: true, proto: 5 }),
  containerRuntimeVersion: field(string, 'Container runtime and version, e.g. runc://1.1.12.', { required: true, proto: 6 }),
  kubeletVersion: field(string, 'Version of the node agent.', { required: true, proto: 7 }),
  kubeProxyVersion: field(string, 'Deprecated: version of the service proxy.', { required: true, proto: 8 }),
  operatingSystem: field(string, 'Operating system, e.g. linux.', { required: true, proto: 9 }),
  architecture: field(string, 'CPU architecture, e.g. amd64.', { required: true, proto: 10 }),
  swap: field(object('io.k8s.api.core.v1.NodeSwapStatus', 'Swap memory of the node.', () => ({
    capacity: field(int64, 'Total swap in bytes.', { proto: 1 }),
  })), 'Swap memory of the node.', { proto: 11 }),
}));

export const ContainerImageSchema = object('io.k8s.api.core.v1.ContainerImage', 'An image present on the node.', () => ({
  names: field(listOf(string), 'Names (tags and digests) of the image.', { proto: 1, listType: 'atomic' }),
  sizeBytes: field(int64, 'Size of the image in bytes.', { proto: 2 }),
}));

export const AttachedVolumeSchema = object('io.k8s.api.core.v1.AttachedVolume', 'A volume attached to the node.', () => ({
  name: field(string, 'Name of the attached volume.', { required: true, proto: 1 }),
  devicePath: field(string, 'Device path where the volume should be available.', { required: true, proto: 2 }),
}));

export const NodeConfigStatusSchema = object('io.k8s.api.core.v1.NodeConfigStatus', 'State of dynamic kubelet configuration (deprecated).', () => ({
  assigned: field(NodeConfigSourceSchema, 'Configuration the node was told to use.', { proto: 1 }),
  active: field(NodeConfigSourceSchema, 'Configuration the node is using.', { proto: 2 }),
  lastKnownGood: field(NodeConfigSourceSchema, 'Configuration the node falls back to.', { proto: 3 }),
  error: field(string, 'Problem applying the configuration.', { proto: 4 }),
}));

export const NodeRuntimeHandlerSchema = object('io.k8s.api.core.v1.NodeRuntimeHandler', 'A runtime handler the node offers.', () => ({
  name: field(string, 'Handler name; empty for the default handler.', { proto: 1 }),
  features: field(object('io.k8s.api.core.v1.NodeRuntimeHandlerFeatures', 'Features a runtime handler supports.', () => ({
    recursiveReadOnlyMounts: field(boolean, 'Supports recursive read-only mounts.', { proto: 1 }),
    userNamespaces: field(boolean, 'Supports user namespaces for pods.', { proto: 2 }),
  })), 'Features the handler supports.', { proto: 2 }),
}));

export const NodeStatusSchema = object('io.k8s.api.core.v1.NodeStatus', 'Observed state of a node, reported by its agent.', () => ({
  capacity: field(mapOf(quantity), 'Total resources of the node.', { proto: 1 }),
  allocatable: field(mapOf(quantity), 'Resources available to pods (defaults to capacity).', { proto: 2 }),
  phase: field(string, 'Deprecated; not set.', { proto: 3 }),
  conditions: field(listOf(NodeConditionSchema), 'Current conditions of the node.', {
    proto: 4, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
  addresses: field(listOf(NodeAddressSchema), 'Addresses of the node.', {
    proto: 5, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
  daemonEndpoints: field(NodeDaemonEndpointsSchema, 'Ports of daemons running on the node.', { proto: 6 }),
  nodeInfo: field(NodeSystemInfoSchema, 'Facts about the machine and its software.', { proto: 7 }),
  images: field(listOf(ContainerImageSchema), 'Images present on the node.', { proto: 8, listType: 'atomic' }),
  volumesInUse: field(listOf(string), 'Volumes mounted by pods on the node.', { proto: 9, listType: 'atomic' }),
  volumesAttached: field(listOf(AttachedVolumeSchema), 'Volumes attached to the node.', { proto: 10, listType: 'atomic' }),
  config: field(NodeConfigStatusSchema, 'State of dynamic kubelet configuration.', { proto: 11 }),
  runtimeHandlers: field(listOf(NodeRuntimeHandlerSchema), 'Runtime handlers the node offers.', { proto: 12, listType: 'atomic' }),
  features: field(object('io.k8s.api.core.v1.NodeFeatures', 'Optional features the node supports.', () => ({
    supplementalGroupsPolicy: field(boolean, 'Supports the pod supplementalGroupsPolicy field.', { proto: 1 }),
  })), 'Optional features the node supports.', { proto: 13 }),
  declaredFeatures: field(listOf(string), 'Feature names the node declares it supports.', { proto: 14, listType: 'atomic' }),
}));

export const NodeSchema = object('io.k8s.api.core.v1.Node', 'A machine (real or simulated) that runs pods.', () => ({
  ...kindFields(),
  spec: field(NodeSpecSchema, 'Desired state of the node.', { proto: 2 }),
  status: field(NodeStatusSchema, 'Observed state of the node.', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'Node' } });

export interface Taint { key: string; value?: string; effect: string; timeAdded?: string }
export interface NodeCondition { type: string; status: string; reason?: string; message?: string }
export interface NodeAddress { type: string; address: string }
export interface ConfigMapNodeConfigSource { namespace?: string; name?: string; uid?: string; resourceVersion?: string; kubeletConfigKey?: string }

export interface NodeLike extends KObject {
  spec?: {
    podCIDR?: string;
    podCIDRs?: string[];
    providerID?: string;
    unschedulable?: boolean;
    taints?: Taint[];
    configSource?: { configMap?: ConfigMapNodeConfigSource };
    externalID?: string;
  };
  status?: {
    capacity?: Record<string, string | number>;
    allocatable?: Record<string, string | number>;
    conditions?: NodeCondition[];
    addresses?: NodeAddress[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
    config?: { assigned?: { configMap?: ConfigMapNodeConfigSource }; active?: { configMap?: ConfigMapNodeConfigSource }; lastKnownGood?: { configMap?: ConfigMapNodeConfigSource } };
  };
}
