/** apps/v1 DaemonSet: one pod on every (selected) node. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { enumOf, field, int32, int64, intOrString, listOf, object, string, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { defaultPodTemplateSpec, PodTemplateSpecSchema, validatePodTemplateSpec } from '../core/pod/index.js';
import { goInvalid, goIntOrString, goLabelSelector, goNotSupported, goPointer, goQuote } from './go-format.js';
import { formatLabels, formatLabelSelector, isSelection, selectorFrom } from './label-selection.js';
import {
  AGE_COLUMN, ageCell, CONTAINERS_COLUMN, containerCells, ensureObject, IMAGES_COLUMN, SELECTOR_COLUMN,
} from './workload-common.js';
import {
  deepEqual, immutableSelector, intOrPercentValue, nonNegative, notMoreThan100Percent, restartAlways, selectorMismatch,
  validateIntOrPercent, type PodTemplateLike,
} from './workload-validation.js';

/** The annotation that carries the template generation in apps/v1. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

const conditionSchema = object('io.k8s.api.apps.v1.DaemonSetCondition', 'One observation about a daemon set.', () => ({
  type: field(string, 'Kind of condition.', { required: true, proto: 1 }),
  status: field(string, 'True, False or Unknown.', { required: true, proto: 2 }),
  lastTransitionTime: field(time, 'When the status last changed.', { proto: 3 }),
  reason: field(string, 'One-word CamelCase cause of the last transition.', { proto: 4 }),
  message: field(string, 'Human-readable details.', { proto: 5 }),
}));

export const DaemonSetUpdateStrategySchema = object('io.k8s.api.apps.v1.DaemonSetUpdateStrategy', 'How pods are replaced when the template changes.', () => ({
  type: field(enumOf('OnDelete', 'RollingUpdate'), 'RollingUpdate (the default) or OnDelete (replace only pods that are deleted).', { proto: 1 }),
  rollingUpdate: field(object('io.k8s.api.apps.v1.RollingUpdateDaemonSet', 'Pacing of a daemon set rolling update.', () => ({
    maxUnavailable: field(intOrString, 'How many nodes (or what percentage) may lack a ready pod during the update; default 1.', { proto: 1 }),
    maxSurge: field(intOrString, 'How many nodes (or what percentage) may run an extra new pod during the update; default 0.', { proto: 2 }),
  })), 'Pacing of a rolling update; only with type RollingUpdate.', { proto: 2 }),
}));

export const DaemonSetSchema = object('io.k8s.api.apps.v1.DaemonSet', 'Runs a copy of a pod on each eligible node.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.apps.v1.DaemonSetSpec', 'Desired state of a daemon set.', () => ({
    selector: field(LabelSelectorSchema, 'Which pods belong to the daemon set; must match the template labels.', { required: true, proto: 1 }),
    template: field(PodTemplateSpecSchema, 'The pod to run on each node.', { required: true, proto: 2 }),
    updateStrategy: field(DaemonSetUpdateStrategySchema, 'How to replace pods after a template change.', { proto: 3 }),
    minReadySeconds: field(int32, 'Seconds a new pod must be ready, without crashing, to count as available.', { proto: 4 }),
    revisionHistoryLimit: field(int32, 'How many old revisions to keep for rollback; default 10.', { proto: 6 }),
  })), 'Desired state of the daemon set.', { proto: 2 }),
  status: field(object('io.k8s.api.apps.v1.DaemonSetStatus', 'Observed state of a daemon set.', () => ({
    currentNumberScheduled: field(int32, 'Nodes running at least one daemon pod that should.', { required: true, proto: 1 }),
    numberMisscheduled: field(int32, 'Nodes running a daemon pod that should not.', { required: true, proto: 2 }),
    desiredNumberScheduled: field(int32, 'Nodes that should run the daemon pod.', { required: true, proto: 3 }),
    numberReady: field(int32, 'Nodes whose daemon pod is ready.', { required: true, proto: 4 }),
    observedGeneration: field(int64, 'The generation the controller last acted on.', { proto: 5 }),
    updatedNumberScheduled: field(int32, 'Nodes running the current template.', { proto: 6 }),
    numberAvailable: field(int32, 'Nodes whose daemon pod has been ready for minReadySeconds.', { proto: 7 }),
    numberUnavailable: field(int32, 'Nodes that should run an available daemon pod and do not.', { proto: 8 }),
    collisionCount: field(int32, 'Counter used to avoid name collisions of revisions.', { proto: 9 }),
    conditions: field(listOf(conditionSchema), 'Latest observations of the daemon set.', {
      proto: 10, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
    }),
  })), 'Observed state of the daemon set.', { proto: 3 }),
}), { gvk: { group: 'apps', version: 'v1', kind: 'DaemonSet' } });

interface Strategy { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } }

export interface DaemonSetLike extends KObject {
  spec?: { selector?: LabelSelector; template?: PodTemplateLike; updateStrategy?: Strategy; minReadySeconds?: number; revisionHistoryLimit?: number };
  status?: { desiredNumberScheduled?: number; currentNumberScheduled?: number; numberReady?: number; updatedNumberScheduled?: number; numberAvailable?: number };
}

function validateUpdateStrategy(st: Strategy | undefined, path: string): FieldError[] {
  const s = st ?? {};
  switch (s.type) {
    case 'OnDelete': return [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      const p = fe.child(path, 'rollingUpdate');
      if (!ru) return [fe.required(p, '')];
      const errs = [
        ...validateIntOrPercent(ru.maxUnavailable, fe.child(p, 'maxUnavailable')),
        ...validateIntOrPercent(ru.maxSurge, fe.child(p, 'maxSurge')),
        ...notMoreThan100Percent(ru.maxUnavailable, fe.child(p, 'maxUnavailable')),
        ...notMoreThan100Percent(ru.maxSurge, fe.child(p, 'maxSurge')),
      ];
      const unavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const surge = intOrPercentValue(ru.maxSurge) !== 0;
      if (unavailable && surge) errs.push(goInvalid(fe.child(p, 'maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      if (!unavailable && !surge) errs.push(fe.required(fe.child(p, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      return errs;
    }
    default: {
      const shown = `apps.DaemonSetUpdateStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:${goPointer('apps.RollingUpdateDaemonSet', s.rollingUpdate)}}`;
      return [goNotSupported(path, shown, ['RollingUpdate', 'OnDelete'])];
    }
  }
}

/** ValidateDaemonSetSpec. */
export function validateDaemonSetSpec(spec: DaemonSetLike['spec'], path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [...validateLabelSelector(s.selector, fe.child(path, 'selector'))];
  const tpl = s.template ?? {};
  const sel = selectorFrom(s.selector);
  if (isSelection(sel) && !sel.matches(tpl.metadata?.labels)) {
    errs.push(selectorMismatch(fe.child(path, 'template.metadata.labels'), tpl.metadata?.labels));
  }
  if (s.selector && Object.keys(s.selector.matchLabels ?? {}).length + (s.selector.matchExpressions ?? []).length === 0) {
    errs.push(goInvalid(fe.child(path, 'selector'), goLabelSelector(s.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(tpl as Record<string, unknown>, fe.child(path, 'template')));
  errs.push(...restartAlways(tpl, fe.child(path, 'template'), 'DaemonSet'));
  errs.push(...nonNegative(s.minReadySeconds, fe.child(path, 'minReadySeconds')));
  errs.push(...validateUpdateStrategy(s.updateStrategy, fe.child(path, 'updateStrategy')));
  errs.push(...nonNegative(s.revisionHistoryLimit, fe.child(path, 'revisionHistoryLimit')));
  return errs;
}

function templateGeneration(obj: KObject): number {
  const v = Number(obj.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION]);
  return Number.isInteger(v) ? v : 0;
}

function setTemplateGeneration(obj: KObject, n: number): void {
  obj.metadata.annotations = { ...obj.metadata.annotations, [TEMPLATE_GENERATION_ANNOTATION]: String(n) };
}

export const daemonsets: ResourceDef = {
  group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', singular: 'daemonset',
  namespaced: true, shortNames: ['ds'], categories: ['all'],
  schema: DaemonSetSchema,
  subresources: { status: true },
  defaults(obj) {
    const spec = ensureObject<NonNullable<DaemonSetLike['spec']>>(obj, 'spec');
    const st = ensureObject<Strategy>(spec, 'updateStrategy');
    if (!st.type) st.type = 'RollingUpdate';
    if (st.type === 'RollingUpdate') {
      const ru = ensureObject<NonNullable<Strategy['rollingUpdate']>>(st, 'rollingUpdate');
      ru.maxUnavailable ??= 1;
      ru.maxSurge ??= 0;
    }
    spec.revisionHistoryLimit ??= 10;
    defaultPodTemplateSpec(ensureObject<Record<string, unknown>>(spec, 'template'));
  },
  validate: (obj) => validateDaemonSetSpec((obj as DaemonSetLike).spec),
  validateUpdate: (obj, old) => immutableSelector((obj as DaemonSetLike).spec?.selector, (old as DaemonSetLike).spec?.selector, 'spec.selector'),
  prepareForCreate(obj) {
    if (templateGeneration(obj) < 1) setTemplateGeneration(obj, 1);
  },
  prepareForUpdate(obj, old) {
    const n = obj as DaemonSetLike;
    const o = old as DaemonSetLike;
    const prevGeneration = old.metadata.generation ?? 1;
    const templateChanged = !deepEqual(n.spec?.template, o.spec?.template);
    setTemplateGeneration(obj, templateGeneration(old) + (templateChanged ? 1 : 0));
    obj.metadata.generation = templateChanged || !deepEqual(n.spec, o.spec) ? prevGeneration + 1 : prevGeneration;
  },
  table: {
    columns: [
      { name: 'Desired', type: 'integer', description: 'Nodes that should run the daemon pod.', priority: 0 },
      { name: 'Current', type: 'integer', description: 'Nodes running the daemon pod.', priority: 0 },
      { name: 'Ready', type: 'integer', description: 'Nodes whose daemon pod is ready.', priority: 0 },
      { name: 'Up-to-date', type: 'integer', description: 'Nodes running the current template.', priority: 0 },
      { name: 'Available', type: 'integer', description: 'Nodes whose daemon pod is available.', priority: 0 },
      { name: 'Node Selector', type: 'string', description: 'The node selector of the pod template.', priority: 0 },
      AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, SELECTOR_COLUMN,
    ],
    cells(obj, now) {
      const ds = obj as DaemonSetLike;
      const st = ds.status ?? {};
      const [names, images] = containerCells(ds.spec?.template);
      return [
        st.desiredNumberScheduled ?? 0, st.currentNumberScheduled ?? 0, st.numberReady ?? 0, st.updatedNumberScheduled ?? 0,
        st.numberAvailable ?? 0, formatLabels(ds.spec?.template?.spec?.nodeSelector), ageCell(obj, now), names, images,
        formatLabelSelector(ds.spec?.selector),
      ];
    },
  },
};
