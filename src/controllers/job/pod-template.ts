/**
 * The pods a Job creates: its template's labels, annotations and spec, the tracking finalizer and a
 * controller reference to the Job, named "<job>-" plus a random suffix. For an Indexed Job each pod
 * also carries its index (annotation and label batch.kubernetes.io/job-completion-index, env
 * JOB_COMPLETION_INDEX in every container, hostname "<job>-<index>", name "<job>-<index>-…"), and
 * with backoffLimitPerIndex the failure counts of the index so far.
 */
import type { OwnerReference } from '../../api/index.js';
import type { Container } from '../../api/types/core/pod/index.js';
import {
  COMPLETION_INDEX_ANNOTATION, COMPLETION_INDEX_ENV, INDEX_FAILURE_COUNT_ANNOTATION, INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  JOB_TRACKING_FINALIZER, type Job, type Pod,
} from './types.js';

/** Longest generateName the API server accepts with its 5-character suffix in a 63-character name. */
const MAX_GENERATE_NAME = 58;

export function jobOwnerRef(job: Job): OwnerReference {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name ?? '', uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function generateNameFor(jobName: string, index?: number): string {
  if (index === undefined) {
    const prefix = `${jobName}-`;
    return prefix.length > MAX_GENERATE_NAME ? prefix.slice(0, MAX_GENERATE_NAME) : prefix;
  }
  const suffix = `-${index}-`;
  const prefix = `${jobName}${suffix}`;
  return prefix.length > MAX_GENERATE_NAME ? prefix.slice(0, MAX_GENERATE_NAME - suffix.length) + suffix : prefix;
}

function withIndexEnv(c: Container): Container {
  if ((c.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) return c;
  const env = [...(c.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${COMPLETION_INDEX_ANNOTATION}']` } } }];
  return { ...c, env };
}

export interface IndexFailureCounts { failed: number; ignored: number }

/** A new pod for the Job; `index` for Indexed Jobs, `counts` with backoffLimitPerIndex. */
export function newJobPod(job: Job, index?: number, counts?: IndexFailureCounts): Pod {
  const tpl = job.spec?.template ?? {};
  const meta = tpl.metadata ?? {};
  const labels: Record<string, string> = { ...meta.labels };
  const annotations: Record<string, string> = { ...meta.annotations };
  const finalizers = [...(meta.finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  const spec = structuredClone(tpl.spec ?? {});
  if (index !== undefined) {
    annotations[COMPLETION_INDEX_ANNOTATION] = String(index);
    labels[COMPLETION_INDEX_ANNOTATION] = String(index);
    spec.hostname = `${job.metadata.name ?? ''}-${index}`;
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndexEnv);
    if (spec.containers) spec.containers = spec.containers.map(withIndexEnv);
    if (counts) {
      annotations[INDEX_FAILURE_COUNT_ANNOTATION] = String(counts.failed);
      if (counts.ignored > 0) annotations[INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(counts.ignored);
    }
  }
  const pod: Pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: generateNameFor(job.metadata.name ?? '', index), namespace: job.metadata.namespace,
      labels, finalizers, ownerReferences: [jobOwnerRef(job)],
    },
    spec,
  };
  if (Object.keys(annotations).length) pod.metadata.annotations = annotations;
  return pod;
}
