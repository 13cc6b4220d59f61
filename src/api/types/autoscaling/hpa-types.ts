/** The autoscaling/v2 HorizontalPodAutoscaler as plain TypeScript shapes. */
import type { LabelSelector } from '../../meta/label-selector.js';
import type { KObject } from '../../meta/object-meta.js';

export type Quantity = string | number;

export interface CrossVersionObjectReference { kind?: string; name?: string; apiVersion?: string }
export interface MetricIdentifier { name?: string; selector?: LabelSelector }
export interface MetricTarget { type?: string; value?: Quantity; averageValue?: Quantity; averageUtilization?: number }
export interface MetricValueStatus { value?: Quantity; averageValue?: Quantity; averageUtilization?: number }

export interface MetricSpec {
  type?: string;
  object?: { describedObject?: CrossVersionObjectReference; metric?: MetricIdentifier; target?: MetricTarget };
  pods?: { metric?: MetricIdentifier; target?: MetricTarget };
  resource?: { name?: string; target?: MetricTarget };
  containerResource?: { name?: string; target?: MetricTarget; container?: string };
  external?: { metric?: MetricIdentifier; target?: MetricTarget };
}

export interface MetricStatus {
  type?: string;
  object?: { metric?: MetricIdentifier; current?: MetricValueStatus; describedObject?: CrossVersionObjectReference };
  pods?: { metric?: MetricIdentifier; current?: MetricValueStatus };
  resource?: { name?: string; current?: MetricValueStatus };
  containerResource?: { name?: string; current?: MetricValueStatus; container?: string };
  external?: { metric?: MetricIdentifier; current?: MetricValueStatus };
}

export interface ScalingPolicy { type?: string; value?: number; periodSeconds?: number }
export interface ScalingRules { stabilizationWindowSeconds?: number; selectPolicy?: string; policies?: ScalingPolicy[]; tolerance?: Quantity }
export interface Behavior { scaleUp?: ScalingRules; scaleDown?: ScalingRules }

export interface HpaCondition {
  type?: string; status?: string; lastTransitionTime?: string; reason?: string; message?: string; observedGeneration?: number;
}

export interface HpaSpec {
  scaleTargetRef?: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas?: number;
  metrics?: MetricSpec[];
  behavior?: Behavior;
}

export interface HpaStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas?: number;
  currentMetrics?: MetricStatus[];
  conditions?: HpaCondition[];
}

export interface HpaV2 extends KObject {
  spec?: HpaSpec;
  status?: HpaStatus;
}
