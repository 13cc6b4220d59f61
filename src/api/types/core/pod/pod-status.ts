/** PodStatus: phase, conditions, addresses and container states as the node reports them. */
import { boolean, field, int32, int64, listOf, mapOf, object, quantity, string, time } from '../../../schema/build.js';
import { ResourceRequirementsSchema } from './container.js';
import { NodeAllocatableResourceClaimStatusSchema, PodExtendedResourceClaimStatusSchema, PodResourceClaimStatusSchema, PodVolumeHealthSchema } from './pod-status-resources.js';

export const PodStatusSchema = object('io.k8s.api.core.v1.PodStatus', "What a pod is doing: its phase, conditions, addresses and each container's state.", () => ({
  observedGeneration: field(int64, 'The metadata.generation this status was computed from.', { proto: 17 }),
  phase: field(string, 'Pending, Running, Succeeded, Failed or Unknown.', { proto: 1 }),
  conditions: field(
    listOf(PodConditionSchema),
    'Observations about the pod: PodScheduled, Initialized, ContainersReady, Ready and others.',
    { proto: 2, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] },
  ),
  message: field(string, 'Details about why the pod is in its state.', { proto: 3 }),
  reason: field(string, "One-word CamelCase reason for the pod's state, e.g. Evicted.", { proto: 4 }),
  nominatedNodeName: field(string, 'Node the pod is expected to run on once the pods it preempts there are gone.', { proto: 11 }),
  hostIP: field(string, "Primary IP address of the pod's node.", { proto: 5 }),
  hostIPs: field(listOf(HostIPSchema), "IP addresses of the pod's node; the first matches hostIP.",
    { proto: 16, mergeKey: 'ip', patchStrategy: 'merge', listType: 'atomic' }),
  podIP: field(string, 'Primary IP address of the pod.', { proto: 6 }),
  podIPs: field(listOf(PodIPSchema), 'IP addresses of the pod (at most one per family); the first matches podIP.',
    { proto: 12, mergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'] }),
  startTime: field(time, 'When the node accepted the pod, before pulling images.', { proto: 7 }),
  initContainerStatuses: field(listOf(ContainerStatusSchema), 'State of each init container.', { proto: 10, listType: 'atomic' }),
  containerStatuses: field(listOf(ContainerStatusSchema), 'State of each main container.', { proto: 8, listType: 'atomic' }),
  qosClass: field(string, "Guaranteed, Burstable or BestEffort, from the containers' requests and limits.", { proto: 9 }),
  ephemeralContainerStatuses: field(listOf(ContainerStatusSchema), 'State of each ephemeral container.',
    { proto: 13, listType: 'atomic' }),
  resize: field(
    string,
    'State of a pending in-place resize (deprecated; see the PodResizePending and PodResizeInProgress conditions).',
    { proto: 14 },
  ),
  resourceClaimStatuses: field(
    listOf(PodResourceClaimStatusSchema),
    "Names of the ResourceClaims made for the pod's resourceClaims.",
    { proto: 15, mergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'] },
  ),
  extendedResourceClaimStatus: field(
    PodExtendedResourceClaimStatusSchema,
    'The ResourceClaim made for extended resources that DRA backs.',
    { proto: 18 },
  ),
  allocatedResources: field(mapOf(quantity), 'Requests the node allocated for the whole pod.', { proto: 19 }),
  resources: field(ResourceRequirementsSchema, 'Requests and limits applied at pod level.', { proto: 20 }),
  nodeAllocatableResourceClaimStatuses: field(
    listOf(NodeAllocatableResourceClaimStatusSchema),
    'Node-allocatable resources (cpu, memory) allocated to the pod through DRA claims.',
    { proto: 21, mergeKey: 'resourceClaimName', patchStrategy: 'merge', listType: 'map', listMapKeys: ['resourceClaimName'] },
  ),
  volumeHealth: field(listOf(PodVolumeHealthSchema), 'Health of each volume as the node reports it.',
    { proto: 22, listType: 'map', listMapKeys: ['name'] }),
}));

export const PodConditionSchema = object('io.k8s.api.core.v1.PodCondition', 'One observation about a pod, such as Ready.', () => ({
  type: field(string, "Condition type: PodScheduled, Initialized, ContainersReady, Ready, or a readiness gate's.",
    { required: true, proto: 1 }),
  observedGeneration: field(int64, 'The metadata.generation this condition was computed from.', { proto: 7 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastProbeTime: field(time, 'When the condition was last checked.', { proto: 3 }),
  lastTransitionTime: field(time, 'When the condition last changed status.', { proto: 4 }),
  reason: field(string, 'One-word CamelCase reason for the last change.', { proto: 5 }),
  message: field(string, 'Details about the last change.', { proto: 6 }),
}));

export const HostIPSchema = object('io.k8s.api.core.v1.HostIP', "An IP address of the pod's node.", () => ({
  ip: field(string, 'The address.', { required: true, proto: 1 }),
}));

export const PodIPSchema = object('io.k8s.api.core.v1.PodIP', 'An IP address of the pod.', () => ({
  ip: field(string, 'The address.', { required: true, proto: 1 }),
}));

export const ContainerStatusSchema = object('io.k8s.api.core.v1.ContainerStatus', 'The state of one container as the node reports it.', () => ({
  name: field(string, 'Name of the container.', { required: true, proto: 1 }),
  state: field(ContainerStateSchema, "The container's current state.", { proto: 2 }),
  lastState: field(ContainerStateSchema, "The container's previous termination, if it restarted.", { proto: 3 }),
  ready: field(boolean, 'Whether the container passes its readiness probe (or runs, without one).', { required: true, proto: 4 }),
  restartCount: field(int32, 'How many times the container has restarted.', { required: true, proto: 5 }),
  image: field(string, 'Image the container runs.', { required: true, proto: 6 }),
  imageID: field(string, 'Digest of the image the container runs.', { required: true, proto: 7 }),
  containerID: field(string, 'Runtime ID of the container, as <runtime>://<id>.', { proto: 8 }),
  started: field(boolean, 'Whether the container has passed its postStart hook and startup probe.', { proto: 9 }),
  allocatedResources: field(mapOf(quantity), 'Resources the node allocated for the container.', { proto: 10 }),
  resources: field(ResourceRequirementsSchema, 'Requests and limits applied to the running container.', { proto: 11 }),
  volumeMounts: field(listOf(VolumeMountStatusSchema), "The container's volume mounts as mounted.",
    { proto: 12, mergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'] }),
  user: field(ContainerUserSchema, "Identity the container's first process started with.", { proto: 13 }),
  allocatedResourcesStatus: field(listOf(ResourceStatusSchema), 'Health of the devices and resources allocated to the container.',
    { proto: 14, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
  stopSignal: field(string, 'Signal that stops the container.', { proto: 15 }),
}));

export const ContainerStateSchema = object('io.k8s.api.core.v1.ContainerState', "A container's state; at most one field is set (none means waiting).", () => ({
  waiting: field(ContainerStateWaitingSchema, 'The container is not running yet.', { proto: 1 }),
  running: field(ContainerStateRunningSchema, 'The container is running.', { proto: 2 }),
  terminated: field(ContainerStateTerminatedSchema, 'The container has exited.', { proto: 3 }),
}));

export const ContainerStateWaitingSchema = object('io.k8s.api.core.v1.ContainerStateWaiting', 'Why a container is not running yet.', () => ({
  reason: field(string, 'Short CamelCase reason, e.g. ContainerCreating, CrashLoopBackOff or ImagePullBackOff.', { proto: 1 }),
  message: field(string, 'Details about the wait.', { proto: 2 }),
}));

export const ContainerStateRunningSchema = object('io.k8s.api.core.v1.ContainerStateRunning', 'A running container.', () => ({
  startedAt: field(time, 'When the container last (re)started.', { proto: 1 }),
}));

export const ContainerStateTerminatedSchema = object('io.k8s.api.core.v1.ContainerStateTerminated', 'How a container ended.', () => ({
  exitCode: field(int32, 'Exit status of the process.', { required: true, proto: 1 }),
  signal: field(int32, 'Signal that ended the process.', { proto: 2 }),
  reason: field(string, 'Short CamelCase reason, e.g. Completed, Error or OOMKilled.', { proto: 3 }),
  message: field(string, 'Details about the exit.', { proto: 4 }),
  startedAt: field(time, 'When the run that ended had started.', { proto: 5 }),
  finishedAt: field(time, 'When the container exited.', { proto: 6 }),
  containerID: field(string, 'Runtime ID of the container, as <runtime>://<id>.', { proto: 7 }),
}));

export const VolumeMountStatusSchema = object('io.k8s.api.core.v1.VolumeMountStatus', 'A volume mount of a running container.', () => ({
  name: field(string, 'Name of the volume mount.', { required: true, proto: 1 }),
  mountPath: field(string, 'Path of the mount in the container.', { required: true, proto: 2 }),
  readOnly: field(boolean, 'Whether it is mounted read-only.', { proto: 3 }),
  recursiveReadOnly: field(string, 'Disabled or Enabled: whether read-only applies to submounts.', { proto: 4 }),
  volumeStatus: field(VolumeStatusSchema, "Status specific to the volume's type.", { proto: 5 }),
}));

export const VolumeStatusSchema = object('io.k8s.api.core.v1.VolumeStatus', "Status specific to a volume's type.", () => ({
  image: field(ImageVolumeStatusSchema, 'For image volumes: what was pulled.', { proto: 1 }),
}));

export const ImageVolumeStatusSchema = object('io.k8s.api.core.v1.ImageVolumeStatus', 'The image an image volume was made from.', () => ({
  imageRef: field(string, 'Digest of the image.', { required: true, proto: 1 }),
}));

export const ContainerUserSchema = object('io.k8s.api.core.v1.ContainerUser', "The identity a container's first process started with.", () => ({
  linux: field(LinuxContainerUserSchema, 'On Linux: uid, gid and groups.', { proto: 1 }),
}));

export const LinuxContainerUserSchema = object('io.k8s.api.core.v1.LinuxContainerUser', "Linux identity of a container's first process.", () => ({
  uid: field(int64, 'User ID.', { required: true, proto: 1 }),
  gid: field(int64, 'Primary group ID.', { required: true, proto: 2 }),
  supplementalGroups: field(listOf(int64), 'Other group IDs.', { proto: 3, listType: 'atomic' }),
}));

export const ResourceStatusSchema = object('io.k8s.api.core.v1.ResourceStatus', 'Health of the devices behind one resource of a container.', () => ({
  name: field(string, 'Resource name, or claim:<claim>/<request> for DRA.', { required: true, proto: 1 }),
  resources: field(listOf(ResourceHealthSchema), 'Health of each device.',
    { proto: 2, listType: 'map', listMapKeys: ['resourceID'] }),
}));

export const ResourceHealthSchema = object('io.k8s.api.core.v1.ResourceHealth', 'Health of one device.', () => ({
  resourceID: field(string, 'ID of the device.', { required: true, proto: 1 }),
  health: field(string, 'Healthy, Unhealthy or Unknown.', { proto: 2 }),
  message: field(string, 'Details about the health.', { proto: 6 }),
}));
