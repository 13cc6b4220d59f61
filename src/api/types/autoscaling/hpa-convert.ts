/**
 * Conversion between autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscalers. v2 is the stored
 * form; v1 keeps targetCPUUtilizationPercentage in its spec and, as Kubernetes does, everything else
 * in annotations (autoscaling.alpha.kubernetes.io/metrics, current-metrics, conditions, behavior).
 */
import type { KObject, ObjectMeta } from '../../meta/object-meta.js';
import { cpuUtilizationMetric, DEFAULT_CPU_UTILIZATION } from './hpa-v2.js';
import { metricSpecFromV1, metricSpecToV1, metricStatusFromV1, metricStatusToV1 } from './hpa-metrics-v1.js';
import type { Behavior, HpaCondition, HpaSpec, HpaStatus, HpaV2, MetricSpec, MetricStatus } from './hpa-types.js';

export const METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const CURRENT_METRICS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRICS_ANNOTATION, CURRENT_METRICS_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

export interface HpaV1 extends KObject {
  spec?: { scaleTargetRef?: HpaSpec['scaleTargetRef']; minReplicas?: number; maxReplicas?: number; targetCPUUtilizationPercentage?: number };
  status?: {
    observedGeneration?: number; lastScaleTime?: string; currentReplicas?: number; desiredReplicas?: number;
    currentCPUUtilizationPercentage?: number;
  };
}

function parseJSON(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isCpu(m: MetricSpec): boolean {
  return m.type === 'Resource' && m.resource?.name === 'cpu';
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** autoscaling/v1 → autoscaling/v2 (the stored form). */
export function hpaV1ToV2(input: KObject): KObject {
  const v1 = structuredClone(input) as HpaV1;
  const annotations = { ...v1.metadata.annotations };
  const spec = v1.spec ?? {};
  const metrics: MetricSpec[] = [];
  const other = parseJSON(annotations[METRICS_ANNOTATION]);
  if (Array.isArray(other)) metrics.push(...other.map(metricSpecFromV1));
  if (spec.targetCPUUtilizationPercentage !== undefined) metrics.push(cpuUtilizationMetric(spec.targetCPUUtilizationPercentage));
  if (metrics.length === 0) metrics.push(cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION));
  const behavior = parseJSON(annotations[BEHAVIOR_ANNOTATION]) as Behavior | undefined;
  const outSpec: HpaSpec = dropUndefined({
    scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas, metrics,
    behavior: behavior && typeof behavior === 'object' ? behavior : undefined,
  });

  const st = v1.status;
  let status: HpaStatus | undefined;
  if (st) {
    status = dropUndefined({
      observedGeneration: st.observedGeneration, lastScaleTime: st.lastScaleTime,
      currentReplicas: st.currentReplicas, desiredReplicas: st.desiredReplicas,
    });
    const current = parseJSON(annotations[CURRENT_METRICS_ANNOTATION]);
    if (Array.isArray(current)) status.currentMetrics = current.map(metricStatusFromV1);
    else if (st.currentCPUUtilizationPercentage !== undefined) {
      status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
    }
    const conditions = parseJSON(annotations[CONDITIONS_ANNOTATION]);
    if (Array.isArray(conditions)) status.conditions = conditions as HpaCondition[];
  }
  for (const k of ROUND_TRIP) delete annotations[k];
  const metadata: ObjectMeta = { ...v1.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  const out: HpaV2 = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata, spec: outSpec };
  if (status) out.status = status;
  return out;
}

/** autoscaling/v2 (the stored form) → autoscaling/v1. */
export function hpaV2ToV1(input: KObject): KObject {
  const v2 = structuredClone(input) as HpaV2;
  const annotations: Record<string, string> = { ...v2.metadata.annotations };
  for (const k of ROUND_TRIP) delete annotations[k];
  const spec = v2.spec ?? {};
  const metrics = spec.metrics ?? [];
  const cpu = metrics.find(isCpu);
  const other = metrics.filter((m) => !(isCpu(m) && m.resource?.target?.averageUtilization !== undefined));
  if (other.length > 0) annotations[METRICS_ANNOTATION] = JSON.stringify(other.map(metricSpecToV1));
  if (spec.behavior) annotations[BEHAVIOR_ANNOTATION] = JSON.stringify(spec.behavior);
  const outSpec = dropUndefined({
    scaleTargetRef: spec.scaleTargetRef, minReplicas: spec.minReplicas, maxReplicas: spec.maxReplicas,
    targetCPUUtilizationPercentage: cpu?.resource?.target?.averageUtilization,
  });

  const st = v2.status;
  let status: HpaV1['status'];
  if (st) {
    const current: MetricStatus[] = st.currentMetrics ?? [];
    let cpuNow: number | undefined;
    for (const m of current) {
      if (m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined) cpuNow = m.resource.current.averageUtilization;
    }
    status = dropUndefined({
      observedGeneration: st.observedGeneration, lastScaleTime: st.lastScaleTime,
      currentReplicas: st.currentReplicas ?? 0, desiredReplicas: st.desiredReplicas ?? 0, currentCPUUtilizationPercentage: cpuNow,
    });
    if (current.length > 0) annotations[CURRENT_METRICS_ANNOTATION] = JSON.stringify(current.map(metricStatusToV1));
    if ((st.conditions ?? []).length > 0) annotations[CONDITIONS_ANNOTATION] = JSON.stringify(st.conditions);
  }
  const metadata: ObjectMeta = { ...v2.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  const out: HpaV1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata, spec: outSpec };
  if (status) out.status = status;
  return out;
}
