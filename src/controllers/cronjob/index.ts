/**
 * CronJobs: the controller that starts a CronJob's Jobs at its scheduled times (cron schedules in
 * a time zone, starting deadlines, concurrency policies, suspend, history limits), with the
 * schedule evaluation it uses.
 */
export { CronJobController, CRONJOBS, type CronJobControllerOptions } from './cronjob-controller.js';
export { parseSchedule, type Schedule } from './schedule.js';
export { SCHEDULED_TIMESTAMP_ANNOTATION, type CronJob } from './job-from-template.js';
