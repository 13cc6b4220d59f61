/** Parts of PodStatus about dynamic resource allocation and volume health. */
import { field, listOf, object, quantity, string, time } from '../../../schema/build.js';

export const PodResourceClaimStatusSchema = object('io.k8s.api.core.v1.PodResourceClaimStatus', "The ResourceClaim made for one of the pod's resourceClaims entries.", () => ({
  name: field(string, 'Name of the entry in spec.resourceClaims.', { required: true, proto: 1 }),
  resourceClaimName: field(string, 'Name of the ResourceClaim made for it; unset when none was needed.', { proto: 2 }),
}));

export const PodExtendedResourceClaimStatusSchema = object('io.k8s.api.core.v1.PodExtendedResourceClaimStatus', 'The ResourceClaim made for extended resources backed by DRA.', () => ({
  requestMappings: field(
    listOf(ContainerExtendedResourceRequestSchema),
    "Which claim request serves each container's extended resource.",
    { required: true, proto: 1, listType: 'atomic' },
  ),
  resourceClaimName: field(string, 'Name of the generated ResourceClaim.', { required: true, proto: 2 }),
}));

export const ContainerExtendedResourceRequestSchema = object('io.k8s.api.core.v1.ContainerExtendedResourceRequest', 'Which claim request serves one extended resource of a container.', () => ({
  containerName: field(string, 'Name of the container.', { required: true, proto: 1 }),
  resourceName: field(string, 'Extended resource name.', { required: true, proto: 2 }),
  requestName: field(string, 'Request name in the generated claim.', { required: true, proto: 3 }),
}));

export const NodeAllocatableResourceClaimStatusSchema = object('io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus', 'Node resources (cpu, memory) allocated to the pod through one DRA claim.', () => ({
  resourceClaimName: field(string, 'The claim that caused the allocation.', { required: true, proto: 1 }),
  containers: field(listOf(string), 'Containers of the pod that use the claim.', { proto: 2, listType: 'set' }),
  mapping: field(listOf(NodeAllocatableMappedResourcesSchema), "Node resources that the claim's devices map to.",
    { proto: 4, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
  overhead: field(listOf(NodeAllocatableOverheadResourcesSchema), "Extra node resources the claim's devices need.",
    { proto: 5, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }),
}));

export const NodeAllocatableMappedResourcesSchema = object('io.k8s.api.core.v1.NodeAllocatableMappedResources', 'A node resource amount allocated for a claim.', () => ({
  name: field(string, 'Resource name, e.g. cpu or memory.', { required: true, proto: 1 }),
  quantity: field(quantity, 'Amount allocated.', { required: true, proto: 2 }),
}));

export const NodeAllocatableOverheadResourcesSchema = object('io.k8s.api.core.v1.NodeAllocatableOverheadResources', 'Overhead of a node resource for a claim.', () => ({
  name: field(string, 'Resource name, e.g. cpu or memory.', { required: true, proto: 1 }),
  perPod: field(quantity, 'Overhead for the pod as a whole.', { proto: 2 }),
  perContainer: field(quantity, 'Overhead for each container that uses the claim.', { proto: 3 }),
}));

export const PodVolumeHealthSchema = object('io.k8s.api.core.v1.PodVolumeHealth', "Health of one of the pod's volumes as the node reports it.", () => ({
  name: field(string, 'Name of the volume in spec.volumes.', { required: true, proto: 1 }),
  healthConditions: field(listOf(VolumeHealthConditionSchema), 'Problems reported for the volume (at most 16).',
    { proto: 2, mergeKey: 'status', patchStrategy: 'merge', listType: 'map', listMapKeys: ['status', 'reason'] }),
  lastTransitionTime: field(time, 'When the current set of problems appeared.', { proto: 3 }),
}));

export const VolumeHealthConditionSchema = object('io.k8s.api.core.v1.VolumeHealthCondition', 'A problem with a volume.', () => ({
  status: field(string, 'Kind of problem, e.g. Inaccessible or DataLoss.', { required: true, proto: 1 }),
  reason: field(string, 'CamelCase reason; with status, identifies the entry.', { required: true, proto: 2 }),
  message: field(string, 'Details about the problem.', { proto: 3 }),
}));
