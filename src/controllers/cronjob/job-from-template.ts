/**
 * The Job a CronJob starts for a scheduled time: named "<cronjob>-<scheduled time in minutes since
 * the epoch>" (so one time can only ever make one Job), the template's labels and annotations plus
 * batch.kubernetes.io/cronjob-scheduled-timestamp (RFC 3339 in the CronJob's time zone, UTC when it
 * names none), a controller reference to the CronJob, and the template's spec.
 */
import type { KObject, OwnerReference } from '../../api/index.js';
import type { JobSpec } from '../job/index.js';
import { rfc3339In } from './zone.js';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface JobReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
}

export interface CronJob extends KObject {
  spec?: CronJobSpec;
  status?: { active?: JobReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

export function jobName(cronJobName: string, scheduled: number): string {
  return `${cronJobName}-${Math.floor(scheduled / 60_000)}`;
}

export function cronJobOwnerRef(cj: CronJob): OwnerReference {
  return { apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function jobFromTemplate(cj: CronJob, scheduled: number): KObject & { spec?: JobSpec } {
  const tpl = cj.spec?.jobTemplate ?? {};
  const labels = { ...tpl.metadata?.labels };
  const annotations = { ...tpl.metadata?.annotations };
  // Go's LoadLocation("") is UTC: without spec.timeZone the stamp is in UTC.
  annotations[SCHEDULED_TIMESTAMP_ANNOTATION] = rfc3339In(scheduled, cj.spec?.timeZone ?? 'UTC');
  const job: KObject & { spec?: JobSpec } = {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: {
      name: jobName(cj.metadata.name ?? '', scheduled), namespace: cj.metadata.namespace,
      annotations, ownerReferences: [cronJobOwnerRef(cj)],
    },
    spec: structuredClone(tpl.spec ?? {}),
  };
  if (Object.keys(labels).length) job.metadata.labels = labels;
  return job;
}
