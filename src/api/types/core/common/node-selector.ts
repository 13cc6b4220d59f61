/** Node and topology selectors, shared by pod affinity, PersistentVolume node affinity and StorageClasses. */
import { field, listOf, object, string } from '../../../schema/build.js';

export const NodeSelectorSchema = object('io.k8s.api.core.v1.NodeSelector', 'Selects nodes: a node matches when any one of the terms matches.', () => ({
  nodeSelectorTerms: field(listOf(NodeSelectorTermSchema), 'Terms ORed together; required.',
    { required: true, proto: 1, listType: 'atomic' }),
}), { atomic: true });

export const NodeSelectorTermSchema = object('io.k8s.api.core.v1.NodeSelectorTerm', "A set of conditions on a node's labels and fields, all of which must hold. An empty term matches no node.", () => ({
  matchExpressions: field(listOf(NodeSelectorRequirementSchema), 'Conditions on node labels.', { proto: 1, listType: 'atomic' }),
  matchFields: field(listOf(NodeSelectorRequirementSchema), 'Conditions on node fields (metadata.name).',
    { proto: 2, listType: 'atomic' }),
}), { atomic: true });

export const NodeSelectorRequirementSchema = object('io.k8s.api.core.v1.NodeSelectorRequirement', 'One condition on a node label or field: key, operator (In, NotIn, Exists, DoesNotExist, Gt, Lt) and values.', () => ({
  key: field(string, 'Label key or field name the condition is about.', { required: true, proto: 1 }),
  operator: field(string, 'In, NotIn, Exists, DoesNotExist, Gt or Lt.', { required: true, proto: 2 }),
  values: field(
    listOf(string),
    'Values to compare with: non-empty for In/NotIn, empty for Exists/DoesNotExist, one integer for Gt/Lt.',
    { proto: 3, listType: 'atomic' },
  ),
}));

export const TopologySelectorTermSchema = object('io.k8s.api.core.v1.TopologySelectorTerm', 'Conditions on topology labels that must all hold; an empty term matches nothing.', () => ({
  matchLabelExpressions: field(listOf(TopologySelectorLabelRequirementSchema), 'Label conditions, ANDed.',
    { proto: 1, listType: 'atomic' }),
}), { atomic: true });

export const TopologySelectorLabelRequirementSchema = object('io.k8s.api.core.v1.TopologySelectorLabelRequirement', 'A label key and the values it may take (any of them).', () => ({
  key: field(string, 'Label key the condition is about.', { required: true, proto: 1 }),
  values: field(listOf(string), 'Accepted values for the label; one must match.',
    { required: true, proto: 2, listType: 'atomic' }),
}));
