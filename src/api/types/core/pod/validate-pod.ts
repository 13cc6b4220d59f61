/**
 * Validation of whole pods and pod templates: ValidatePodCreate, ValidatePodUpdate (the spec is
 * immutable but for images, activeDeadlineSeconds, added tolerations and a few more) and
 * ValidatePodTemplateSpec for the templates of workload kinds.
 */
import * as fe from '../../../meta/field-errors.js';
import type { FieldError } from '../../../meta/field-errors.js';
import { validateAnnotations, validateLabels } from '../../../meta/validate-meta.js';
import { validateTolerations } from '../common/validate-toleration.js';
import { semanticEqual } from './semantic-equal.js';
import { entry, inclusiveRange, isObj, list, type Obj } from './validate-helpers.js';
import { validatePodSpecWith } from './validate-pod-spec.js';
import type { Container, Pod, PodSpec, Toleration } from './types.js';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function podAnnotations(annotations: Record<string, string> | undefined, spec: PodSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const a = annotations ?? {};
  if (MIRROR_ANNOTATION in a && !spec.nodeName) {
    errs.push(fe.invalid(`${path}[${MIRROR_ANNOTATION}]`, a[MIRROR_ANNOTATION], 'must set spec.nodeName if mirror pod annotation is set'));
  }
  if (DELETION_COST in a) {
    const v = a[DELETION_COST];
    const n = /^[+-]?\d+$/.test(v) ? Number(v) : NaN;
    if (!(n >= -2147483648 && n <= 2147483647)) errs.push(fe.invalid(`${path}[${DELETION_COST}]`, v, 'must be a 32bit integer'));
  }
  return errs;
}

function imageWhitespace(containers: Container[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  list(containers).forEach((raw, i) => {
    const image = entry(raw).image;
    if (typeof image === 'string' && image.trim() !== image) {
      errs.push(fe.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    }
  });
  return errs;
}

/**
 * validatePodMetadataAndSpec (metadata itself is checked by the server): what a pod must satisfy
 * on create and on every update.
 */
export function validatePod(pod: Pod): FieldError[] {
  const spec = entry(pod.spec);
  const errs = podAnnotations(pod.metadata?.annotations, spec, 'metadata.annotations');
  errs.push(...validatePodSpecWith(spec as Obj, 'spec', { podName: pod.metadata?.name, resourceIsPod: true }));
  if (!spec.serviceAccountName) {
    list(spec.volumes).forEach((v, vi) => {
      const projected = entry(v).projected;
      if (!isObj(projected)) return;
      list(projected.sources as Obj[]).forEach((s, si) => {
        if (isObj(entry(s).serviceAccountToken)) {
          errs.push(fe.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...imageWhitespace(spec.containers, 'spec.containers'));
  errs.push(...imageWhitespace(spec.initContainers, 'spec.initContainers'));
  return errs;
}

/** The checks ValidatePodCreate adds for new pods only. */
export function validatePodCreateOnly(pod: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const spec = entry(pod.spec);
  if (list(spec.ephemeralContainers).length > 0) errs.push(fe.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (spec.nodeName && list(spec.schedulingGates).length > 0) {
    errs.push(fe.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** ValidatePodCreate: validatePod plus the create-only checks. */
export function validatePodCreate(pod: Pod): FieldError[] {
  return [...validatePod(pod), ...validatePodCreateOnly(pod)];
}

export const UPDATABLE_POD_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function containerUpdates(next: Container[] | undefined, prev: Container[] | undefined, path: string): { errs: FieldError[]; stop: boolean } {
  const n = list(next);
  if (n.length !== list(prev).length) return { errs: [fe.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((raw, i) => {
    const image = entry(raw).image ?? '';
    if (!image) errs.push(fe.required(`${path}[${i}].image`, ''));
    if (image.trim() !== image) errs.push(fe.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(next: Toleration[], prev: Toleration[], path: string): FieldError[] {
  for (const old of prev) {
    const found = next.some((t) => semanticEqual({ ...entry(old), tolerationSeconds: entry(t).tolerationSeconds }, entry(t)));
    if (!found) return [fe.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, path);
}

/** A short account of which spec fields differ, in the spirit of the diff Kubernetes appends. */
function specDiff(prev: Obj, next: Obj): string {
  const keys = [...new Set([...Object.keys(prev), ...Object.keys(next)])].sort();
  const lines = ['  core.PodSpec{'];
  for (const k of keys) {
    if (semanticEqual(prev[k], next[k])) continue;
    if (prev[k] !== undefined) lines.push(`- \t${k}: ${JSON.stringify(prev[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${k}: ${JSON.stringify(next[k])},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

/**
 * The update rules of ValidatePodUpdate, without re-checking the new pod itself (the server runs
 * validatePod on it as well).
 */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const errs: FieldError[] = [];
  const spec = entry(pod.spec);
  const prev = entry(old.spec);
  for (const [key, path] of [['containers', 'spec.containers'], ['initContainers', 'spec.initContainers']] as const) {
    const r = containerUpdates(spec[key], prev[key], path);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2147483647) {
      errs.push(fe.invalid('spec.activeDeadlineSeconds', ads, inclusiveRange(0, 2147483647)));
      return errs;
    }
    if (typeof prev.activeDeadlineSeconds === 'number' && prev.activeDeadlineSeconds < ads) {
      errs.push(fe.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof prev.activeDeadlineSeconds === 'number') {
    errs.push(fe.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(list(spec.tolerations), list(prev.tolerations), 'spec.tolerations'));
  const nextGates = list(spec.schedulingGates).map((g) => entry(g).name ?? '');
  const oldGates = new Set(list(prev.schedulingGates).map((g) => entry(g).name ?? ''));
  nextGates.forEach((g, i) => {
    if (!oldGates.has(g)) errs.push(fe.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${g}'`));
  });
  if (semanticEqual(spec, prev)) return errs;
  const munged: Obj = structuredClone(spec) as Obj;
  for (const key of ['containers', 'initContainers'] as const) {
    const list_ = munged[key];
    if (Array.isArray(list_)) {
      list_.forEach((c, i) => {
        if (isObj(c)) c.image = entry(list(prev[key])[i]).image;
      });
    }
  }
  munged.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  munged.schedulingGates = prev.schedulingGates;
  munged.tolerations = prev.tolerations;
  if (typeof prev.terminationGracePeriodSeconds === 'number' && prev.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  }
  if (list(prev.schedulingGates).length > 0) mungeGatedScheduling(munged, prev, errs);
  if (!semanticEqual(munged, prev)) {
    errs.push(fe.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_FIELDS.join(',')}\n${specDiff(prev as Obj, munged)}`));
  }
  return errs;
}

/** Gated pods may gain node selector entries and node affinity requirements (only additions). */
function mungeGatedScheduling(munged: Obj, prev: PodSpec, errs: FieldError[]): void {
  const next = isObj(munged.nodeSelector) ? munged.nodeSelector as Record<string, string> : {};
  const old = prev.nodeSelector ?? {};
  if (!semanticEqual(next, old)) {
    if (Object.entries(old).some(([k, v]) => next[k] !== v)) {
      errs.push(fe.invalid('spec.nodeSelector', next, 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
    }
    munged.nodeSelector = prev.nodeSelector;
  }
  const oldAffinity = prev.affinity?.nodeAffinity;
  const nextAffinity = isObj(munged.affinity) ? (munged.affinity as Obj).nodeAffinity : undefined;
  if (!semanticEqual(oldAffinity, nextAffinity)) {
    if (isObj(munged.affinity)) (munged.affinity as Obj).nodeAffinity = oldAffinity;
    else munged.affinity = prev.affinity;
  }
}

/** ValidatePodTemplateSpec: the template's labels and annotations, its spec, no ephemeral containers. */
export function validatePodTemplateSpec(tpl: Record<string, unknown>, path: string): FieldError[] {
  const meta = entry(tpl.metadata as Obj | undefined);
  const spec = entry(tpl.spec as Obj | undefined) as PodSpec;
  const errs: FieldError[] = [];
  const labels = isObj(meta.labels) ? meta.labels as Record<string, string> : undefined;
  const annotations = isObj(meta.annotations) ? meta.annotations as Record<string, string> : undefined;
  errs.push(...validateLabels(labels, fe.child(path, 'labels')));
  errs.push(...validateAnnotations(annotations, fe.child(path, 'annotations')));
  errs.push(...podAnnotations(annotations, spec, fe.child(path, 'annotations')));
  errs.push(...validatePodSpecWith(spec as Obj, fe.child(path, 'spec'), {}));
  if (list(spec.ephemeralContainers).length > 0) {
    errs.push(fe.forbidden(fe.child(fe.child(path, 'spec'), 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}
