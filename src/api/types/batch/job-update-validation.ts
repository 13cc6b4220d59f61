/**
 * What a Job update may change: completions only in step with parallelism for indexed jobs, the pod
 * template only in its scheduling directives while the job is suspended and has never started,
 * and a list of fields not at all.
 */
import type { FieldError } from '../../meta/field-errors.js';
import { goInvalid, goQuote } from '../apps/go-format.js';
import { deepEqual, immutableSelector, type PodTemplateLike } from '../apps/workload-validation.js';
import type { JobSpecLike } from './job-spec-validation.js';

interface OldJob { spec?: JobSpecLike; status?: { startTime?: string } }

const IMMUTABLE_TEXT = 'field is immutable';

function immutable(next: unknown, prev: unknown, path: string, shown: string): FieldError[] {
  return deepEqual(next, prev) ? [] : [goInvalid(path, shown, IMMUTABLE_TEXT)];
}

function shownPointer(v: unknown, goType: string): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return String(v);
  return `${goType}{…}`;
}

/** The template an update is compared with, after allowing scheduling-directive changes. */
function comparableOldTemplate(next: PodTemplateLike, prev: PodTemplateLike, allowScheduling: boolean): PodTemplateLike {
  if (!allowScheduling) return prev;
  const old = structuredClone(prev) as PodTemplateLike & { spec: Record<string, unknown>; metadata: Record<string, unknown> };
  old.spec ??= {};
  old.metadata ??= {};
  const nextSpec = (next.spec ?? {}) as Record<string, unknown>;
  const newAff = nextSpec.affinity as Record<string, unknown> | undefined;
  const oldAff = old.spec.affinity as Record<string, unknown> | undefined;
  if (!newAff && oldAff) {
    delete oldAff.nodeAffinity;
    if (Object.keys(oldAff).length === 0) delete old.spec.affinity;
  } else if (newAff && !oldAff) {
    old.spec.affinity = newAff.nodeAffinity === undefined ? {} : { nodeAffinity: newAff.nodeAffinity };
  } else if (newAff && oldAff) {
    oldAff.nodeAffinity = newAff.nodeAffinity;
  }
  for (const k of ['nodeSelector', 'tolerations', 'schedulingGates']) old.spec[k] = nextSpec[k];
  old.metadata.annotations = next.metadata?.annotations;
  old.metadata.labels = next.metadata?.labels;
  return old;
}

function validateCompletions(spec: JobSpecLike, prev: JobSpecLike): FieldError[] {
  const path = 'spec.completions';
  const shown = shownPointer(spec.completions, '');
  if (spec.completionMode !== 'Indexed') return immutable(spec.completions, prev.completions, path, shown);
  if (deepEqual(spec.completions, prev.completions) || spec.completions === undefined) return [];
  if (spec.completions !== spec.parallelism) return [goInvalid(path, shown, 'can only be modified in tandem with spec.parallelism')];
  return [];
}

/** ValidateJobSpecUpdate (the rules beyond validating the new spec). */
export function validateJobSpecUpdate(spec: JobSpecLike, prev: JobSpecLike, old: OldJob): FieldError[] {
  const allowScheduling = prev.suspend === true && !old.status?.startTime;
  const tpl = spec.template ?? {};
  const oldTpl = comparableOldTemplate(tpl, prev.template ?? {}, allowScheduling);
  return [
    ...validateCompletions(spec, prev),
    ...immutableSelector(spec.selector, prev.selector, 'spec.selector'),
    ...immutable(tpl, oldTpl, 'spec.template', 'core.PodTemplateSpec{…}'),
    ...immutable(spec.completionMode, prev.completionMode, 'spec.completionMode', shownPointer(spec.completionMode, '')),
    ...immutable(spec.podFailurePolicy, prev.podFailurePolicy, 'spec.podFailurePolicy', shownPointer(spec.podFailurePolicy, 'batch.PodFailurePolicy')),
    ...immutable(spec.backoffLimitPerIndex, prev.backoffLimitPerIndex, 'spec.backoffLimitPerIndex', shownPointer(spec.backoffLimitPerIndex, '')),
    ...immutable(spec.managedBy, prev.managedBy, 'spec.managedBy', shownPointer(spec.managedBy, '')),
    ...immutable(spec.successPolicy, prev.successPolicy, 'spec.successPolicy', shownPointer(spec.successPolicy, 'batch.SuccessPolicy')),
  ];
}
