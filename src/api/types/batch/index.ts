/**
 * The batch API group's kinds: Jobs (pods that run to completion) and CronJobs (Jobs on a
 * schedule), with the cron schedule grammar CronJobs accept.
 */
import type { ResourceDef } from '../../resource.js';
import { cronjobs } from './cronjob.js';
import { jobs } from './job.js';

export const batchResources: ResourceDef[] = [jobs, cronjobs];

export { JobSchema, JobSpecSchema, JobTemplateSpecSchema } from './job-schema.js';
export { CronJobSchema } from './cronjob.js';
export { cronScheduleError } from './cron-schedule.js';
export { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, LEGACY_CONTROLLER_UID_LABEL, LEGACY_JOB_NAME_LABEL, jobStatus } from './job.js';
