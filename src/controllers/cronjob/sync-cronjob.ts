/**
 * One look at a CronJob, as Kubernetes' CronJob controller (v2) takes it: reconcile status.active
 * with the Jobs it controls (SawCompletedJob, MissingJob, UnexpectedJob, lastSuccessfulTime), then
 * — unless it is being deleted, suspended, or its zone or schedule is bad — start the Job for the
 * most recent unmet scheduled time, honouring startingDeadlineSeconds (MissSchedule) and the
 * concurrency policy (Forbid: JobAlreadyActive; Replace: delete the running Jobs first). Returns
 * when to look again (just after the next scheduled time) and whether the status changed.
 */
import { isAlreadyExists, isNotFound, type Clientset } from '../../client/index.js';
import { finishedType, JOBS, type Job } from '../job/index.js';
import type { EventRecorder } from '../runtime/index.js';
import { isTerminating } from '../serviceaccount/index.js';
import { cronJobOwnerRef, jobFromTemplate, jobName, type CronJob, type JobReference } from './job-from-template.js';
import { parseSchedule } from './schedule.js';
import { mostRecentScheduleTime, nextScheduleDelay } from './schedule-times.js';
import { isKnownZone } from './zone.js';

export interface CronDeps {
  cs: Clientset;
  recorder: EventRecorder;
  now(): Date;
}

export interface SyncResult { requeueAfter?: number; changed: boolean; error?: Error }

export function jobRef(job: Job): JobReference {
  return { kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion };
}

export function removeActive(cj: CronJob, uid: string | undefined): void {
  const st = cj.status ?? (cj.status = {});
  st.active = (st.active ?? []).filter((r) => r.uid !== uid);
}

function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Deletes a Job the CronJob owns (pods in the background) and drops it from the active list. */
export async function deleteJob(d: CronDeps, cj: CronJob, job: Job): Promise<boolean> {
  try {
    await d.cs.resource<Job>(JOBS).namespace(job.metadata.namespace ?? '').delete(job.metadata.name ?? '', { propagationPolicy: 'Background' });
  } catch (err) {
    if (!isNotFound(err)) {
      d.recorder.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
      return false;
    }
  }
  removeActive(cj, job.metadata.uid);
  d.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name ?? ''}`);
  return true;
}

async function reconcileActive(d: CronDeps, start: CronJob, jobs: Job[]): Promise<{ cj: CronJob; changed: boolean }> {
  let cj = start;
  let changed = false;
  const st = () => cj.status ?? (cj.status = {});
  const inActive = (c: CronJob, uid?: string) => (c.status?.active ?? []).some((r) => r.uid === uid);
  for (const j of jobs) {
    const found = inActive(cj, j.metadata.uid);
    const finished = finishedType(j);
    if (!found && !finished) {
      const fresh = await d.cs.resource<CronJob>({ group: 'batch', version: 'v1', resource: 'cronjobs' }).namespace(cj.metadata.namespace ?? '').get(cj.metadata.name ?? '');
      if (inActive(fresh, j.metadata.uid)) { cj = fresh; continue; }
      d.recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name ?? ''}`);
    } else if (found && finished) {
      removeActive(cj, j.metadata.uid);
      d.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name ?? ''}, status: ${finished}`);
      changed = true;
    } else if (finished === 'Complete') {
      const done = j.status?.completionTime;
      const last = st().lastSuccessfulTime;
      if (done && (!last || Date.parse(done) > Date.parse(last))) {
        st().lastSuccessfulTime = done;
        changed = true;
      }
    }
  }
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  for (const ref of [...(cj.status?.active ?? [])]) {
    if (uids.has(ref.uid)) continue;
    try {
      await d.cs.resource<Job>(JOBS).namespace(ref.namespace ?? cj.metadata.namespace ?? '').get(ref.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
      d.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name ?? ''}`);
      removeActive(cj, ref.uid);
      changed = true;
    }
  }
  return { cj, changed };
}

/** Syncs; `cj` is a copy whose status the caller writes when `changed`. */
export async function syncCronJob(d: CronDeps, start: CronJob, jobs: Job[]): Promise<SyncResult & { cj: CronJob }> {
  const now = d.now().getTime();
  const r = await reconcileActive(d, start, jobs);
  const cj = r.cj;
  let changed = r.changed;
  const done = (x: Partial<SyncResult> = {}) => ({ cj, changed, ...x });
  const spec = cj.spec ?? {};
  if (cj.metadata.deletionTimestamp) return done();
  if (spec.timeZone !== undefined && spec.timeZone !== null && !isKnownZone(spec.timeZone)) {
    d.recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(spec.timeZone)}: unknown time zone ${spec.timeZone}`);
    return done();
  }
  if (spec.suspend) return done();
  const schedule = spec.schedule ?? '';
  if (schedule.includes('TZ')) {
    d.recorder.event(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
  }
  const parsed = parseSchedule(schedule, spec.timeZone ?? 'Local');
  if ('error' in parsed) {
    d.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(schedule)} : ${parsed.error}`);
    return done();
  }
  const sched = parsed.schedule;
  const times = { creationTimestamp: cj.metadata.creationTimestamp, lastScheduleTime: cj.status?.lastScheduleTime, startingDeadlineSeconds: spec.startingDeadlineSeconds };
  const recent = mostRecentScheduleTime(times, now, sched, true);
  const requeue = () => done({ requeueAfter: nextScheduleDelay({ ...times, lastScheduleTime: cj.status?.lastScheduleTime }, now, sched) });
  if (recent.mostRecent !== undefined && recent.mostRecent <= now && recent.missed === 'many') {
    d.recorder.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  }
  if (recent.error) {
    d.recorder.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${schedule} : ${recent.error}`);
    return done();
  }
  const scheduled = recent.mostRecent;
  if (scheduled === undefined || scheduled > now) return requeue();
  if (spec.startingDeadlineSeconds !== undefined && spec.startingDeadlineSeconds !== null && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
    d.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return requeue();
  }
  const name = jobName(cj.metadata.name ?? '', scheduled);
  const last = cj.status?.lastScheduleTime ? Date.parse(cj.status.lastScheduleTime) : NaN;
  if ((cj.status?.active ?? []).some((a) => a.name === name) || last === scheduled) return requeue();
  if (spec.concurrencyPolicy === 'Forbid' && (cj.status?.active ?? []).length > 0) {
    d.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
    return requeue();
  }
  const jobsClient = d.cs.resource<Job>(JOBS).namespace(cj.metadata.namespace ?? '');
  if (spec.concurrencyPolicy === 'Replace') {
    for (const ref of [...(cj.status?.active ?? [])]) {
      let job: Job;
      try {
        job = await jobsClient.get(ref.name ?? '');
      } catch (err) {
        d.recorder.event(cj, 'Warning', 'FailedGet', `Get job: ${(err as Error).message}`);
        return done({ error: err as Error });
      }
      if (!(await deleteJob(d, cj, job))) return done({ error: new Error(`could not replace job ${job.metadata.namespace ?? ''}/${job.metadata.name ?? ''}`) });
      changed = true;
    }
  }
  let created: Job;
  try {
    created = await jobsClient.create(jobFromTemplate(cj, scheduled) as Job);
    d.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name ?? ''}`);
  } catch (err) {
    if (isTerminating(err)) return done({ error: err as Error });
    if (!isAlreadyExists(err)) {
      d.recorder.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
      return done({ error: err as Error });
    }
    // Made earlier by this controller (whose status write was lost) or by someone else.
    created = await jobsClient.get(name);
    const ref = created.metadata.ownerReferences?.find((o) => o.controller);
    if (ref?.uid !== cronJobOwnerRef(cj).uid) return done();
    if ((cj.status?.active ?? []).some((a) => a.uid === created.metadata.uid)) return done();
  }
  const st = cj.status ?? (cj.status = {});
  st.active = [...(st.active ?? []), jobRef(created)];
  st.lastScheduleTime = new Date(scheduled).toISOString().replace(/\.\d{3}Z$/, 'Z');
  changed = true;
  return requeue();
}
