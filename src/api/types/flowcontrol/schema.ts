/** The schemas of flowcontrol.apiserver.k8s.io/v1 FlowSchema and PriorityLevelConfiguration (API Priority and Fairness). */
import { kindFields } from '../../meta/type-fields.js';
import { boolean, enumOf, field, int32, listOf, object, string, time } from '../../schema/build.js';
import type { ObjectSchema } from '../../schema/schema.js';

function conditionSchema(kind: string): ObjectSchema {
  return object(`io.k8s.api.flowcontrol.v1.${kind}Condition`, `One observation about a ${kind}.`, () => ({
    type: field(string, 'Kind of condition.', { proto: 1 }),
    status: field(string, 'True, False or Unknown.', { proto: 2 }),
    lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
    reason: field(string, 'CamelCase cause of the last transition.', { proto: 4 }),
    message: field(string, 'Human-readable details.', { proto: 5 }),
  }));
}

const SubjectSchema = object('io.k8s.api.flowcontrol.v1.Subject', 'Who makes the requests: a user, a group or a service account.', () => ({
  kind: field(enumOf('Group', 'ServiceAccount', 'User'), 'User, Group or ServiceAccount; says which of the other fields is set.', { required: true, proto: 1 }),
  user: field(object('io.k8s.api.flowcontrol.v1.UserSubject', 'A user.', () => ({
    name: field(string, 'User name, or "*" for every user.', { required: true, proto: 1 }),
  })), 'The user, when kind is User.', { proto: 2 }),
  group: field(object('io.k8s.api.flowcontrol.v1.GroupSubject', 'A group.', () => ({
    name: field(string, 'Group name, or "*" for every group.', { required: true, proto: 1 }),
  })), 'The group, when kind is Group.', { proto: 3 }),
  serviceAccount: field(object('io.k8s.api.flowcontrol.v1.ServiceAccountSubject', 'A service account.', () => ({
    namespace: field(string, 'Namespace of the service account.', { required: true, proto: 1 }),
    name: field(string, 'Name of the service account, or "*" for all in the namespace.', { required: true, proto: 2 }),
  })), 'The service account, when kind is ServiceAccount.', { proto: 4 }),
}));

const ResourcePolicyRuleSchema = object('io.k8s.api.flowcontrol.v1.ResourcePolicyRule', 'Matches resource requests by verb, group, resource and namespace.', () => ({
  verbs: field(listOf(string), 'Verbs to match, or "*".', { required: true, proto: 1, listType: 'set' }),
  apiGroups: field(listOf(string), 'API groups to match, or "*".', { required: true, proto: 2, listType: 'set' }),
  resources: field(listOf(string), 'Resources (and "resource/subresource") to match, or "*".', { required: true, proto: 3, listType: 'set' }),
  clusterScope: field(boolean, 'Whether requests without a namespace match.', { proto: 4 }),
  namespaces: field(listOf(string), 'Namespaces to match, or "*".', { proto: 5, listType: 'set' }),
}));

const NonResourcePolicyRuleSchema = object('io.k8s.api.flowcontrol.v1.NonResourcePolicyRule', 'Matches non-resource requests by verb and URL path.', () => ({
  verbs: field(listOf(string), 'Verbs to match, or "*".', { required: true, proto: 1, listType: 'set' }),
  nonResourceURLs: field(listOf(string), 'URL paths to match ("/healthz", "/apis/*"), or "*".', { required: true, proto: 6, listType: 'set' }),
}));

export const FlowSchemaSchema = object('io.k8s.api.flowcontrol.v1.FlowSchema', 'Sorts requests into flows and assigns them a priority level.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.flowcontrol.v1.FlowSchemaSpec', 'Which requests the schema matches and where they go.', () => ({
    priorityLevelConfiguration: field(object('io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationReference', 'Names a priority level.', () => ({
      name: field(string, 'Name of the PriorityLevelConfiguration.', { required: true, proto: 1 }),
    })), 'The priority level matched requests get.', { required: true, proto: 1 }),
    matchingPrecedence: field(int32, 'Order among schemas, lowest first, 1 to 10000; default 1000.', { proto: 2 }),
    distinguisherMethod: field(object('io.k8s.api.flowcontrol.v1.FlowDistinguisherMethod', 'How requests are split into flows.', () => ({
      type: field(enumOf('ByNamespace', 'ByUser'), 'ByUser or ByNamespace.', { required: true, proto: 1 }),
    })), 'How matched requests are split into flows; absent: one flow.', { proto: 3 }),
    rules: field(listOf(object('io.k8s.api.flowcontrol.v1.PolicyRulesWithSubjects', 'Requests matched by subject and by rule.', () => ({
      subjects: field(listOf(SubjectSchema), 'Who the requests must come from.', { required: true, proto: 1, listType: 'atomic' }),
      resourceRules: field(listOf(ResourcePolicyRuleSchema), 'Resource requests matched.', { proto: 2, listType: 'atomic' }),
      nonResourceRules: field(listOf(NonResourcePolicyRuleSchema), 'Non-resource requests matched.', { proto: 3, listType: 'atomic' }),
    }))), 'Requests the schema matches; empty matches none.', { proto: 4, listType: 'atomic' }),
  })), 'Which requests the schema matches and where they go.', { proto: 2 }),
  status: field(object('io.k8s.api.flowcontrol.v1.FlowSchemaStatus', 'Observed state.', () => ({
    conditions: field(listOf(conditionSchema('FlowSchema')), 'Observations (Dangling).', { proto: 1, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] }),
  })), 'Observed state.', { proto: 3 }),
}), { gvk: { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'FlowSchema' } });

export const PriorityLevelConfigurationSchema = object('io.k8s.api.flowcontrol.v1.PriorityLevelConfiguration', 'A priority level: how much concurrency its requests get and what happens to the excess.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationSpec', 'The level\'s limits.', () => ({
    type: field(enumOf('Exempt', 'Limited'), 'Exempt (no limits; only the level named exempt) or Limited.', { required: true, proto: 1 }),
    limited: field(object('io.k8s.api.flowcontrol.v1.LimitedPriorityLevelConfiguration', 'Limits of a Limited level.', () => ({
      nominalConcurrencyShares: field(int32, 'Share of the server\'s concurrency; default 30.', { proto: 1 }),
      limitResponse: field(object('io.k8s.api.flowcontrol.v1.LimitResponse', 'What happens to requests over the limit.', () => ({
        type: field(enumOf('Queue', 'Reject'), 'Queue or Reject.', { required: true, proto: 1 }),
        queuing: field(object('io.k8s.api.flowcontrol.v1.QueuingConfiguration', 'How waiting requests are queued.', () => ({
          queues: field(int32, 'Number of queues; default 64.', { proto: 1 }),
          handSize: field(int32, 'Queues a flow is shuffle-sharded over; default 8.', { proto: 2 }),
          queueLengthLimit: field(int32, 'Requests a queue may hold; default 50.', { proto: 3 }),
        })), 'Queuing, when type is Queue.', { proto: 2 }),
      })), 'What happens to requests over the limit.', { proto: 2 }),
      lendablePercent: field(int32, 'Percent of the concurrency other levels may borrow, 0 to 100.', { proto: 3 }),
      borrowingLimitPercent: field(int32, 'Percent more concurrency the level may borrow; absent: no limit.', { proto: 4 }),
    })), 'Limits, when type is Limited.', { proto: 2 }),
    exempt: field(object('io.k8s.api.flowcontrol.v1.ExemptPriorityLevelConfiguration', 'Settings of the exempt level.', () => ({
      nominalConcurrencyShares: field(int32, 'Share of concurrency counted for the level; default 0.', { proto: 1 }),
      lendablePercent: field(int32, 'Percent others may borrow, 0 to 100.', { proto: 2 }),
    })), 'Settings, when type is Exempt.', { proto: 3 }),
  })), 'The level\'s limits.', { proto: 2 }),
  status: field(object('io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationStatus', 'Observed state.', () => ({
    conditions: field(listOf(conditionSchema('PriorityLevelConfiguration')), 'Observations.', { proto: 1, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] }),
  })), 'Observed state.', { proto: 3 }),
}), { gvk: { group: 'flowcontrol.apiserver.k8s.io', version: 'v1', kind: 'PriorityLevelConfiguration' } });
