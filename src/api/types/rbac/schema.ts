/** Schemas of the rbac.authorization.k8s.io/v1 kinds: roles (sets of rules) and bindings (roles granted to subjects). */
import { LabelSelectorSchema } from '../../meta/label-selector.js';
import { kindFields } from '../../meta/type-fields.js';
import { field, listOf, object, string } from '../../schema/build.js';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

function gvk(kind: string): { group: string; version: string; kind: string } {
  return { group: RBAC_GROUP, version: 'v1', kind };
}

export const PolicyRuleSchema = object('io.k8s.api.rbac.v1.PolicyRule', 'Verbs allowed on some resources (or non-resource URLs).', () => ({
  verbs: field(listOf(string), 'Verbs allowed, such as get, list, watch, create; "*" means all.', { required: true, proto: 1, listType: 'atomic' }),
  apiGroups: field(listOf(string), 'API groups of the resources; "" is the core group, "*" all groups.', { proto: 2, listType: 'atomic' }),
  resources: field(listOf(string), 'Resources the rule covers, such as pods or pods/log; "*" means all.', { proto: 3, listType: 'atomic' }),
  resourceNames: field(listOf(string), 'Names of the objects the rule is limited to; empty means any name.', { proto: 4, listType: 'atomic' }),
  nonResourceURLs: field(listOf(string), 'URL paths (such as /healthz or /metrics*) the rule covers; only in ClusterRoles, and not with resources.', { proto: 5, listType: 'atomic' }),
}));

export const AggregationRuleSchema = object('io.k8s.api.rbac.v1.AggregationRule', 'How a ClusterRole gathers the rules of other ClusterRoles.', () => ({
  clusterRoleSelectors: field(listOf(LabelSelectorSchema), 'ClusterRoles whose labels match any selector contribute their rules.', { proto: 1, listType: 'atomic' }),
}));

export const SubjectSchema = object('io.k8s.api.rbac.v1.Subject', 'Who a binding grants a role to: a user, a group or a service account.', () => ({
  kind: field(string, 'User, Group or ServiceAccount.', { required: true, proto: 1 }),
  apiGroup: field(string, 'API group of the subject: "rbac.authorization.k8s.io" for users and groups, "" for service accounts.', { proto: 2 }),
  name: field(string, 'Name of the subject.', { required: true, proto: 3 }),
  namespace: field(string, 'Namespace of a service account; in a RoleBinding it defaults to the binding\'s namespace.', { proto: 4 }),
}), { atomic: true });

export const RoleRefSchema = object('io.k8s.api.rbac.v1.RoleRef', 'The role a binding grants; cannot change.', () => ({
  apiGroup: field(string, 'API group of the role: rbac.authorization.k8s.io.', { required: true, proto: 1 }),
  kind: field(string, 'Role or ClusterRole.', { required: true, proto: 2 }),
  name: field(string, 'Name of the role.', { required: true, proto: 3 }),
}), { atomic: true });

export const RoleSchema = object('io.k8s.api.rbac.v1.Role', 'A set of permissions within one namespace, granted by RoleBindings.', () => ({
  ...kindFields(),
  rules: field(listOf(PolicyRuleSchema), 'The permissions of the role.', { proto: 2, listType: 'atomic' }),
}), { gvk: gvk('Role') });

export const ClusterRoleSchema = object('io.k8s.api.rbac.v1.ClusterRole', 'A set of permissions, granted in one namespace by RoleBindings or cluster-wide by ClusterRoleBindings.', () => ({
  ...kindFields(),
  rules: field(listOf(PolicyRuleSchema), 'The permissions of the role; filled by the controller when aggregationRule is set.', { proto: 2, listType: 'atomic' }),
  aggregationRule: field(AggregationRuleSchema, 'Builds the rules from other ClusterRoles chosen by label.', { proto: 3 }),
}), { gvk: gvk('ClusterRole') });

export const RoleBindingSchema = object('io.k8s.api.rbac.v1.RoleBinding', 'Grants a Role, or a ClusterRole, to subjects within the binding\'s namespace.', () => ({
  ...kindFields(),
  subjects: field(listOf(SubjectSchema), 'Who gets the role.', { proto: 2, listType: 'atomic' }),
  roleRef: field(RoleRefSchema, 'The Role or ClusterRole granted; cannot change.', { required: true, proto: 3 }),
}), { gvk: gvk('RoleBinding') });

export const ClusterRoleBindingSchema = object('io.k8s.api.rbac.v1.ClusterRoleBinding', 'Grants a ClusterRole to subjects across the whole cluster.', () => ({
  ...kindFields(),
  subjects: field(listOf(SubjectSchema), 'Who gets the role.', { proto: 2, listType: 'atomic' }),
  roleRef: field(RoleRefSchema, 'The ClusterRole granted; cannot change.', { required: true, proto: 3 }),
}), { gvk: gvk('ClusterRoleBinding') });
