/**
 * autoscaling/v1 HorizontalPodAutoscaler: CPU-only autoscaling. Stored as autoscaling/v2 (see
 * hpa-convert.ts); validated and printed through that form, as Kubernetes does with its internal type.
 */
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { field, int32, int64, object, string, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { bumpGeneration, ensureObject, specChanged } from '../apps/workload-common.js';
import { hpaV1ToV2, hpaV2ToV1, type HpaV1 } from './hpa-convert.js';
import type { HpaV2 } from './hpa-types.js';
import { validateHpaSpec } from './hpa-validation.js';
import { hpaTable } from './hpa-v2.js';

const v1 = (n: string) => `io.k8s.api.autoscaling.v1.${n}`;

export const HorizontalPodAutoscalerV1Schema = object(v1('HorizontalPodAutoscaler'), 'Scales a workload between bounds to keep its average CPU use at a target.', () => ({
  ...kindFields(),
  spec: field(object(v1('HorizontalPodAutoscalerSpec'), 'Desired behavior of the autoscaler.', () => ({
    scaleTargetRef: field(object(v1('CrossVersionObjectReference'), 'Identifies an object by kind, name and API version.', () => ({
      kind: field(string, 'Kind of the object, e.g. Deployment.', { required: true, proto: 1 }),
      name: field(string, 'Name of the object.', { required: true, proto: 2 }),
      apiVersion: field(string, 'API version of the object, e.g. apps/v1.', { proto: 3 }),
    }), { atomic: true }), 'The object whose scale subresource is adjusted.', { required: true, proto: 1 }),
    minReplicas: field(int32, 'Lowest replica count; default 1.', { proto: 2 }),
    maxReplicas: field(int32, 'Highest replica count.', { required: true, proto: 3 }),
    targetCPUUtilizationPercentage: field(int32, 'Target average CPU use, as a percentage of requests; default 80.', { proto: 4 }),
  })), 'Desired behavior of the autoscaler.', { proto: 2 }),
  status: field(object(v1('HorizontalPodAutoscalerStatus'), 'Observed state of the autoscaler.', () => ({
    observedGeneration: field(int64, 'The generation the autoscaler last acted on.', { proto: 1 }),
    lastScaleTime: field(time, 'When the replica count was last changed.', { proto: 2 }),
    currentReplicas: field(int32, 'Replicas the target has now.', { required: true, proto: 3 }),
    desiredReplicas: field(int32, 'Replicas the autoscaler last asked for.', { required: true, proto: 4 }),
    currentCPUUtilizationPercentage: field(int32, 'Current average CPU use, as a percentage of requests.', { proto: 5 }),
  })), 'Observed state of the autoscaler.', { proto: 3 }),
}), { gvk: { group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' } });

/** The v2 form of an object that may already be in it. */
function asV2(obj: KObject): KObject {
  return obj.apiVersion === 'autoscaling/v2' ? obj : hpaV1ToV2(obj);
}

export const horizontalPodAutoscalersV1: ResourceDef = {
  group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler',
  namespaced: true, shortNames: ['hpa'], categories: ['all'],
  schema: HorizontalPodAutoscalerV1Schema,
  subresources: { status: true },
  storage: { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', toStorage: hpaV1ToV2, fromStorage: hpaV2ToV1 },
  defaults(obj: KObject) {
    ensureObject<NonNullable<HpaV1['spec']>>(obj, 'spec').minReplicas ??= 1;
  },
  validate: (obj) => validateHpaSpec((asV2(obj) as HpaV2).spec),
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: { columns: hpaTable.columns, cells: (obj, now) => hpaTable.cells(asV2(obj), now) },
};
