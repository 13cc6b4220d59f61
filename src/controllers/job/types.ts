/**
 * The shapes the Job controller reads and writes (batch/v1 Job as stored, core/v1 Pod), and the
 * well-known names: the tracking finalizer, the completion-index annotation and label, the
 * per-index failure-count annotations.
 */
import type { KObject } from '../../api/index.js';
import type { Pod, PodTemplateSpec } from '../../api/types/core/pod/index.js';
import type { GroupVersionResource } from '../../client/index.js';

export type { Pod };

export const JOBS: GroupVersionResource = { group: 'batch', version: 'v1', resource: 'jobs' };
export const PODS: GroupVersionResource = { group: '', version: 'v1', resource: 'pods' };

/** Keeps a finished pod around until the controller has counted it in the Job's status. */
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
/** The index of an Indexed Job's pod (annotation, and label of the same name). */
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
export const INDEX_IGNORED_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-ignored-failure-count';
export const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
/** spec.managedBy value of the built-in controller; Jobs naming another manager are left alone. */
export const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';

export type PodFailurePolicyAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

export interface PodFailurePolicyRule {
  action: PodFailurePolicyAction | string;
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn' | string; values: number[] };
  onPodConditions?: Array<{ type: string; status?: string }>;
}

export interface PodFailurePolicy { rules?: PodFailurePolicyRule[] }

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  podFailurePolicy?: PodFailurePolicy;
  successPolicy?: { rules?: Array<{ succeededIndexes?: string; succeededCount?: number }> };
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> };
  manualSelector?: boolean;
  template?: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  managedBy?: string;
}

export type JobConditionType = 'Suspended' | 'Complete' | 'Failed' | 'FailureTarget' | 'SuccessCriteriaMet';

export interface JobCondition {
  type: JobConditionType | string;
  status: 'True' | 'False' | 'Unknown' | string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export interface Job extends KObject {
  spec?: JobSpec;
  status?: JobStatus;
}
