/** Container and EphemeralContainer with their ports, resources, restart rules, mounts and devices. */
import { boolean, embed, field, int32, listOf, mapOf, object, quantity, string } from '../../../schema/build.js';
import { EnvFromSourceSchema, EnvVarSchema } from './env.js';
import { LifecycleSchema, ProbeSchema } from './probe.js';
import { SecurityContextSchema } from './security-context.js';

export const ContainerSchema = object('io.k8s.api.core.v1.Container', 'One container of a pod: its image, command, environment, resources, mounts, probes and security settings.', () => ({
  name: field(string, 'Name of the container (DNS-1123 label, unique in the pod).', { required: true, proto: 1 }),
  image: field(string, 'Image to run, e.g. nginx:1.27 or registry.example.com/app@sha256:...', { proto: 2 }),
  command: field(
    listOf(string),
    "Entrypoint, replacing the image's ENTRYPOINT; not run through a shell. $(VAR) refers to env variables.",
    { proto: 3, listType: 'atomic' },
  ),
  args: field(listOf(string), "Arguments, replacing the image's CMD. $(VAR) refers to env variables; $$ escapes a $.",
    { proto: 4, listType: 'atomic' }),
  workingDir: field(string, "Working directory; the image's if unset.", { proto: 5 }),
  ports: field(listOf(ContainerPortSchema), 'Ports the container listens on (informational; every listening port is reachable).',
    { proto: 6, mergeKey: 'containerPort', patchStrategy: 'merge', listType: 'map', listMapKeys: ['containerPort', 'protocol'] }),
  envFrom: field(
    listOf(EnvFromSourceSchema),
    'ConfigMaps and Secrets whose keys all become environment variables; env entries win on clashes.',
    { proto: 19, listType: 'atomic' },
  ),
  env: field(listOf(EnvVarSchema), 'Environment variables to set.',
    { proto: 7, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
  resources: field(ResourceRequirementsSchema, 'CPU, memory and other resources the container requests and is limited to.',
    { proto: 8 }),
  resizePolicy: field(listOf(ContainerResizePolicySchema), 'Whether resizing each resource in place needs a container restart.',
    { proto: 23, listType: 'atomic' }),
  restartPolicy: field(
    string,
    "Always makes an init container a sidecar; Never or OnFailure override the pod's policy for this container.",
    { proto: 24 },
  ),
  restartPolicyRules: field(
    listOf(ContainerRestartRuleSchema),
    'Rules on exit codes deciding whether the container restarts, checked in order.',
    { proto: 25, listType: 'atomic' },
  ),
  volumeMounts: field(listOf(VolumeMountSchema), "Pod volumes mounted into the container's filesystem.",
    { proto: 9, mergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'] }),
  volumeDevices: field(listOf(VolumeDeviceSchema), 'Block-mode claims exposed as devices in the container.',
    { proto: 21, mergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'] }),
  livenessProbe: field(ProbeSchema, 'Check whose failure restarts the container.', { proto: 10 }),
  readinessProbe: field(ProbeSchema, 'Check whose failure takes the pod out of service endpoints.', { proto: 11 }),
  startupProbe: field(ProbeSchema, 'Check that must pass before the other probes start; its failure restarts the container.',
    { proto: 22 }),
  lifecycle: field(LifecycleSchema, 'Actions run right after the container starts and before it stops.', { proto: 12 }),
  terminationMessagePath: field(string, 'File whose content becomes the termination message; /dev/termination-log if unset.',
    { proto: 13 }),
  terminationMessagePolicy: field(
    string,
    'File (the default) or FallbackToLogsOnError (use the log tail when the file is empty and the container failed).',
    { proto: 20 },
  ),
  imagePullPolicy: field(string, 'Always, Never or IfNotPresent; Always for :latest or no tag, else IfNotPresent.',
    { proto: 14 }),
  securityContext: field(SecurityContextSchema, "Security settings for this container; they override the pod's.", { proto: 15 }),
  stdin: field(boolean, 'Keep a stdin buffer open for attach.', { proto: 16 }),
  stdinOnce: field(boolean, 'Close stdin after the first attach session ends.', { proto: 17 }),
  tty: field(boolean, 'Allocate a terminal (needs stdin).', { proto: 18 }),
}));

export const ContainerPortSchema = object('io.k8s.api.core.v1.ContainerPort', 'A network port of a container.', () => ({
  name: field(
    string,
    "Port name (IANA_SVC_NAME: at most 15 lowercase letters, digits and '-'), unique in the pod; services can target it.",
    { proto: 1 },
  ),
  hostPort: field(int32, 'Port opened on the node and forwarded to this one; equal to containerPort with host networking.',
    { proto: 2 }),
  containerPort: field(int32, "Port number on the pod's IP (1-65535).", { required: true, proto: 3 }),
  protocol: field(string, 'TCP (the default), UDP or SCTP.', { proto: 4, default: 'TCP' }),
  hostIP: field(string, 'Node address to bind the host port to.', { proto: 5 }),
}));

export const ResourceRequirementsSchema = object('io.k8s.api.core.v1.ResourceRequirements', 'Compute resources a container (or pod) requests and is limited to.', () => ({
  limits: field(mapOf(quantity), 'Most of each resource that may be used.', { proto: 1 }),
  requests: field(
    mapOf(quantity),
    'Amount of each resource reserved for scheduling; defaults to the limit when only that is set.',
    { proto: 2 },
  ),
  claims: field(listOf(ResourceClaimSchema), 'Entries of spec.resourceClaims this container uses.',
    { proto: 3, listType: 'map', listMapKeys: ['name'] }),
}));

export const ResourceClaimSchema = object('io.k8s.api.core.v1.ResourceClaim', "A use of one of the pod's resource claims by a container.", () => ({
  name: field(string, "Name of an entry in the pod's spec.resourceClaims.", { required: true, proto: 1 }),
  request: field(string, 'Only the result of this request within the claim; the whole claim if unset.', { proto: 2 }),
}));

export const ContainerResizePolicySchema = object('io.k8s.api.core.v1.ContainerResizePolicy', 'How a resource of a container is resized in place.', () => ({
  resourceName: field(string, 'cpu or memory.', { required: true, proto: 1 }),
  restartPolicy: field(string, 'NotRequired (the default) or RestartContainer.', { required: true, proto: 2 }),
}));

export const ContainerRestartRuleSchema = object('io.k8s.api.core.v1.ContainerRestartRule', 'A rule deciding whether a container restarts after it exits.', () => ({
  action: field(string, 'What to do when the rule matches; only Restart.', { required: true, proto: 1 }),
  exitCodes: field(ContainerRestartRuleOnExitCodesSchema, 'The exit codes the rule matches.', { proto: 2 }),
}));

export const ContainerRestartRuleOnExitCodesSchema = object('io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes', "A condition on a container's exit code.", () => ({
  operator: field(string, 'In (the code is one of the values) or NotIn.', { required: true, proto: 1 }),
  values: field(listOf(int32), 'Exit codes to compare with (at most 255).', { proto: 2, listType: 'set' }),
}));

export const VolumeMountSchema = object('io.k8s.api.core.v1.VolumeMount', 'A pod volume mounted at a path in a container.', () => ({
  name: field(string, 'Name of the pod volume.', { required: true, proto: 1 }),
  readOnly: field(boolean, 'Mount read-only.', { proto: 2 }),
  recursiveReadOnly: field(string, 'With readOnly: Disabled, IfPossible or Enabled for read-only submounts too.', { proto: 7 }),
  mountPath: field(string, "Path in the container; may not contain ':'.", { required: true, proto: 3 }),
  subPath: field(string, 'Path inside the volume to mount instead of its root.', { proto: 4 }),
  mountPropagation: field(string, 'None (the default), HostToContainer or Bidirectional.', { proto: 5 }),
  subPathExpr: field(string, "Like subPath, with $(VAR) expanded from the container's environment; not with subPath.",
    { proto: 6 }),
  bindMountOptions: field(listOf(string), 'Extra bind mount options such as noexec, nodev, nosuid.',
    { proto: 8, listType: 'set' }),
}));

export const VolumeDeviceSchema = object('io.k8s.api.core.v1.VolumeDevice', 'A block-mode claim exposed as a device in a container.', () => ({
  name: field(string, 'Name of a persistentVolumeClaim volume of the pod.', { required: true, proto: 1 }),
  devicePath: field(string, 'Path of the device in the container.', { required: true, proto: 2 }),
}));

export const EphemeralContainerSchema = object('io.k8s.api.core.v1.EphemeralContainer', 'A container added to a running pod for debugging (kubectl debug); it is never restarted and has no ports, probes or resources.', () => ({
  // EphemeralContainerCommon is embedded here: flat in JSON, protobuf field 1 of EphemeralContainer.
  ...embed(EphemeralContainerCommonSchema, 1),
  targetContainerName: field(string, 'Container whose namespaces (PID, IPC…) this one joins.', { proto: 2 }),
}));

export const EphemeralContainerCommonSchema = object('io.k8s.api.core.v1.EphemeralContainerCommon', 'The container fields an ephemeral container has.', () => ({
  name: field(string, "Name of the container (DNS-1123 label), unique among all the pod's containers.",
    { required: true, proto: 1 }),
  image: field(string, 'Image to run, e.g. nginx:1.27 or registry.example.com/app@sha256:...', { proto: 2 }),
  command: field(
    listOf(string),
    "Entrypoint, replacing the image's ENTRYPOINT; not run through a shell. $(VAR) refers to env variables.",
    { proto: 3, listType: 'atomic' },
  ),
  args: field(listOf(string), "Arguments, replacing the image's CMD. $(VAR) refers to env variables; $$ escapes a $.",
    { proto: 4, listType: 'atomic' }),
  workingDir: field(string, "Working directory; the image's if unset.", { proto: 5 }),
  ports: field(listOf(ContainerPortSchema), 'Not allowed for ephemeral containers.',
    { proto: 6, mergeKey: 'containerPort', patchStrategy: 'merge', listType: 'map', listMapKeys: ['containerPort', 'protocol'] }),
  envFrom: field(
    listOf(EnvFromSourceSchema),
    'ConfigMaps and Secrets whose keys all become environment variables; env entries win on clashes.',
    { proto: 19, listType: 'atomic' },
  ),
  env: field(listOf(EnvVarSchema), 'Environment variables to set.',
    { proto: 7, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
  resources: field(ResourceRequirementsSchema, "Not allowed for ephemeral containers; they use the pod's spare resources.",
    { proto: 8 }),
  resizePolicy: field(listOf(ContainerResizePolicySchema), 'Not allowed for ephemeral containers.',
    { proto: 23, listType: 'atomic' }),
  restartPolicy: field(string, 'Not allowed for ephemeral containers.', { proto: 24 }),
  restartPolicyRules: field(listOf(ContainerRestartRuleSchema), 'Not allowed for ephemeral containers.',
    { proto: 25, listType: 'atomic' }),
  volumeMounts: field(listOf(VolumeMountSchema), 'Pod volumes mounted into the container (no subPath).',
    { proto: 9, mergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'] }),
  volumeDevices: field(listOf(VolumeDeviceSchema), 'Block-mode claims exposed as devices in the container.',
    { proto: 21, mergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'] }),
  livenessProbe: field(ProbeSchema, 'Not allowed for ephemeral containers.', { proto: 10 }),
  readinessProbe: field(ProbeSchema, 'Not allowed for ephemeral containers.', { proto: 11 }),
  startupProbe: field(ProbeSchema, 'Not allowed for ephemeral containers.', { proto: 22 }),
  lifecycle: field(LifecycleSchema, 'Not allowed for ephemeral containers.', { proto: 12 }),
  terminationMessagePath: field(string, 'File whose content becomes the termination message; /dev/termination-log if unset.',
    { proto: 13 }),
  terminationMessagePolicy: field(
    string,
    'File (the default) or FallbackToLogsOnError (use the log tail when the file is empty and the container failed).',
    { proto: 20 },
  ),
  imagePullPolicy: field(string, 'Always, Never or IfNotPresent; Always for :latest or no tag, else IfNotPresent.',
    { proto: 14 }),
  securityContext: field(SecurityContextSchema, "Security settings for this container; they override the pod's.", { proto: 15 }),
  stdin: field(boolean, 'Keep a stdin buffer open for attach.', { proto: 16 }),
  stdinOnce: field(boolean, 'Close stdin after the first attach session ends.', { proto: 17 }),
  tty: field(boolean, 'Allocate a terminal (needs stdin).', { proto: 18 }),
}));
