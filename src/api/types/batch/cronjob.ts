/** batch/v1 CronJob: creates Jobs on a cron schedule. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { boolean, enumOf, field, int32, int64, listOf, object, string, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { ObjectReferenceSchema } from '../core/common/index.js';
import { defaultPodTemplateSpec } from '../core/pod/index.js';
import { goInvalid, goLabelSelector } from '../apps/go-format.js';
import { formatLabelSelector } from '../apps/label-selection.js';
import {
  AGE_COLUMN, ageCell, bumpGeneration, CONTAINERS_COLUMN, containerCells, ensureObject, IMAGES_COLUMN, SELECTOR_COLUMN, specChanged,
} from '../apps/workload-common.js';
import { nonNegative } from '../apps/workload-validation.js';
import { cronScheduleError } from './cron-schedule.js';
import { defaultFailurePolicy } from './job.js';
import { JobTemplateSpecSchema } from './job-schema.js';
import { validateJobSpecBody, type JobSpecLike } from './job-spec-validation.js';
import { validateTimeZone } from './time-zone.js';

export const CronJobSchema = object('io.k8s.api.batch.v1.CronJob', 'Runs a Job on a repeating schedule.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.batch.v1.CronJobSpec', 'Desired state of a cron job.', () => ({
    schedule: field(string, 'When to run, in cron format ("*/5 * * * *") or a descriptor such as @hourly.', { required: true, proto: 1 }),
    timeZone: field(string, 'IANA time zone the schedule is read in; default the controller\'s zone.', { proto: 8 }),
    startingDeadlineSeconds: field(int64, 'Seconds after a missed start time within which the job may still start.', { proto: 2 }),
    concurrencyPolicy: field(enumOf('Allow', 'Forbid', 'Replace'), 'Allow (the default), Forbid or Replace overlapping runs.', { proto: 3 }),
    suspend: field(boolean, 'When true, no new runs start; default false.', { proto: 4 }),
    jobTemplate: field(JobTemplateSpecSchema, 'The job to create at each run.', { required: true, proto: 5 }),
    successfulJobsHistoryLimit: field(int32, 'Finished successful jobs to keep; default 3.', { proto: 6 }),
    failedJobsHistoryLimit: field(int32, 'Failed jobs to keep; default 1.', { proto: 7 }),
  })), 'Desired state of the cron job.', { proto: 2 }),
  status: field(object('io.k8s.api.batch.v1.CronJobStatus', 'Observed state of a cron job.', () => ({
    active: field(listOf(ObjectReferenceSchema), 'Jobs currently running.', { proto: 1, listType: 'atomic' }),
    lastScheduleTime: field(time, 'When a job was last scheduled.', { proto: 4 }),
    lastSuccessfulTime: field(time, 'When a job last completed successfully.', { proto: 5 }),
  })), 'Observed state of the cron job.', { proto: 3 }),
}), { gvk: { group: 'batch', version: 'v1', kind: 'CronJob' } });

interface CronSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  jobTemplate?: { metadata?: Record<string, unknown>; spec?: JobSpecLike };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronJobLike extends KObject {
  spec?: CronSpec;
  status?: { active?: unknown[]; lastScheduleTime?: string };
}

function validateSchedule(schedule: string, allowTZ: boolean, timeZone: string | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const err = cronScheduleError(schedule);
  if (err) errs.push(fe.invalid(path, schedule, err));
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(fe.invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(fe.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

/** validateCronJobSpec; `prev` is the old spec on update. */
export function validateCronJobSpec(spec: CronSpec | undefined, prev: CronSpec | undefined, path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (!s.schedule) errs.push(fe.required(fe.child(path, 'schedule'), ''));
  else errs.push(...validateSchedule(s.schedule, (prev?.schedule ?? '').includes('TZ') && prev !== undefined, s.timeZone, fe.child(path, 'schedule')));
  errs.push(...nonNegative(s.startingDeadlineSeconds, fe.child(path, 'startingDeadlineSeconds')));
  if (prev === undefined || prev.timeZone !== s.timeZone) errs.push(...validateTimeZone(s.timeZone, fe.child(path, 'timeZone')));
  const cp = s.concurrencyPolicy ?? '';
  if (cp === '') errs.push(fe.required(fe.child(path, 'concurrencyPolicy'), ''));
  else if (!['Allow', 'Forbid', 'Replace'].includes(cp)) errs.push(fe.notSupported(fe.child(path, 'concurrencyPolicy'), cp, ['Allow', 'Forbid', 'Replace']));
  const jobSpec = s.jobTemplate?.spec ?? {};
  const jsPath = fe.child(path, 'jobTemplate.spec');
  errs.push(...validateJobSpecBody(jobSpec, jsPath));
  if (jobSpec.selector) errs.push(goInvalid(fe.child(jsPath, 'selector'), goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(fe.notSupported(fe.child(jsPath, 'manualSelector'), true, ['nil', 'false']));
  errs.push(...nonNegative(s.successfulJobsHistoryLimit, fe.child(path, 'successfulJobsHistoryLimit')));
  errs.push(...nonNegative(s.failedJobsHistoryLimit, fe.child(path, 'failedJobsHistoryLimit')));
  return errs;
}

export const cronjobs: ResourceDef = {
  group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob',
  namespaced: true, shortNames: ['cj'], categories: ['all'],
  schema: CronJobSchema,
  subresources: { status: true },
  defaults(obj) {
    const spec = ensureObject<CronSpec>(obj, 'spec');
    if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
    spec.suspend ??= false;
    spec.successfulJobsHistoryLimit ??= 3;
    spec.failedJobsHistoryLimit ??= 1;
    const jobTemplate = ensureObject<NonNullable<CronSpec['jobTemplate']>>(spec, 'jobTemplate');
    const meta = ensureObject<Record<string, unknown>>(jobTemplate, 'metadata');
    if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
    const jobSpec = ensureObject<JobSpecLike>(jobTemplate, 'spec');
    defaultFailurePolicy(jobSpec);
    defaultPodTemplateSpec(ensureObject<Record<string, unknown>>(jobSpec, 'template'));
  },
  validate: (obj) => validateCronJobSpec((obj as CronJobLike).spec, undefined),
  validateCreate(obj) {
    // The controller appends an 11-character suffix to job names, which are limited to 63.
    const name = obj.metadata.name ?? '';
    return name.length > 52 ? [fe.invalid('metadata.name', name, 'must be no more than 52 characters')] : [];
  },
  validateUpdate(obj, old) {
    // validate() ran already without the old spec; only the rules that depend on it are repeated.
    const next = (obj as CronJobLike).spec;
    const prev = (old as CronJobLike).spec;
    const withOld = validateCronJobSpec(next, prev);
    const withoutOld = validateCronJobSpec(next, undefined);
    return withOld.filter((e) => !withoutOld.some((x) => x.field === e.field && x.message === e.message));
  },
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: {
    columns: [
      { name: 'Schedule', type: 'string', description: 'The cron schedule.', priority: 0 },
      { name: 'Timezone', type: 'string', description: 'The time zone the schedule is read in.', priority: 0 },
      { name: 'Suspend', type: 'boolean', description: 'Whether new runs are suspended.', priority: 0 },
      { name: 'Active', type: 'integer', description: 'Jobs currently running.', priority: 0 },
      { name: 'Last Schedule', type: 'string', description: 'Time since a job was last scheduled.', priority: 0 },
      AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN,
    ],
    cells(obj, now) {
      const cj = obj as CronJobLike;
      const spec = cj.spec ?? {};
      const suspend = spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False';
      const last = cj.status?.lastScheduleTime ? ageCell({ metadata: { creationTimestamp: cj.status.lastScheduleTime } }, now) : '<none>';
      const [names, images] = containerCells(spec.jobTemplate?.spec?.template);
      return [
        spec.schedule ?? '', spec.timeZone ?? '<none>', suspend, (cj.status?.active ?? []).length, last, ageCell(obj, now),
        names, images, formatLabelSelector(spec.jobTemplate?.spec?.selector),
      ];
    },
  },
};
