/**
 * Jobs: the Job controller (pods run to completion — parallelism and completions, Indexed Jobs,
 * back-off and limits, deadlines, pod failure and success policies, suspend — with finished pods
 * counted exactly once through the job-tracking finalizer) and the TTL-after-finished controller
 * that deletes finished Jobs when their ttlSecondsAfterFinished runs out.
 */
export { JobController, type JobControllerOptions } from './job-controller.js';
export { TtlAfterFinishedController, type TtlAfterFinishedOptions } from './ttl-after-finished.js';
export { finishedType } from './conditions.js';
export {
  JOBS, JOB_TRACKING_FINALIZER, COMPLETION_INDEX_ANNOTATION, type Job, type JobSpec, type JobStatus, type JobCondition,
} from './types.js';
