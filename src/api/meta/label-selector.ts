/** The LabelSelector schema (matchLabels + matchExpressions) used by workloads, policies and quotas. */
import { field, listOf, object, string, stringMap } from '../schema/build.js';

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export const LabelSelectorRequirementSchema = object(
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement',
  'One condition on a label: a key, an operator (In, NotIn, Exists, DoesNotExist) and values.',
  () => ({
    key: field(string, 'The label key the condition applies to.', { required: true, proto: 1, mergeKey: 'key', patchStrategy: 'merge' }),
    operator: field(string, 'How the key relates to the values: In, NotIn, Exists or DoesNotExist.', { required: true, proto: 2 }),
    values: field(listOf(string), 'Values for In and NotIn; must be empty for Exists and DoesNotExist.', { proto: 3, listType: 'atomic' }),
  }),
);

export const LabelSelectorSchema = object(
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  'Selects objects by label. The conditions are ANDed; an empty selector matches everything.',
  () => ({
    matchLabels: field(stringMap, 'Labels that must all be present with these values.', { proto: 1 }),
    matchExpressions: field(listOf(LabelSelectorRequirementSchema), 'Conditions that must all hold.', { proto: 2, listType: 'atomic' }),
  }),
  { atomic: true },
);
