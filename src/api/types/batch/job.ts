/** batch/v1 Job: defaults, the generated selector, validation, update rules and the table. */
import { humanDuration } from '../../meta/age.js';
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Label } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import type { ResourceDef } from '../../resource.js';
import { defaultPodTemplateSpec } from '../core/pod/index.js';
import { goInvalid, goLabelSelector, goStringMap } from '../apps/go-format.js';
import { formatLabelSelector, isSelection, selectorFrom } from '../apps/label-selection.js';
import {
  AGE_COLUMN, ageCell, bumpGeneration, CONTAINERS_COLUMN, containerCells, ensureObject, IMAGES_COLUMN, SELECTOR_COLUMN, specChanged,
} from '../apps/workload-common.js';
import { selectorMismatch } from '../apps/workload-validation.js';
import { JobSchema } from './job-schema.js';
import { validateJobSpecBody, type JobSpecLike } from './job-spec-validation.js';
import { validateJobSpecUpdate } from './job-update-validation.js';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

export interface JobLike extends KObject {
  spec?: JobSpecLike;
  status?: {
    conditions?: Array<{ type?: string; status?: string }>;
    startTime?: string; completionTime?: string; succeeded?: number; active?: number;
  };
}

/** SetDefaults_PodFailurePolicyOnPodConditionsPattern, for Jobs and CronJob job templates. */
export function defaultFailurePolicy(spec: JobSpecLike): void {
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule.onPodConditions ?? []) if (!p.status) p.status = 'True';
}

/** SetDefaults_Job plus the pod template defaults. */
export function defaultJob(obj: KObject): void {
  const spec = ensureObject<JobSpecLike>(obj, 'spec');
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  const tpl = ensureObject<Record<string, unknown> & { metadata?: { labels?: Record<string, string> } }>(spec, 'template');
  const labels = tpl.metadata?.labels;
  if (labels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  defaultFailurePolicy(spec);
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  defaultPodTemplateSpec(tpl);
}

/**
 * generateSelector: label the pod template with the job's uid and name and select on the uid,
 * unless the user asked for a manual selector. Needs metadata.uid.
 */
export function generateJobSelector(obj: KObject): void {
  const spec = ensureObject<JobSpecLike>(obj, 'spec');
  if (spec.manualSelector === true) return;
  const tpl = ensureObject<{ metadata?: { labels?: Record<string, string> } }>(spec, 'template');
  const meta = ensureObject<{ labels?: Record<string, string> }>(tpl, 'metadata');
  const labels = { ...meta.labels };
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(k in labels)) labels[k] = name;
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(k in labels)) labels[k] = uid;
  meta.labels = labels;
  spec.selector ??= {};
  spec.selector.matchLabels = { ...spec.selector.matchLabels };
  if (!(CONTROLLER_UID_LABEL in spec.selector.matchLabels)) spec.selector.matchLabels[CONTROLLER_UID_LABEL] = uid;
}

function hasLabel(labels: Record<string, string> | undefined, key: string, value: string, path: string): FieldError[] {
  const actual = labels?.[key];
  if (actual === undefined) return [fe.required(fe.index(path, key), `must be '${value}'`)];
  if (actual !== value) return [goInvalid(fe.index(path, key), goStringMap(labels), `must be '${value}'`)];
  return [];
}

/** validateGeneratedSelector. */
function validateGeneratedSelector(job: JobLike, requirePrefixed: boolean): FieldError[] {
  const spec = job.spec ?? {};
  if (spec.manualSelector === true || !spec.selector) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  if (!uid) errs.push(fe.required('metadata.uid', ''));
  const labels = spec.template?.metadata?.labels;
  const lp = 'spec.template.metadata.labels';
  errs.push(...hasLabel(labels, LEGACY_CONTROLLER_UID_LABEL, uid, lp), ...hasLabel(labels, LEGACY_JOB_NAME_LABEL, name, lp));
  const expected: Record<string, string> = { [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (requirePrefixed) {
    errs.push(...hasLabel(labels, CONTROLLER_UID_LABEL, uid, lp), ...hasLabel(labels, JOB_NAME_LABEL, name, lp));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  const sel = selectorFrom(spec.selector);
  if (isSelection(sel) && !sel.matches(expected)) errs.push(goInvalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  return errs;
}

/** ValidateJob. */
export function validateJob(job: JobLike, requirePrefixed = true): FieldError[] {
  const spec = job.spec ?? {};
  const errs = validateGeneratedSelector(job, requirePrefixed);
  errs.push(...validateJobSpecBody(spec, 'spec'));
  if (!spec.selector) errs.push(fe.required('spec.selector', ''));
  else errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const sel = selectorFrom(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (isSelection(sel) && !sel.matches(labels)) errs.push(selectorMismatch('spec.template.metadata.labels', labels));
  if (spec.completionMode === 'Indexed' && typeof spec.completions === 'number' && spec.completions > 0) {
    const host = `${job.metadata.name ?? ''}-${spec.completions - 1}`;
    if (isDNS1123Label(host).length > 0) {
      errs.push(fe.invalid('metadata.name', job.metadata.name ?? '', `will not able to create pod with invalid DNS label: ${host}`));
    }
  }
  return errs;
}

/** The STATUS cell of `kubectl get jobs`. */
export function jobStatus(job: JobLike): string {
  const has = (t: string) => (job.status?.conditions ?? []).some((c) => c.type === t && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completionsCell(job: JobLike): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (typeof job.spec?.completions === 'number') return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function durationCell(job: JobLike, now: Date): string {
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
  if (Number.isNaN(start)) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now.getTime();
  return humanDuration(end - start);
}

export const jobs: ResourceDef = {
  group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', singular: 'job',
  namespaced: true, categories: ['all'],
  schema: JobSchema,
  subresources: { status: true },
  defaults: defaultJob,
  prepareForCreate(obj) {
    generateJobSelector(obj);
    // Kubernetes defaults a label-less job's labels from its template on every read, which by then
    // carries the generated labels: store that result.
    const labels = (obj as JobLike).spec?.template?.metadata?.labels;
    if (labels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
  },
  validate: (obj) => validateJob(obj as JobLike),
  validateUpdate: (obj, old) => validateJobSpecUpdate((obj as JobLike).spec ?? {}, (old as JobLike).spec ?? {}, old as JobLike),
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: {
    columns: [
      { name: 'Status', type: 'string', description: 'Status of the job.', priority: 0 },
      { name: 'Completions', type: 'string', description: 'Succeeded pods out of the required completions.', priority: 0 },
      { name: 'Duration', type: 'string', description: 'How long the job ran (or has been running).', priority: 0 },
      AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN,
    ],
    cells(obj, now) {
      const job = obj as JobLike;
      const [names, images] = containerCells(job.spec?.template);
      return [jobStatus(job), completionsCell(job), durationCell(job, now), ageCell(obj, now), names, images, formatLabelSelector(job.spec?.selector)];
    },
  },
  selectableFields: { 'status.successful': (o) => String((o as JobLike).status?.succeeded ?? 0) },
};
