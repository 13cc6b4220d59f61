/** apps/v1 Deployment: defaults, validation, update rules and the table kubectl shows. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';
import type { KObject } from '../../meta/object-meta.js';
import type { ResourceDef } from '../../resource.js';
import { defaultPodTemplateSpec } from '../core/pod/index.js';
import { DeploymentSchema } from './deployment-schema.js';
import { goIntOrString, goInvalid, goLabelSelector, goNotSupported, goPointer, goQuote } from './go-format.js';
import { isSelection, selectorFrom } from './label-selection.js';
import {
  AGE_COLUMN, ageCell, bumpGeneration, CONTAINERS_COLUMN, containerCells, ensureObject, IMAGES_COLUMN, SELECTOR_COLUMN,
} from './workload-common.js';
import {
  deepEqual, immutableSelector, intOrPercentValue, nonNegative, notMoreThan100Percent, validateIntOrPercent,
  validateRequiredSelector, validateTemplateForReplicas, type PodTemplateLike,
} from './workload-validation.js';

interface RollingUpdate { maxUnavailable?: number | string; maxSurge?: number | string }

export interface DeploymentLike extends KObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateLike;
    strategy?: { type?: string; rollingUpdate?: RollingUpdate };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    paused?: boolean;
    progressDeadlineSeconds?: number;
  };
  status?: {
    replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number;
    unavailableReplicas?: number; collisionCount?: number; observedGeneration?: number;
  };
}

/** SetDefaults_Deployment plus the pod template defaults. */
export function defaultDeployment(obj: KObject): void {
  const spec = ensureObject<NonNullable<DeploymentLike['spec']>>(obj, 'spec');
  spec.replicas ??= 1;
  const strategy = ensureObject<NonNullable<NonNullable<DeploymentLike['spec']>['strategy']>>(spec, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObject<RollingUpdate>(strategy, 'rollingUpdate');
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplateSpec(ensureObject<Record<string, unknown>>(spec, 'template'));
}

function validateStrategy(strategy: NonNullable<DeploymentLike['spec']>['strategy'], path: string): FieldError[] {
  const s = strategy ?? {};
  const type = s.type ?? '';
  switch (type) {
    case 'Recreate':
      return s.rollingUpdate ? [fe.forbidden(fe.child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [fe.required(fe.child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
      const p = fe.child(path, 'rollingUpdate');
      const errs: FieldError[] = [
        ...validateIntOrPercent(ru.maxUnavailable, fe.child(p, 'maxUnavailable')),
        ...validateIntOrPercent(ru.maxSurge, fe.child(p, 'maxSurge')),
      ];
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(goInvalid(fe.child(p, 'maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...notMoreThan100Percent(ru.maxUnavailable, fe.child(p, 'maxUnavailable')));
      return errs;
    }
    default: {
      const shown = `apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${goPointer('apps.RollingUpdateDeployment', s.rollingUpdate)}}`;
      return [goNotSupported(path, shown, ['Recreate', 'RollingUpdate'])];
    }
  }
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: DeploymentLike['spec'], path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [...nonNegative(s.replicas, fe.child(path, 'replicas'))];
  const sel = validateRequiredSelector(s.selector, fe.child(path, 'selector'), 'deployment');
  errs.push(...sel.errors);
  if (sel.selection) errs.push(...validateTemplateForReplicas(s.template, sel.selection, fe.child(path, 'template')));
  else errs.push(goInvalid(fe.child(path, 'selector'), goLabelSelector(s.selector), 'invalid label selector'));
  errs.push(...validateStrategy(s.strategy, fe.child(path, 'strategy')));
  errs.push(...nonNegative(s.minReadySeconds, fe.child(path, 'minReadySeconds')));
  errs.push(...nonNegative(s.revisionHistoryLimit, fe.child(path, 'revisionHistoryLimit')));
  if (typeof s.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(s.progressDeadlineSeconds, fe.child(path, 'progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(fe.invalid(fe.child(path, 'progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

function selectorText(sel: LabelSelector | undefined): string {
  const s = selectorFrom(sel);
  return isSelection(s) ? s.toString() : '<invalid>';
}

export const deployments: ResourceDef = {
  group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', singular: 'deployment',
  namespaced: true, shortNames: ['deploy'], categories: ['all'],
  schema: DeploymentSchema,
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' } },
  defaults: defaultDeployment,
  validate: (obj) => validateDeploymentSpec((obj as DeploymentLike).spec),
  validateUpdate(obj, old) {
    const n = obj as DeploymentLike;
    const o = old as DeploymentLike;
    return immutableSelector(n.spec?.selector, o.spec?.selector, 'spec.selector');
  },
  prepareForUpdate(obj, old) {
    // Spec changes and annotation changes (copied to ReplicaSets) both start a new generation.
    const changed = !deepEqual(obj.spec, old.spec) || !deepEqual(obj.metadata.annotations, old.metadata.annotations);
    bumpGeneration(obj, old, changed);
  },
  table: {
    columns: [
      { name: 'Ready', type: 'string', description: 'Ready pods out of the desired number.', priority: 0 },
      { name: 'Up-to-date', type: 'string', description: 'Pods running the current template.', priority: 0 },
      { name: 'Available', type: 'string', description: 'Pods available to serve.', priority: 0 },
      AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN,
    ],
    cells(obj, now) {
      const d = obj as DeploymentLike;
      const [names, images] = containerCells(d.spec?.template);
      return [
        `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0,
        ageCell(obj, now), names, images, selectorText(d.spec?.selector),
      ];
    },
  },
};
