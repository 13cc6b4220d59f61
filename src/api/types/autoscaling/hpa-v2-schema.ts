/** autoscaling/v2 HorizontalPodAutoscaler: the schema (metrics, scaling behavior, status). */
import { LabelSelectorSchema } from '../../meta/label-selector.js';
import { kindFields } from '../../meta/type-fields.js';
import { enumOf, field, int32, int64, listOf, object, quantity, string, time } from '../../schema/build.js';

const v2 = (n: string) => `io.k8s.api.autoscaling.v2.${n}`;

export const CrossVersionObjectReferenceSchema = object(v2('CrossVersionObjectReference'), 'Identifies an object by kind, name and API version.', () => ({
  kind: field(string, 'Kind of the object, e.g. Deployment.', { required: true, proto: 1 }),
  name: field(string, 'Name of the object.', { required: true, proto: 2 }),
  apiVersion: field(string, 'API version of the object, e.g. apps/v1.', { proto: 3 }),
}));

const MetricIdentifierSchema = object(v2('MetricIdentifier'), 'Names a metric, optionally narrowed by labels.', () => ({
  name: field(string, 'Name of the metric.', { required: true, proto: 1 }),
  selector: field(LabelSelectorSchema, 'Labels that narrow which series of the metric count.', { proto: 2 }),
}));

const MetricTargetSchema = object(v2('MetricTarget'), 'The value a metric should be kept at.', () => ({
  type: field(enumOf('AverageValue', 'Utilization', 'Value'), 'Utilization, Value or AverageValue.', { required: true, proto: 1 }),
  value: field(quantity, 'Target value of the metric as a whole.', { proto: 2 }),
  averageValue: field(quantity, 'Target value of the metric averaged over the pods.', { proto: 3 }),
  averageUtilization: field(int32, 'Target percentage of the pods\' resource requests (Resource metrics).', { proto: 4 }),
}));

const MetricValueStatusSchema = object(v2('MetricValueStatus'), 'The current value of a metric.', () => ({
  value: field(quantity, 'Current value of the metric as a whole.', { proto: 1 }),
  averageValue: field(quantity, 'Current value averaged over the pods.', { proto: 2 }),
  averageUtilization: field(int32, 'Current percentage of the pods\' resource requests.', { proto: 3 }),
}));

const source = (name: string, description: string, withObject: boolean) => object(v2(name), description, () => ({
  ...(withObject ? { describedObject: field(CrossVersionObjectReferenceSchema, 'The object the metric describes.', { required: true, proto: 1 }) } : {}),
  metric: field(MetricIdentifierSchema, 'The metric.', { required: true, proto: withObject ? 3 : 1 }),
  target: field(MetricTargetSchema, 'The target value.', { required: true, proto: 2 }),
}));

const status = (name: string, description: string, withObject: boolean) => object(v2(name), description, () => ({
  metric: field(MetricIdentifierSchema, 'The metric.', { required: true, proto: 1 }),
  current: field(MetricValueStatusSchema, 'The current value.', { required: true, proto: 2 }),
  ...(withObject ? { describedObject: field(CrossVersionObjectReferenceSchema, 'The object the metric describes.', { required: true, proto: 3 }) } : {}),
}));

const METRIC_TYPE = enumOf('ContainerResource', 'External', 'Object', 'Pods', 'Resource');

export const MetricSpecSchema = object(v2('MetricSpec'), 'One metric to scale on; `type` says which of the source fields is set.', () => ({
  type: field(METRIC_TYPE, 'Object, Pods, Resource, ContainerResource or External.', { required: true, proto: 1 }),
  object: field(source('ObjectMetricSource', 'A metric describing another object, such as requests per second of an Ingress.', true), 'A metric of another object.', { proto: 2 }),
  pods: field(source('PodsMetricSource', 'A metric of each pod, averaged.', false), 'A per-pod metric.', { proto: 3 }),
  resource: field(object(v2('ResourceMetricSource'), 'A resource (cpu, memory) of each pod, as known from its requests and limits.', () => ({
    name: field(string, 'The resource: cpu or memory.', { required: true, proto: 1 }),
    target: field(MetricTargetSchema, 'The target value.', { required: true, proto: 2 }),
  })), 'A resource of the pods.', { proto: 4 }),
  containerResource: field(object(v2('ContainerResourceMetricSource'), 'A resource of one container in each pod.', () => ({
    name: field(string, 'The resource: cpu or memory.', { required: true, proto: 1 }),
    target: field(MetricTargetSchema, 'The target value.', { required: true, proto: 2 }),
    container: field(string, 'The container whose usage counts.', { required: true, proto: 3 }),
  })), 'A resource of one container of the pods.', { proto: 7 }),
  external: field(source('ExternalMetricSource', 'A metric from outside the cluster.', false), 'An external metric.', { proto: 5 }),
}));

export const MetricStatusSchema = object(v2('MetricStatus'), 'The current value of one metric.', () => ({
  type: field(METRIC_TYPE, 'Object, Pods, Resource, ContainerResource or External.', { required: true, proto: 1 }),
  object: field(status('ObjectMetricStatus', 'Current value of an object metric.', true), 'An object metric.', { proto: 2 }),
  pods: field(status('PodsMetricStatus', 'Current value of a per-pod metric.', false), 'A per-pod metric.', { proto: 3 }),
  resource: field(object(v2('ResourceMetricStatus'), 'Current value of a resource metric.', () => ({
    name: field(string, 'The resource.', { required: true, proto: 1 }),
    current: field(MetricValueStatusSchema, 'The current value.', { required: true, proto: 2 }),
  })), 'A resource metric.', { proto: 4 }),
  containerResource: field(object(v2('ContainerResourceMetricStatus'), 'Current value of a container resource metric.', () => ({
    name: field(string, 'The resource.', { required: true, proto: 1 }),
    current: field(MetricValueStatusSchema, 'The current value.', { required: true, proto: 2 }),
    container: field(string, 'The container.', { required: true, proto: 3 }),
  })), 'A container resource metric.', { proto: 7 }),
  external: field(status('ExternalMetricStatus', 'Current value of an external metric.', false), 'An external metric.', { proto: 5 }),
}));

const ScalingRulesSchema = object(v2('HPAScalingRules'), 'How fast the autoscaler may scale in one direction.', () => ({
  stabilizationWindowSeconds: field(int32, 'Seconds of past recommendations to consider before scaling (0–3600).', { proto: 3 }),
  selectPolicy: field(enumOf('Disabled', 'Max', 'Min'), 'Which policy wins: Max (the default), Min, or Disabled.', { proto: 1 }),
  policies: field(listOf(object(v2('HPAScalingPolicy'), 'A limit on change over a period.', () => ({
    type: field(enumOf('Percent', 'Pods'), 'Pods or Percent.', { required: true, proto: 1 }),
    value: field(int32, 'The change allowed per period; greater than 0.', { required: true, proto: 2 }),
    periodSeconds: field(int32, 'The period, 1–1800 seconds.', { required: true, proto: 3 }),
  }))), 'Limits on change; the select policy picks among them.', { proto: 2, listType: 'atomic' }),
  tolerance: field(quantity, 'Relative difference from the target ignored before scaling (beta).', { proto: 4 }),
}));

export const HorizontalPodAutoscalerV2Schema = object(v2('HorizontalPodAutoscaler'), 'Scales a workload between bounds to keep metrics at their targets.', () => ({
  ...kindFields(),
  spec: field(object(v2('HorizontalPodAutoscalerSpec'), 'Desired behavior of the autoscaler.', () => ({
    scaleTargetRef: field(CrossVersionObjectReferenceSchema, 'The object whose scale subresource is adjusted.', { required: true, proto: 1 }),
    minReplicas: field(int32, 'Lowest replica count; default 1.', { proto: 2 }),
    maxReplicas: field(int32, 'Highest replica count.', { required: true, proto: 3 }),
    metrics: field(listOf(MetricSpecSchema), 'Metrics to keep at their targets; the highest recommendation wins. Default: cpu at 80%.', { proto: 4, listType: 'atomic' }),
    behavior: field(object(v2('HorizontalPodAutoscalerBehavior'), 'Scaling speed limits for each direction.', () => ({
      scaleUp: field(ScalingRulesSchema, 'Limits when scaling up.', { proto: 1 }),
      scaleDown: field(ScalingRulesSchema, 'Limits when scaling down.', { proto: 2 }),
    })), 'How fast to scale up and down.', { proto: 5 }),
  })), 'Desired behavior of the autoscaler.', { proto: 2 }),
  status: field(object(v2('HorizontalPodAutoscalerStatus'), 'Observed state of the autoscaler.', () => ({
    observedGeneration: field(int64, 'The generation the autoscaler last acted on.', { proto: 1 }),
    lastScaleTime: field(time, 'When the replica count was last changed.', { proto: 2 }),
    currentReplicas: field(int32, 'Replicas the target has now.', { proto: 3 }),
    desiredReplicas: field(int32, 'Replicas the autoscaler last asked for.', { required: true, proto: 4 }),
    currentMetrics: field(listOf(MetricStatusSchema), 'Last read values of the metrics.', { proto: 5, listType: 'atomic' }),
    conditions: field(listOf(object(v2('HorizontalPodAutoscalerCondition'), 'One observation about the autoscaler.', () => ({
      type: field(string, 'ScalingActive, AbleToScale or ScalingLimited.', { required: true, proto: 1 }),
      status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
      lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
      reason: field(string, 'One-word CamelCase cause of the last transition.', { proto: 4 }),
      message: field(string, 'Human-readable details.', { proto: 5 }),
      observedGeneration: field(int64, 'The generation the condition was set for.', { proto: 6 }),
    }))), 'Latest observations of the autoscaler.', {
      proto: 6, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
    }),
  })), 'Observed state of the autoscaler.', { proto: 3 }),
}), { gvk: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' } });
