/**
 * The Job's optional policies: how pod failures count (podFailurePolicy), when an indexed job
 * succeeds early (successPolicy), and the alpha workload-aware scheduling settings.
 */
import { enumOf, field, int32, listOf, object, string } from '../../schema/build.js';

export const PodFailurePolicyOnExitCodesRequirementSchema = object(
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement',
  'Matches a failed pod by the exit codes of its containers.',
  () => ({
    containerName: field(string, 'Only look at this container (or init container); default all.', { proto: 1 }),
    operator: field(enumOf('In', 'NotIn'), 'In or NotIn: how the exit codes relate to values.', { required: true, proto: 2 }),
    values: field(listOf(int32), 'Exit codes to compare with; at most 255, ordered, no duplicates.', { required: true, proto: 3, listType: 'set' }),
  }),
);

export const PodFailurePolicyOnPodConditionsPatternSchema = object(
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern',
  'Matches a failed pod by one of its conditions.',
  () => ({
    type: field(string, 'The pod condition type to look for.', { required: true, proto: 1 }),
    status: field(string, 'The required status of that condition; default True.', { proto: 2 }),
  }),
);

export const PodFailurePolicyRuleSchema = object('io.k8s.api.batch.v1.PodFailurePolicyRule', 'What to do with a pod failure that matches.', () => ({
  action: field(enumOf('Count', 'FailIndex', 'FailJob', 'Ignore'), 'FailJob, FailIndex, Ignore or Count.', { required: true, proto: 1 }),
  onExitCodes: field(PodFailurePolicyOnExitCodesRequirementSchema, 'Match by container exit codes.', { proto: 2 }),
  onPodConditions: field(listOf(PodFailurePolicyOnPodConditionsPatternSchema), 'Match by pod conditions (any pattern).', { proto: 3, listType: 'atomic' }),
}));

export const PodFailurePolicySchema = object('io.k8s.api.batch.v1.PodFailurePolicy', 'Rules that decide how pod failures affect the job.', () => ({
  rules: field(listOf(PodFailurePolicyRuleSchema), 'Rules tried in order; the first match decides.', { required: true, proto: 1, listType: 'atomic' }),
}));

export const SuccessPolicyRuleSchema = object('io.k8s.api.batch.v1.SuccessPolicyRule', 'A condition under which an indexed job succeeds.', () => ({
  succeededIndexes: field(string, 'Indexes that must succeed, as "1,3-5,7".', { proto: 1 }),
  succeededCount: field(int32, 'How many of those indexes must succeed.', { proto: 2 }),
}));

export const SuccessPolicySchema = object('io.k8s.api.batch.v1.SuccessPolicy', 'When an indexed job may be declared succeeded before all indexes finish.', () => ({
  rules: field(listOf(SuccessPolicyRuleSchema), 'Rules ORed together; at most 20.', { required: true, proto: 1, listType: 'atomic' }),
}));

const empty = (name: string, description: string) => object(name, description, () => ({}));

const TopologyConstraintSchema = object('io.k8s.api.scheduling.v1alpha3.TopologyConstraint', 'Keeps a pod group within one topology domain.', () => ({
  key: field(string, 'Node label whose value names the topology domain.', { required: true, proto: 1 }),
}));

export const JobSchedulingConfigurationSchema = object(
  'io.k8s.api.batch.v1.JobSchedulingConfiguration',
  'Workload-aware scheduling of the job\'s pods (alpha).',
  () => ({
    schedulingPolicy: field(object('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSchedulingPolicy', 'Basic or gang scheduling.', () => ({
      basic: field(empty('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupBasicSchedulingPolicy', 'Schedule pods one by one.'), 'Schedule pods one by one.', { proto: 1 }),
      gang: field(object('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupGangSchedulingPolicy', 'Schedule pods all or nothing.', () => ({
        minCount: field(int32, 'How many pods must fit together.', { proto: 1 }),
      })), 'Schedule pods all or nothing.', { proto: 2 }),
    })), 'The scheduling policy of the pod group.', { proto: 1 }),
    schedulingConstraints: field(object('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSchedulingConstraints', 'Placement constraints of the pod group.', () => ({
      topology: field(listOf(TopologyConstraintSchema), 'Topology domains the pods must share.', { proto: 1, listType: 'atomic' }),
    })), 'Placement constraints of the pod group.', { proto: 2 }),
    disruptionMode: field(object('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupDisruptionMode', 'How the pods may be disrupted.', () => ({
      single: field(empty('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupSingleDisruptionMode', 'Pods may be disrupted one at a time.'), 'Pods may be disrupted one at a time.', { proto: 1 }),
      all: field(empty('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupAllDisruptionMode', 'Pods are disrupted together.'), 'Pods are disrupted together.', { proto: 2 }),
    })), 'How the pods may be disrupted.', { proto: 3 }),
    resourceClaims: field(listOf(object('io.k8s.api.scheduling.v1alpha3.WorkloadPodGroupResourceClaim', 'A resource claim shared by the pod group.', () => ({
      name: field(string, 'Name pods use to refer to the claim.', { required: true, proto: 1 }),
      resourceClaimName: field(string, 'An existing ResourceClaim to share.', { proto: 2 }),
      resourceClaimTemplateName: field(string, 'A ResourceClaimTemplate to create the shared claim from.', { proto: 3 }),
    }))), 'Resource claims shared by the job\'s pods; at most 4.', {
      proto: 4, mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'],
    }),
  }),
);
