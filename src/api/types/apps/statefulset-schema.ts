/** apps/v1 StatefulSet: the schema (spec, update strategy, claim templates, status). */
import { LabelSelectorSchema } from '../../meta/label-selector.js';
import { kindFields } from '../../meta/type-fields.js';
import { enumOf, field, int32, int64, intOrString, listOf, object, string, time } from '../../schema/build.js';
import { PodTemplateSpecSchema } from '../core/pod/index.js';
import { ClaimTemplateSchema } from './claim-template.js';

export const StatefulSetUpdateStrategySchema = object('io.k8s.api.apps.v1.StatefulSetUpdateStrategy', 'How pods are replaced when the template changes.', () => ({
  type: field(enumOf('OnDelete', 'Recreate', 'RollingUpdate'), 'RollingUpdate (the default), or OnDelete to replace only pods that are deleted.', { proto: 1 }),
  rollingUpdate: field(object('io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy', 'Pacing of a stateful set rolling update.', () => ({
    partition: field(int32, 'Only pods with an ordinal at or above this number are updated; default 0.', { proto: 1 }),
    maxUnavailable: field(intOrString, 'How many pods (or what percentage) may be unavailable during the update.', { proto: 2 }),
  })), 'Pacing of a rolling update; only with type RollingUpdate.', { proto: 2 }),
}));

export const StatefulSetConditionSchema = object('io.k8s.api.apps.v1.StatefulSetCondition', 'One observation about a stateful set.', () => ({
  type: field(string, 'Kind of condition.', { required: true, proto: 1 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
  reason: field(string, 'One-word CamelCase cause of the last transition.', { proto: 4 }),
  message: field(string, 'Human-readable details.', { proto: 5 }),
}));

export const StatefulSetSpecSchema = object('io.k8s.api.apps.v1.StatefulSetSpec', 'Desired state of a stateful set.', () => ({
  replicas: field(int32, 'How many pods to run; default 1.', { proto: 1 }),
  selector: field(LabelSelectorSchema, 'Which pods belong to the set; must match the template labels.', { required: true, proto: 2 }),
  template: field(PodTemplateSpecSchema, 'The pods to create; each gets a stable name <set>-<ordinal>.', { required: true, proto: 3 }),
  volumeClaimTemplates: field(listOf(ClaimTemplateSchema), 'Claims created for each pod and mounted by name into its containers.', { proto: 4, listType: 'atomic' }),
  serviceName: field(string, 'The headless service that gives the pods their DNS names.', { proto: 5, required: true }),
  podManagementPolicy: field(enumOf('OrderedReady', 'Parallel'), 'OrderedReady (the default: one pod at a time, in order) or Parallel.', { proto: 6 }),
  updateStrategy: field(StatefulSetUpdateStrategySchema, 'How to replace pods after a template change.', { proto: 7 }),
  revisionHistoryLimit: field(int32, 'How many old revisions to keep; default 10.', { proto: 8 }),
  minReadySeconds: field(int32, 'Seconds a new pod must be ready, without crashing, to count as available.', { proto: 9 }),
  persistentVolumeClaimRetentionPolicy: field(object(
    'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy',
    'Whether claims made from the templates are kept or deleted with the set or its scale-down.',
    () => ({
      whenDeleted: field(enumOf('Delete', 'Retain'), 'What happens to the claims when the set is deleted; default Retain.', { proto: 1 }),
      whenScaled: field(enumOf('Delete', 'Retain'), 'What happens to the claims of removed pods on scale-down; default Retain.', { proto: 2 }),
    }),
  ), 'Lifecycle of the claims made from volumeClaimTemplates.', { proto: 10 }),
  ordinals: field(object('io.k8s.api.apps.v1.StatefulSetOrdinals', 'Numbering of the replicas.', () => ({
    start: field(int32, 'The first ordinal; default 0.', { proto: 1 }),
  })), 'Numbering of the replica pods.', { proto: 11 }),
}));

export const StatefulSetStatusSchema = object('io.k8s.api.apps.v1.StatefulSetStatus', 'Observed state of a stateful set.', () => ({
  observedGeneration: field(int64, 'The generation the controller last acted on.', { proto: 1 }),
  replicas: field(int32, 'Pods the controller created.', { required: true, proto: 2 }),
  readyReplicas: field(int32, 'Pods with a Ready condition.', { proto: 3 }),
  currentReplicas: field(int32, 'Pods at currentRevision.', { proto: 4 }),
  updatedReplicas: field(int32, 'Pods at updateRevision.', { proto: 5 }),
  currentRevision: field(string, 'The revision that made pods [0, currentReplicas).', { proto: 6 }),
  updateRevision: field(string, 'The revision that makes pods [replicas-updatedReplicas, replicas).', { proto: 7 }),
  collisionCount: field(int32, 'Counter used to avoid name collisions of revisions.', { proto: 9 }),
  conditions: field(listOf(StatefulSetConditionSchema), 'Latest observations of the set.', {
    proto: 10, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
  availableReplicas: field(int32, 'Pods ready for at least minReadySeconds.', { proto: 11 }),
}));

export const StatefulSetSchema = object('io.k8s.api.apps.v1.StatefulSet', 'Pods with stable names and storage, started and updated in order.', () => ({
  ...kindFields(),
  spec: field(StatefulSetSpecSchema, 'Desired state of the set.', { proto: 2 }),
  status: field(StatefulSetStatusSchema, 'Observed state of the set.', { proto: 3 }),
}), { gvk: { group: 'apps', version: 'v1', kind: 'StatefulSet' } });
