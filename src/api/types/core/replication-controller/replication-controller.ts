/**
 * core/v1 ReplicationController: defaults (selector and labels from the template, one replica),
 * validation as Kubernetes words it, `kubectl get rc` columns, and the scale and status subresources
 * (the Scale's selector read from the map selector). The replication manager
 * (src/controllers/replication) creates their pods.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import type { ResourceDef } from '../../../resource.js';
import { goInvalid, goStringMap } from '../../apps/go-format.js';
import { formatLabels } from '../../apps/label-selection.js';
import {
  AGE_COLUMN, ageCell, bumpGeneration, CONTAINERS_COLUMN, containerCells, IMAGES_COLUMN, SELECTOR_COLUMN, specChanged,
} from '../../apps/workload-common.js';
import { nonNegative, restartAlways, type PodTemplateLike } from '../../apps/workload-validation.js';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from '../pod/index.js';
import { ReplicationControllerSchema } from './schema.js';

export interface ReplicationControllerLike extends KObject {
  spec?: { replicas?: number; minReadySeconds?: number; selector?: Record<string, string>; template?: PodTemplateLike };
  status?: { replicas?: number; fullyLabeledReplicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number };
}

const isEmpty = (m: Record<string, string> | undefined): boolean => Object.keys(m ?? {}).length === 0;

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** SetDefaults_ReplicationController: selector and object labels from the template's labels, replicas 1. */
export function defaultReplicationController(rc: ReplicationControllerLike): void {
  rc.spec ??= {};
  const spec = rc.spec;
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (isEmpty(spec.selector)) spec.selector = { ...labels };
    if (isEmpty(rc.metadata.labels)) rc.metadata.labels = { ...labels };
  }
  spec.replicas ??= 1;
  if (spec.template) defaultPodTemplateSpec(spec.template as Record<string, unknown>);
}

/** ValidateReplicationControllerSpec, in Kubernetes' order: minReadySeconds, selector, replicas, template. */
export function validateReplicationControllerSpec(spec: ReplicationControllerLike['spec'], path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const selector = s.selector ?? {};
  const errs: FieldError[] = [...nonNegative(s.minReadySeconds, fe.child(path, 'minReadySeconds'))];
  if (isEmpty(selector)) errs.push(fe.required(fe.child(path, 'selector'), ''));
  errs.push(...nonNegative(s.replicas, fe.child(path, 'replicas')));
  const tplPath = fe.child(path, 'template');
  const t = s.template;
  if (t === undefined || t === null) return [...errs, fe.required(tplPath, '')];
  const labels = t.metadata?.labels;
  if (!isEmpty(selector) && !matches(selector, labels)) {
    errs.push(goInvalid(fe.child(tplPath, 'metadata.labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(t as Record<string, unknown>, tplPath));
  errs.push(...restartAlways(t, tplPath, 'ReplicationController'));
  return errs;
}

function validateStatus(rc: ReplicationControllerLike): FieldError[] {
  const st = rc.status ?? {};
  return [
    ...nonNegative(st.replicas, 'status.replicas'),
    ...nonNegative(st.fullyLabeledReplicas, 'status.fullyLabeledReplicas'),
    ...nonNegative(st.readyReplicas, 'status.readyReplicas'),
    ...nonNegative(st.availableReplicas, 'status.availableReplicas'),
    ...nonNegative(st.observedGeneration, 'status.observedGeneration'),
  ];
}

export const replicationcontrollers: ResourceDef = {
  group: '', version: 'v1', kind: 'ReplicationController', plural: 'replicationcontrollers', singular: 'replicationcontroller',
  namespaced: true, shortNames: ['rc'], categories: ['all'],
  schema: ReplicationControllerSchema,
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', mapSelectorPath: 'spec.selector' } },
  defaults: (obj) => defaultReplicationController(obj as ReplicationControllerLike),
  validate: (obj) => [...validateReplicationControllerSpec((obj as ReplicationControllerLike).spec), ...validateStatus(obj as ReplicationControllerLike)],
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: {
    columns: [
      { name: 'Desired', type: 'integer', description: 'Desired number of pods.', priority: 0 },
      { name: 'Current', type: 'integer', description: 'Pods that currently exist.', priority: 0 },
      { name: 'Ready', type: 'integer', description: 'Pods that are ready.', priority: 0 },
      AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN,
    ],
    cells(obj, now) {
      const rc = obj as ReplicationControllerLike;
      const [names, images] = containerCells(rc.spec?.template);
      return [rc.spec?.replicas ?? 0, rc.status?.replicas ?? 0, rc.status?.readyReplicas ?? 0, ageCell(obj, now), names, images, formatLabels(rc.spec?.selector)];
    },
  },
  selectableFields: { 'status.replicas': (o) => String((o as ReplicationControllerLike).status?.replicas ?? 0) },
};
