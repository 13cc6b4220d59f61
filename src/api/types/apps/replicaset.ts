/** apps/v1 ReplicaSet: keeps a number of identical pods running. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { field, int32, int64, listOf, object, string, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { defaultPodTemplateSpec, PodTemplateSpecSchema } from '../core/pod/index.js';
import { goInvalid, goLabelSelector } from './go-format.js';
import { formatLabelSelector } from './label-selection.js';
import {
  AGE_COLUMN, ageCell, bumpGeneration, CONTAINERS_COLUMN, containerCells, ensureObject, IMAGES_COLUMN, SELECTOR_COLUMN, specChanged,
} from './workload-common.js';
import {
  immutableSelector, nonNegative, validateRequiredSelector, validateTemplateForReplicas, type PodTemplateLike,
} from './workload-validation.js';

export const ReplicaSetConditionSchema = object('io.k8s.api.apps.v1.ReplicaSetCondition', 'One observation about a replica set.', () => ({
  type: field(string, 'Kind of condition (ReplicaFailure).', { required: true, proto: 1 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
  reason: field(string, 'One-word CamelCase cause of the last transition.', { proto: 4 }),
  message: field(string, 'Human-readable details.', { proto: 5 }),
}));

export const ReplicaSetSchema = object('io.k8s.api.apps.v1.ReplicaSet', 'Keeps a stable number of identical pods running.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.apps.v1.ReplicaSetSpec', 'Desired state of a replica set.', () => ({
    replicas: field(int32, 'How many pods to run; default 1.', { proto: 1 }),
    minReadySeconds: field(int32, 'Seconds a new pod must be ready, without crashing, to count as available.', { proto: 4 }),
    selector: field(LabelSelectorSchema, 'Which pods count towards the replicas; must match the template labels.', { required: true, proto: 2 }),
    template: field(PodTemplateSpecSchema, 'The pods to create when too few exist.', { proto: 3 }),
  })), 'Desired state of the replica set.', { proto: 2 }),
  status: field(object('io.k8s.api.apps.v1.ReplicaSetStatus', 'Observed state of a replica set.', () => ({
    replicas: field(int32, 'Pods (not terminating) that match the selector.', { required: true, proto: 1 }),
    fullyLabeledReplicas: field(int32, 'Pods whose labels match the template labels.', { proto: 2 }),
    readyReplicas: field(int32, 'Pods with a Ready condition.', { proto: 4 }),
    availableReplicas: field(int32, 'Pods ready for at least minReadySeconds.', { proto: 5 }),
    terminatingReplicas: field(int32, 'Matching pods that are shutting down.', { proto: 7 }),
    observedGeneration: field(int64, 'The generation the controller last acted on.', { proto: 3 }),
    conditions: field(listOf(ReplicaSetConditionSchema), 'Latest observations of the replica set.', {
      proto: 6, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
    }),
  })), 'Observed state of the replica set.', { proto: 3 }),
}), { gvk: { group: 'apps', version: 'v1', kind: 'ReplicaSet' } });

export interface ReplicaSetLike extends KObject {
  spec?: { replicas?: number; minReadySeconds?: number; selector?: LabelSelector; template?: PodTemplateLike };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number };
}

/** ValidateReplicaSetSpec (Kubernetes words the empty-selector error as for deployments). */
export function validateReplicaSetSpec(spec: ReplicaSetLike['spec'], path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [
    ...nonNegative(s.replicas, fe.child(path, 'replicas')),
    ...nonNegative(s.minReadySeconds, fe.child(path, 'minReadySeconds')),
  ];
  const sel = validateRequiredSelector(s.selector, fe.child(path, 'selector'), 'deployment');
  errs.push(...sel.errors);
  if (sel.selection) errs.push(...validateTemplateForReplicas(s.template, sel.selection, fe.child(path, 'template')));
  else errs.push(goInvalid(fe.child(path, 'selector'), goLabelSelector(s.selector), 'invalid label selector'));
  return errs;
}

export const replicasets: ResourceDef = {
  group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', singular: 'replicaset',
  namespaced: true, shortNames: ['rs'], categories: ['all'],
  schema: ReplicaSetSchema,
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' } },
  defaults(obj) {
    const spec = ensureObject<NonNullable<ReplicaSetLike['spec']>>(obj, 'spec');
    spec.replicas ??= 1;
    defaultPodTemplateSpec(ensureObject<Record<string, unknown>>(spec, 'template'));
  },
  validate: (obj) => validateReplicaSetSpec((obj as ReplicaSetLike).spec),
  validateUpdate: (obj, old) => immutableSelector((obj as ReplicaSetLike).spec?.selector, (old as ReplicaSetLike).spec?.selector, 'spec.selector'),
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: {
    columns: [
      { name: 'Desired', type: 'integer', description: 'Desired number of pods.', priority: 0 },
      { name: 'Current', type: 'integer', description: 'Pods that currently exist.', priority: 0 },
      { name: 'Ready', type: 'integer', description: 'Pods that are ready.', priority: 0 },
      AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN,
    ],
    cells(obj, now) {
      const rs = obj as ReplicaSetLike;
      const [names, images] = containerCells(rs.spec?.template);
      return [rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, ageCell(obj, now), names, images, formatLabelSelector(rs.spec?.selector)];
    },
  },
  selectableFields: { 'status.replicas': (o) => String((o as ReplicaSetLike).status?.replicas ?? 0) },
};
