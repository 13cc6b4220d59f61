/** batch/v1 Job: the schema (spec, template spec for CronJobs, status). */
import { LabelSelectorSchema } from '../../meta/label-selector.js';
import { ObjectMetaSchema } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { boolean, enumOf, field, int32, int64, listOf, object, string, time } from '../../schema/build.js';
import { PodTemplateSpecSchema } from '../core/pod/index.js';
import { JobSchedulingConfigurationSchema, PodFailurePolicySchema, SuccessPolicySchema } from './job-policies-schema.js';

export const JobSpecSchema = object('io.k8s.api.batch.v1.JobSpec', 'Desired state of a job.', () => ({
  parallelism: field(int32, 'How many pods may run at once; default 1.', { proto: 1 }),
  completions: field(int32, 'How many pods must succeed; unset means any one success finishes the job.', { proto: 2 }),
  activeDeadlineSeconds: field(int64, 'Seconds the job may run before it is failed.', { proto: 3 }),
  podFailurePolicy: field(PodFailurePolicySchema, 'How pod failures count towards failing the job.', { proto: 11 }),
  successPolicy: field(SuccessPolicySchema, 'When an indexed job may succeed early.', { proto: 16 }),
  backoffLimit: field(int32, 'Retries before the job is failed; default 6.', { proto: 7 }),
  backoffLimitPerIndex: field(int32, 'Retries per index of an indexed job.', { proto: 12 }),
  maxFailedIndexes: field(int32, 'Failed indexes tolerated before the whole job fails.', { proto: 13 }),
  selector: field(LabelSelectorSchema, 'The pods of the job; generated unless manualSelector is true.', { proto: 4 }),
  manualSelector: field(boolean, 'When true, the selector is given by the user instead of generated.', { proto: 5 }),
  template: field(PodTemplateSpecSchema, 'The pods to run; restartPolicy must be OnFailure or Never.', { required: true, proto: 6 }),
  ttlSecondsAfterFinished: field(int32, 'Seconds after finishing when the job is deleted automatically.', { proto: 8 }),
  completionMode: field(enumOf('Indexed', 'NonIndexed'), 'NonIndexed (the default) or Indexed (each pod gets an index).', { proto: 9 }),
  suspend: field(boolean, 'When true, no pods run; default false.', { proto: 10 }),
  podReplacementPolicy: field(enumOf('Failed', 'TerminatingOrFailed'), 'When replacement pods are created: TerminatingOrFailed or Failed.', { proto: 14 }),
  managedBy: field(string, 'The controller that syncs the job, as a domain-prefixed path; default the built-in one.', { proto: 15 }),
  scheduling: field(JobSchedulingConfigurationSchema, 'Workload-aware scheduling settings (alpha).', { proto: 17 }),
}));

export const JobConditionSchema = object('io.k8s.api.batch.v1.JobCondition', 'One observation about a job.', () => ({
  type: field(string, 'Suspended, Complete, Failed, FailureTarget or SuccessCriteriaMet.', { required: true, proto: 1 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastProbeTime: field(time, 'When the condition was last checked.', { proto: 3 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 4 }),
  reason: field(string, 'One-word CamelCase cause of the last transition.', { proto: 5 }),
  message: field(string, 'Human-readable details.', { proto: 6 }),
}));

export const JobStatusSchema = object('io.k8s.api.batch.v1.JobStatus', 'Observed state of a job.', () => ({
  conditions: field(listOf(JobConditionSchema), 'Latest observations of the job.', {
    proto: 1, mergeKey: 'type', patchStrategy: 'merge', listType: 'atomic',
  }),
  startTime: field(time, 'When the controller started working on the job.', { proto: 2 }),
  completionTime: field(time, 'When the job completed successfully.', { proto: 3 }),
  active: field(int32, 'Pods still running (not terminating).', { proto: 4 }),
  succeeded: field(int32, 'Pods that succeeded.', { proto: 5 }),
  failed: field(int32, 'Pods that failed.', { proto: 6 }),
  terminating: field(int32, 'Pods shutting down.', { proto: 11 }),
  completedIndexes: field(string, 'Succeeded indexes of an indexed job, as "1,3-5".', { proto: 7 }),
  failedIndexes: field(string, 'Failed indexes when backoffLimitPerIndex is set.', { proto: 10 }),
  uncountedTerminatedPods: field(object('io.k8s.api.batch.v1.UncountedTerminatedPods', 'Finished pods not yet counted in the status.', () => ({
    succeeded: field(listOf(string), 'UIDs of succeeded pods.', { proto: 1, listType: 'set' }),
    failed: field(listOf(string), 'UIDs of failed pods.', { proto: 2, listType: 'set' }),
  })), 'Finished pods the controller has not counted yet.', { proto: 8 }),
  ready: field(int32, 'Active pods with a Ready condition.', { proto: 9 }),
}));

export const JobSchema = object('io.k8s.api.batch.v1.Job', 'Runs pods until a number of them finish successfully.', () => ({
  ...kindFields(),
  spec: field(JobSpecSchema, 'Desired state of the job.', { proto: 2 }),
  status: field(JobStatusSchema, 'Observed state of the job.', { proto: 3 }),
}), { gvk: { group: 'batch', version: 'v1', kind: 'Job' } });

export const JobTemplateSpecSchema = object('io.k8s.api.batch.v1.JobTemplateSpec', 'The jobs a CronJob creates.', () => ({
  metadata: field(ObjectMetaSchema, 'Metadata copied to the created jobs.', { proto: 1 }),
  spec: field(JobSpecSchema, 'Spec of the created jobs.', { proto: 2 }),
}));
