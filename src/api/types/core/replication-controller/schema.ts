/** The schema of core/v1 ReplicationController: the legacy controller that keeps N pods matching an equality selector. */
import { kindFields } from '../../../meta/type-fields.js';
import { field, int32, int64, listOf, object, string, stringMap, time } from '../../../schema/build.js';
import { PodTemplateSpecSchema } from '../pod/index.js';

export const ReplicationControllerConditionSchema = object('io.k8s.api.core.v1.ReplicationControllerCondition', 'One observation about a replication controller.', () => ({
  type: field(string, 'Kind of condition (ReplicaFailure).', { required: true, proto: 1 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
  reason: field(string, 'One-word CamelCase cause of the last transition.', { proto: 4 }),
  message: field(string, 'Human-readable details.', { proto: 5 }),
}));

export const ReplicationControllerSpecSchema = object('io.k8s.api.core.v1.ReplicationControllerSpec', 'Desired state of a replication controller.', () => ({
  replicas: field(int32, 'How many pods to keep; default 1.', { proto: 1 }),
  minReadySeconds: field(int32, 'Seconds a new pod must be ready, without crashing, to count as available.', { proto: 4 }),
  selector: field(stringMap, 'Labels a pod must all carry to count towards the replicas; defaults to the template labels.', { proto: 2, mapType: 'atomic' }),
  template: field(PodTemplateSpecSchema, 'The pods to create when too few exist.', { proto: 3 }),
}));

export const ReplicationControllerStatusSchema = object('io.k8s.api.core.v1.ReplicationControllerStatus', 'Observed state of a replication controller.', () => ({
  replicas: field(int32, 'Pods that currently match the selector.', { required: true, proto: 1 }),
  fullyLabeledReplicas: field(int32, 'Pods whose labels match the template labels.', { proto: 2 }),
  readyReplicas: field(int32, 'Pods with a Ready condition.', { proto: 4 }),
  availableReplicas: field(int32, 'Pods ready for at least minReadySeconds.', { proto: 5 }),
  observedGeneration: field(int64, 'The generation the controller last acted on.', { proto: 3 }),
  conditions: field(listOf(ReplicationControllerConditionSchema), 'Latest observations of the replication controller.', {
    proto: 6, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
}));

export const ReplicationControllerSchema = object('io.k8s.api.core.v1.ReplicationController', 'Keeps a number of identical pods running; the older form of a ReplicaSet, with an equality-only selector.', () => ({
  ...kindFields(),
  spec: field(ReplicationControllerSpecSchema, 'Desired state of the replication controller.', { proto: 2 }),
  status: field(ReplicationControllerStatusSchema, 'Observed state of the replication controller (read-only).', { proto: 3 }),
}), { gvk: { group: '', version: 'v1', kind: 'ReplicationController' } });
