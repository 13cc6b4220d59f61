/** Scheduling constraints: node affinity, pod (anti-)affinity and topology spread constraints. */
import { LabelSelectorSchema } from '../../../meta/label-selector.js';
import { field, int32, listOf, object, string } from '../../../schema/build.js';
import { NodeSelectorSchema, NodeSelectorTermSchema } from '../common/node-selector.js';

export const AffinitySchema = object('io.k8s.api.core.v1.Affinity', 'Scheduling preferences and requirements about nodes and about other pods.', () => ({
  nodeAffinity: field(NodeAffinitySchema, 'Which nodes the pod must or would rather run on.', { proto: 1 }),
  podAffinity: field(PodAffinitySchema, 'Pods this pod must or would rather run near.', { proto: 2 }),
  podAntiAffinity: field(PodAntiAffinitySchema, 'Pods this pod must or would rather stay away from.', { proto: 3 }),
}));

export const NodeAffinitySchema = object('io.k8s.api.core.v1.NodeAffinity', 'Node rules for scheduling; they are not re-checked once the pod runs.', () => ({
  requiredDuringSchedulingIgnoredDuringExecution: field(
    NodeSelectorSchema,
    'Nodes the pod may be scheduled to; unmatched means the pod stays pending.',
    { proto: 1 },
  ),
  preferredDuringSchedulingIgnoredDuringExecution: field(
    listOf(PreferredSchedulingTermSchema),
    'Weighted node preferences; nodes matching more weight score higher.',
    { proto: 2, listType: 'atomic' },
  ),
}));

export const PreferredSchedulingTermSchema = object('io.k8s.api.core.v1.PreferredSchedulingTerm', 'A node selector term with a weight.', () => ({
  weight: field(int32, 'Weight of the term (1-100).', { required: true, proto: 1 }),
  preference: field(NodeSelectorTermSchema, 'The node selector term.', { required: true, proto: 2 }),
}));

export const PodAffinitySchema = object('io.k8s.api.core.v1.PodAffinity', 'Rules to place the pod near pods matching selectors.', () => ({
  requiredDuringSchedulingIgnoredDuringExecution: field(
    listOf(PodAffinityTermSchema),
    "Terms that must all hold on the chosen node's topology domain.",
    { proto: 1, listType: 'atomic' },
  ),
  preferredDuringSchedulingIgnoredDuringExecution: field(
    listOf(WeightedPodAffinityTermSchema),
    "Weighted terms that raise a node's score when they hold.",
    { proto: 2, listType: 'atomic' },
  ),
}));

export const PodAntiAffinitySchema = object('io.k8s.api.core.v1.PodAntiAffinity', 'Rules to keep the pod away from pods matching selectors.', () => ({
  requiredDuringSchedulingIgnoredDuringExecution: field(
    listOf(PodAffinityTermSchema),
    "Terms that must not hold on the chosen node's topology domain.",
    { proto: 1, listType: 'atomic' },
  ),
  preferredDuringSchedulingIgnoredDuringExecution: field(
    listOf(WeightedPodAffinityTermSchema),
    "Weighted terms that lower a node's score when they hold.",
    { proto: 2, listType: 'atomic' },
  ),
}));

export const PodAffinityTermSchema = object('io.k8s.api.core.v1.PodAffinityTerm', 'Pods (selected by labels in some namespaces) and the topology domain they are counted in.', () => ({
  labelSelector: field(LabelSelectorSchema, 'Pods the term is about; unset matches no pod.', { proto: 1 }),
  namespaces: field(
    listOf(string),
    "Namespaces to look in; with namespaceSelector unset and this empty, the pod's own namespace.",
    { proto: 2, listType: 'atomic' },
  ),
  topologyKey: field(string, 'Node label whose value defines the domain (e.g. kubernetes.io/hostname); required.',
    { required: true, proto: 3 }),
  namespaceSelector: field(LabelSelectorSchema, 'Namespaces to look in, by label; {} means all namespaces.', { proto: 4 }),
  matchLabelKeys: field(
    listOf(string),
    'Label keys whose values, taken from this pod, are added to labelSelector as In conditions.',
    { proto: 5, listType: 'atomic' },
  ),
  mismatchLabelKeys: field(
    listOf(string),
    'Label keys whose values, taken from this pod, are added to labelSelector as NotIn conditions.',
    { proto: 6, listType: 'atomic' },
  ),
}));

export const WeightedPodAffinityTermSchema = object('io.k8s.api.core.v1.WeightedPodAffinityTerm', 'A pod affinity term with a weight.', () => ({
  weight: field(int32, 'Weight of the term (1-100).', { required: true, proto: 1 }),
  podAffinityTerm: field(PodAffinityTermSchema, 'The pod affinity term.', { required: true, proto: 2 }),
}));

export const TopologySpreadConstraintSchema = object('io.k8s.api.core.v1.TopologySpreadConstraint', 'How evenly matching pods must be spread over topology domains.', () => ({
  maxSkew: field(int32, 'Largest allowed difference in matching pods between two domains (at least 1).',
    { required: true, proto: 1 }),
  topologyKey: field(string, 'Node label whose value defines the domains.', { required: true, proto: 2 }),
  whenUnsatisfiable: field(string, 'DoNotSchedule (keep the pod pending) or ScheduleAnyway (prefer lower skew).',
    { required: true, proto: 3 }),
  labelSelector: field(LabelSelectorSchema, 'Pods counted in each domain.', { proto: 4 }),
  minDomains: field(int32, 'Least number of eligible domains; fewer count as having 0 pods (DoNotSchedule only).', { proto: 5 }),
  nodeAffinityPolicy: field(string, "Honor (the default) or Ignore the pod's node affinity when counting domains.", { proto: 6 }),
  nodeTaintsPolicy: field(string, 'Honor or Ignore (the default) node taints when counting domains.', { proto: 7 }),
  matchLabelKeys: field(listOf(string), 'Label keys whose values, taken from this pod, narrow labelSelector.',
    { proto: 8, listType: 'atomic' }),
}));
