/**
 * The autoscaling API group's kinds: the HorizontalPodAutoscaler, served as autoscaling/v2 (the
 * stored form) and autoscaling/v1 (CPU only, converted on the way in and out).
 */
import type { ResourceDef } from '../../resource.js';
import { horizontalPodAutoscalersV1 } from './hpa-v1.js';
import { horizontalPodAutoscalersV2 } from './hpa-v2.js';

export const autoscalingResources: ResourceDef[] = [horizontalPodAutoscalersV2, horizontalPodAutoscalersV1];

export { HorizontalPodAutoscalerV2Schema } from './hpa-v2-schema.js';
export { HorizontalPodAutoscalerV1Schema } from './hpa-v1.js';
export { hpaV1ToV2, hpaV2ToV1 } from './hpa-convert.js';
export { formatHpaMetrics } from './hpa-v2.js';
export type { HpaV2, HpaSpec, HpaStatus, MetricSpec, MetricStatus } from './hpa-types.js';
