/** apps/v1 Deployment: the schema (spec, rollout strategy, status and conditions). */
import { LabelSelectorSchema } from '../../meta/label-selector.js';
import { kindFields } from '../../meta/type-fields.js';
import { boolean, enumOf, field, int32, int64, intOrString, listOf, object, string, time } from '../../schema/build.js';
import { PodTemplateSpecSchema } from '../core/pod/index.js';

export const RollingUpdateDeploymentSchema = object('io.k8s.api.apps.v1.RollingUpdateDeployment', 'Limits that pace a rolling update.', () => ({
  maxUnavailable: field(intOrString, 'How many pods (or what percentage of replicas) may be unavailable during the update; default 25%.', { proto: 1 }),
  maxSurge: field(intOrString, 'How many pods (or what percentage) may exist above the desired count during the update; default 25%.', { proto: 2 }),
}));

export const DeploymentStrategySchema = object('io.k8s.api.apps.v1.DeploymentStrategy', 'How old pods are replaced by new ones.', () => ({
  type: field(enumOf('Recreate', 'RollingUpdate'), 'Recreate (stop all, then start) or RollingUpdate (the default).', { proto: 1 }),
  rollingUpdate: field(RollingUpdateDeploymentSchema, 'Pacing of a rolling update; only with type RollingUpdate.', { proto: 2 }),
}));

export const DeploymentConditionSchema = object('io.k8s.api.apps.v1.DeploymentCondition', 'One observation about a deployment (Available, Progressing, ReplicaFailure).', () => ({
  type: field(string, 'Kind of condition.', { required: true, proto: 1 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastUpdateTime: field(time, 'When this condition was last refreshed.', { proto: 6 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 7 }),
  reason: field(string, 'One-word CamelCase cause of the last transition.', { proto: 4 }),
  message: field(string, 'Human-readable details.', { proto: 5 }),
}));

export const DeploymentSpecSchema = object('io.k8s.api.apps.v1.DeploymentSpec', 'Desired state of a deployment.', () => ({
  replicas: field(int32, 'How many pods to run; default 1.', { proto: 1 }),
  selector: field(LabelSelectorSchema, 'Which pods belong to the deployment; must match the template labels and cannot change in apps/v1.', { required: true, proto: 2 }),
  template: field(PodTemplateSpecSchema, 'The pods to create.', { required: true, proto: 3 }),
  strategy: field(DeploymentStrategySchema, 'How to replace old pods with new ones.', { proto: 4, patchStrategy: 'retainKeys' }),
  minReadySeconds: field(int32, 'Seconds a new pod must be ready, without crashing, to count as available.', { proto: 5 }),
  revisionHistoryLimit: field(int32, 'How many old ReplicaSets to keep for rollback; default 10.', { proto: 6 }),
  paused: field(boolean, 'When true, template changes do not start a rollout.', { proto: 7 }),
  progressDeadlineSeconds: field(int32, 'Seconds without progress after which the rollout is reported as failed; default 600.', { proto: 9 }),
}));

export const DeploymentStatusSchema = object('io.k8s.api.apps.v1.DeploymentStatus', 'Observed state of a deployment.', () => ({
  observedGeneration: field(int64, 'The generation the controller last acted on.', { proto: 1 }),
  replicas: field(int32, 'Pods (not terminating) that the deployment targets.', { proto: 2 }),
  updatedReplicas: field(int32, 'Pods (not terminating) running the current template.', { proto: 3 }),
  readyReplicas: field(int32, 'Pods with a Ready condition.', { proto: 7 }),
  availableReplicas: field(int32, 'Pods ready for at least minReadySeconds.', { proto: 4 }),
  unavailableReplicas: field(int32, 'Pods still needed for the deployment to be fully available.', { proto: 5 }),
  terminatingReplicas: field(int32, 'Pods that are shutting down.', { proto: 9 }),
  conditions: field(listOf(DeploymentConditionSchema), 'Latest observations of the rollout.', {
    proto: 6, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
  }),
  collisionCount: field(int32, 'Counter used to avoid name collisions of new ReplicaSets.', { proto: 8 }),
}));

export const DeploymentSchema = object('io.k8s.api.apps.v1.Deployment', 'Declarative updates for a set of identical pods, through ReplicaSets.', () => ({
  ...kindFields(),
  spec: field(DeploymentSpecSchema, 'Desired state of the deployment.', { proto: 2 }),
  status: field(DeploymentStatusSchema, 'Observed state of the deployment.', { proto: 3 }),
}), { gvk: { group: 'apps', version: 'v1', kind: 'Deployment' } });
