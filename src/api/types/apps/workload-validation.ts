/**
 * Validation shared by the pod controllers: the selector-versus-template rules of ReplicaSets,
 * Deployments and StatefulSets, and the restart policy a controller's pods must have.
 */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { validatePodTemplateSpec } from '../core/pod/index.js';
import { goInvalid, goLabelSelector, goStringMap } from './go-format.js';
import { isSelection, selectorFrom, type Selection } from './label-selection.js';

export * from './value-rules.js';

/** The pod template fields the workload rules look at. */
export interface PodTemplateLike {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: {
    restartPolicy?: string;
    activeDeadlineSeconds?: number;
    nodeSelector?: Record<string, string>;
    containers?: Array<{ name?: string; image?: string }>;
    initContainers?: Array<{ name?: string; image?: string }>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** The "`selector` does not match template `labels`" error. */
export function selectorMismatch(path: string, labels: Record<string, string> | undefined): FieldError {
  return goInvalid(path, goStringMap(labels), '`selector` does not match template `labels`');
}

/**
 * The selector part of ReplicaSet/Deployment/StatefulSet specs: required, well formed, not empty.
 * Returns the errors and the converted selection (undefined when malformed).
 */
export function validateRequiredSelector(
  sel: LabelSelector | undefined, path: string, kindWord: string,
): { errors: FieldError[]; selection?: Selection } {
  const errors: FieldError[] = [];
  if (sel === undefined || sel === null) {
    errors.push(fe.required(path, ''));
  } else {
    errors.push(...validateLabelSelector(sel, path));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errors.push(goInvalid(path, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
    }
  }
  const s = selectorFrom(sel);
  return { errors, selection: isSelection(s) ? s : undefined };
}

/**
 * ValidatePodTemplateSpecForReplicaSet: labels must match the selector, the pod template must be
 * valid, restartPolicy must be Always and activeDeadlineSeconds unset.
 */
export function validateTemplateForReplicas(
  tpl: PodTemplateLike | undefined, selection: Selection, path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const t = tpl ?? {};
  const labels = t.metadata?.labels;
  if (!selection.empty && !selection.matches(labels)) errs.push(selectorMismatch(fe.child(path, 'metadata.labels'), labels));
  errs.push(...validatePodTemplateSpec(t as Record<string, unknown>, path));
  errs.push(...restartAlways(t, path, 'ReplicaSet'));
  return errs;
}

/** restartPolicy must be Always; activeDeadlineSeconds is not allowed (kind names the message). */
export function restartAlways(t: PodTemplateLike, path: string, kindWord: string): FieldError[] {
  const errs: FieldError[] = [];
  const policy = t.spec?.restartPolicy ?? '';
  if (policy !== 'Always') errs.push(fe.notSupported(fe.child(path, 'spec.restartPolicy'), policy, ['Always']));
  if (t.spec?.activeDeadlineSeconds !== undefined && t.spec?.activeDeadlineSeconds !== null) {
    errs.push(fe.forbidden(fe.child(path, 'spec.activeDeadlineSeconds'), `activeDeadlineSeconds in ${kindWord} is not Supported`));
  }
  return errs;
}

/** "cannot be decremented" for status.collisionCount. */
export function collisionNotDecremented(next: number | undefined, prev: number | undefined, path: string): FieldError[] {
  if (prev === undefined || prev === null) return [];
  if (next !== undefined && next !== null && next >= prev) return [];
  return [fe.invalid(path, next ?? 0, 'cannot be decremented')];
}
