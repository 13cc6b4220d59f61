/** PodSpec: everything a pod runs and how, plus its small helper types (host aliases, DNS config, gates…). */
import { boolean, field, int32, int64, listOf, mapOf, object, quantity, string, stringMap } from '../../../schema/build.js';
import { LocalObjectReferenceSchema } from '../common/references.js';
import { TolerationSchema } from '../common/toleration.js';
import { AffinitySchema, TopologySpreadConstraintSchema } from './affinity.js';
import { ContainerSchema, EphemeralContainerSchema, ResourceRequirementsSchema } from './container.js';
import { PodSecurityContextSchema } from './security-context.js';
import { VolumeSchema } from './volume.js';

export const PodSpecSchema = object('io.k8s.api.core.v1.PodSpec', 'What a pod runs and how: containers, volumes, scheduling, networking and security.', () => ({
  volumes: field(listOf(VolumeSchema), 'Volumes the containers can mount.',
    { proto: 1, mergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'] }),
  initContainers: field(
    listOf(ContainerSchema),
    'Containers run one after another, each to completion, before the main containers start; restartPolicy Always makes one a sidecar.',
    { proto: 20, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
  ),
  containers: field(listOf(ContainerSchema), "The pod's main containers; at least one.",
    { required: true, proto: 2, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
  ephemeralContainers: field(
    listOf(EphemeralContainerSchema),
    'Debugging containers added to the running pod through the ephemeralcontainers subresource.',
    { proto: 34, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
  ),
  restartPolicy: field(string, 'Always (the default), OnFailure or Never: when containers are restarted after they exit.',
    { proto: 3 }),
  terminationGracePeriodSeconds: field(
    int64,
    'Seconds between the stop signal and the kill on deletion; 30 if unset, 0 kills at once.',
    { proto: 4 },
  ),
  activeDeadlineSeconds: field(int64, 'Seconds the pod may run after it starts before it is failed and its containers killed.',
    { proto: 5 }),
  dnsPolicy: field(
    string,
    "ClusterFirst (the default), ClusterFirstWithHostNet, Default (the node's resolver) or None (only dnsConfig).",
    { proto: 6 },
  ),
  nodeSelector: field(stringMap, 'Labels a node must have for the pod to be scheduled there.', { proto: 7, mapType: 'atomic' }),
  serviceAccountName: field(string, 'ServiceAccount the pod runs as; default if unset.', { proto: 8 }),
  serviceAccount: field(string, 'Old name of serviceAccountName.', { proto: 9 }),
  automountServiceAccountToken: field(boolean, "Whether the service account's token is mounted into the containers.",
    { proto: 21 }),
  nodeName: field(string, 'Node the pod is bound to; set by the scheduler, or by the user to skip scheduling.', { proto: 10 }),
  hostNetwork: field(boolean, "Use the node's network namespace (ports then open on the node).", { proto: 11 }),
  hostPID: field(boolean, "Use the node's process namespace.", { proto: 12 }),
  hostIPC: field(boolean, "Use the node's IPC namespace.", { proto: 13 }),
  shareProcessNamespace: field(boolean, "Put all containers in one process namespace so they see each other's processes.",
    { proto: 27 }),
  securityContext: field(PodSecurityContextSchema, "Security settings for all containers and for the pod's volumes.",
    { proto: 14 }),
  imagePullSecrets: field(listOf(LocalObjectReferenceSchema), 'Secrets holding registry credentials for pulling the images.',
    { proto: 15, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
  hostname: field(string, "Host name of the pod; the pod's name if unset.", { proto: 16 }),
  subdomain: field(string, 'With hostname: the pod is reachable as <hostname>.<subdomain>.<namespace>.svc.<cluster domain>.',
    { proto: 17 }),
  affinity: field(AffinitySchema, 'Node and pod affinity rules.', { proto: 18 }),
  schedulerName: field(string, 'Scheduler responsible for the pod; default-scheduler if unset.', { proto: 19 }),
  tolerations: field(listOf(TolerationSchema), 'Taints the pod tolerates.', { proto: 22, listType: 'atomic' }),
  hostAliases: field(listOf(HostAliasSchema), "Extra entries of the pod's /etc/hosts.",
    { proto: 23, mergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'] }),
  priorityClassName: field(
    string,
    "PriorityClass giving the pod's priority (system-node-critical and system-cluster-critical are built in).",
    { proto: 24 },
  ),
  priority: field(int32, 'Priority value, filled in from priorityClassName.', { proto: 25 }),
  dnsConfig: field(PodDNSConfigSchema, 'Resolver settings added to those from dnsPolicy.', { proto: 26 }),
  readinessGates: field(listOf(PodReadinessGateSchema), 'Extra conditions that must be True for the pod to be ready.',
    { proto: 28, listType: 'atomic' }),
  runtimeClassName: field(string, 'RuntimeClass (node.k8s.io) to run the pod with.', { proto: 29 }),
  enableServiceLinks: field(
    boolean,
    'Inject environment variables for the services of the namespace (Docker link style); true if unset.',
    { proto: 30 },
  ),
  preemptionPolicy: field(string, 'PreemptLowerPriority (the default) or Never.', { proto: 31 }),
  overhead: field(mapOf(quantity), "Resources the pod's sandbox uses besides its containers, set from the RuntimeClass.",
    { proto: 32 }),
  topologySpreadConstraints: field(
    listOf(TopologySpreadConstraintSchema),
    'How the pod is spread with pods like it over nodes, zones or other domains.',
    { proto: 33, mergeKey: 'topologyKey', patchStrategy: 'merge', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] },
  ),
  setHostnameAsFQDN: field(boolean, 'Set the host name inside the pod to its fully qualified domain name.', { proto: 35 }),
  os: field(PodOSSchema, 'Operating system the pod needs; some fields are checked against it.', { proto: 36 }),
  hostUsers: field(boolean, "Use the node's user namespace; false runs the pod in its own user namespace.", { proto: 37 }),
  schedulingGates: field(
    listOf(PodSchedulingGateSchema),
    'Gates that keep the pod from being scheduled until they are all removed.',
    { proto: 38, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] },
  ),
  resourceClaims: field(listOf(PodResourceClaimSchema), 'Dynamic resource claims (DRA) the pod needs before it starts.',
    { proto: 39, mergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'] }),
  resources: field(
    ResourceRequirementsSchema,
    'Resources for the pod as a whole, shared by its containers (cpu, memory, hugepages).',
    { proto: 40 },
  ),
  hostnameOverride: field(string, 'Host name of the pod, replacing the one computed from hostname and subdomain.', { proto: 41 }),
  schedulingGroup: field(PodSchedulingGroupSchema, 'The group this pod is scheduled together with.', { proto: 43 }),
  evictionResponders: field(listOf(EvictionResponderSchema), 'Parties that handle eviction requests for the pod.',
    { proto: 44, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
}));

export const HostAliasSchema = object('io.k8s.api.core.v1.HostAlias', "An extra line of the pod's /etc/hosts.", () => ({
  ip: field(string, 'IP address.', { required: true, proto: 1 }),
  hostnames: field(listOf(string), 'Names for the address.', { proto: 2, listType: 'atomic' }),
}));

export const PodDNSConfigSchema = object('io.k8s.api.core.v1.PodDNSConfig', 'Resolver settings added to those that dnsPolicy gives.', () => ({
  nameservers: field(listOf(string), 'Extra name server addresses (at most 3 in all).', { proto: 1, listType: 'atomic' }),
  searches: field(listOf(string), 'Extra search domains.', { proto: 2, listType: 'atomic' }),
  options: field(listOf(PodDNSConfigOptionSchema), 'Resolver options (ndots, timeout…).', { proto: 3, listType: 'atomic' }),
}));

export const PodDNSConfigOptionSchema = object('io.k8s.api.core.v1.PodDNSConfigOption', 'One resolver option.', () => ({
  name: field(string, 'Option name, e.g. ndots.', { proto: 1 }),
  value: field(string, 'Option value, if it takes one.', { proto: 2 }),
}));

export const PodReadinessGateSchema = object('io.k8s.api.core.v1.PodReadinessGate', 'A pod condition that must be True for the pod to be ready.', () => ({
  conditionType: field(string, 'Type of the pod condition.', { required: true, proto: 1 }),
}));

export const PodOSSchema = object('io.k8s.api.core.v1.PodOS', 'The operating system the pod needs.', () => ({
  name: field(string, 'linux or windows.', { required: true, proto: 1 }),
}));

export const PodSchedulingGateSchema = object('io.k8s.api.core.v1.PodSchedulingGate', 'A gate that holds the pod back from scheduling until it is removed.', () => ({
  name: field(string, 'Name of the gate, unique in the pod.', { required: true, proto: 1 }),
}));

export const PodResourceClaimSchema = object('io.k8s.api.core.v1.PodResourceClaim', 'A dynamic resource claim the pod uses, named for its containers.', () => ({
  name: field(string, "Name of the entry (DNS-1123 label), used by containers' resources.claims.", { required: true, proto: 1 }),
  resourceClaimName: field(string, "An existing ResourceClaim in the pod's namespace.", { proto: 3 }),
  resourceClaimTemplateName: field(string, 'A ResourceClaimTemplate from which a claim is made for this pod.', { proto: 4 }),
}));

export const PodSchedulingGroupSchema = object('io.k8s.api.core.v1.PodSchedulingGroup', 'The group of pods this pod is scheduled together with.', () => ({
  podGroupName: field(string, 'Name of the PodGroup object of the group.', { proto: 1 }),
}));

export const EvictionResponderSchema = object('io.k8s.api.core.v1.EvictionResponder', 'A party that handles eviction requests for the pod.', () => ({
  name: field(string, 'Domain-prefixed name of the responder, e.g. example.com/drainer.', { required: true, proto: 1 }),
  priority: field(int32, 'Responders with higher priority are asked first.', { required: true, proto: 2 }),
}), { atomic: true });
