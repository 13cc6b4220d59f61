/** apps/v1 StatefulSet: defaults, validation (including which spec fields may change) and table. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import type { LabelSelector } from '../../meta/label-selector.js';
import { isDNS1123Label } from '../../meta/names.js';
import type { KObject } from '../../meta/object-meta.js';
import { validateAnnotations, validateLabels } from '../../meta/validate-meta.js';
import type { ResourceDef } from '../../resource.js';
import { defaultPodTemplateSpec } from '../core/pod/index.js';
import { defaultClaimTemplate } from './claim-template.js';
import { goIntOrString, goInvalid, goLabelSelector, goPointer, goQuote } from './go-format.js';
import { StatefulSetSchema } from './statefulset-schema.js';
import { AGE_COLUMN, ageCell, bumpGeneration, CONTAINERS_COLUMN, containerCells, ensureObject, IMAGES_COLUMN, specChanged } from './workload-common.js';
import {
  deepEqual, intOrPercentValue, nonNegative, notMoreThan100Percent, restartAlways, selectorMismatch, validateIntOrPercent,
  validateRequiredSelector, type PodTemplateLike,
} from './workload-validation.js';

interface RollingUpdate { partition?: number; maxUnavailable?: number | string }
interface Spec {
  replicas?: number;
  selector?: LabelSelector;
  template?: PodTemplateLike;
  volumeClaimTemplates?: Array<Record<string, unknown>>;
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: RollingUpdate };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
}

export interface StatefulSetLike extends KObject {
  spec?: Spec;
  status?: { replicas?: number; readyReplicas?: number };
}

/** SetDefaults_StatefulSet plus template and claim template defaults. */
export function defaultStatefulSet(obj: KObject): void {
  const spec = ensureObject<Spec>(obj, 'spec');
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  // apps/v1 (to 1.32) declares serviceName without omitempty: an absent name reads as "".
  spec.serviceName ??= '';
  const st = ensureObject<NonNullable<Spec['updateStrategy']>>(spec, 'updateStrategy');
  if (!st.type) {
    st.type = 'RollingUpdate';
    st.rollingUpdate ??= {};
  }
  if (st.type === 'RollingUpdate' && st.rollingUpdate) st.rollingUpdate.partition ??= 0;
  const retention = ensureObject<NonNullable<Spec['persistentVolumeClaimRetentionPolicy']>>(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec(ensureObject<Record<string, unknown>>(spec, 'template'));
  for (const claim of spec.volumeClaimTemplates ?? []) defaultClaimTemplate(claim);
}

function retentionValue(v: string | undefined, path: string): FieldError[] {
  return v === 'Retain' || v === 'Delete' ? [] : [fe.notSupported(path, v ?? '', ['Retain', 'Delete'])];
}

function goRollingUpdate(ru: RollingUpdate): string {
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${goPointer('intstr.IntOrString', ru.maxUnavailable)}}`;
}

function validateStrategy(st: Spec['updateStrategy'], path: string): FieldError[] {
  const s = st ?? {};
  const ruPath = fe.child(path, 'rollingUpdate');
  switch (s.type ?? '') {
    case '': return [fe.required(path, '')];
    case 'OnDelete':
      return s.rollingUpdate ? [goInvalid(ruPath, goRollingUpdate(s.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [];
      const errs = nonNegative(ru.partition, fe.child(ruPath, 'partition'));
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
        const p = fe.child(ruPath, 'maxUnavailable');
        errs.push(...validateIntOrPercent(ru.maxUnavailable, p));
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(goInvalid(p, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        errs.push(...notMoreThan100Percent(ru.maxUnavailable, p));
      }
      return errs;
    }
    default: {
      const shown = `apps.StatefulSetUpdateStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:${goPointer('apps.RollingUpdateStatefulSetStrategy', s.rollingUpdate)}}`;
      return [goInvalid(path, shown, "must be 'RollingUpdate' or 'OnDelete'")];
    }
  }
}

/** ValidateStatefulSetSpec. Only the template's labels and annotations are checked, as in Kubernetes. */
export function validateStatefulSetSpec(spec: Spec | undefined, path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const pmp = s.podManagementPolicy ?? '';
  if (pmp === '') errs.push(fe.required(fe.child(path, 'podManagementPolicy'), ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fe.invalid(fe.child(path, 'podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  errs.push(...validateStrategy(s.updateStrategy, fe.child(path, 'updateStrategy')));
  const retention = s.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    const rp = fe.child(path, 'persistentVolumeClaimRetentionPolicy');
    errs.push(...retentionValue(retention.whenDeleted, fe.child(rp, 'whenDeleted')), ...retentionValue(retention.whenScaled, fe.child(rp, 'whenScaled')));
  }
  errs.push(...nonNegative(s.replicas, fe.child(path, 'replicas')), ...nonNegative(s.minReadySeconds, fe.child(path, 'minReadySeconds')));
  if (s.ordinals) errs.push(...nonNegative(s.ordinals.start, fe.child(path, 'ordinals.start')));
  const sel = validateRequiredSelector(s.selector, fe.child(path, 'selector'), 'statefulset');
  errs.push(...sel.errors);
  const tpl = s.template ?? {};
  const tplPath = fe.child(path, 'template');
  if (!sel.selection) {
    errs.push(goInvalid(fe.child(path, 'selector'), goLabelSelector(s.selector), ''));
  } else {
    if (!sel.selection.empty && !sel.selection.matches(tpl.metadata?.labels)) {
      errs.push(selectorMismatch(fe.child(tplPath, 'metadata.labels'), tpl.metadata?.labels));
    }
    errs.push(...validateLabels(tpl.metadata?.labels, fe.child(tplPath, 'labels')));
    errs.push(...validateAnnotations(tpl.metadata?.annotations, fe.child(tplPath, 'annotations')));
  }
  errs.push(...restartAlways(tpl, tplPath, 'StatefulSet'));
  return errs;
}

const MUTABLE: ReadonlyArray<keyof Spec> = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

/** ValidateStatefulSetUpdate: only some spec fields may change. */
export function validateStatefulSetUpdate(next: Spec | undefined, prev: Spec | undefined): FieldError[] {
  const a: Record<string, unknown> = { ...next };
  const b: Record<string, unknown> = { ...prev };
  for (const k of MUTABLE) { delete a[k]; delete b[k]; }
  if (deepEqual(a, b)) return [];
  return [fe.forbidden('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")];
}

export const statefulsets: ResourceDef = {
  group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', singular: 'statefulset',
  namespaced: true, shortNames: ['sts'], categories: ['all'],
  schema: StatefulSetSchema,
  nameValidator: isDNS1123Label,
  subresources: { status: true, scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas', labelSelectorPath: 'spec.selector' } },
  defaults: defaultStatefulSet,
  validate: (obj) => validateStatefulSetSpec((obj as StatefulSetLike).spec),
  validateUpdate: (obj, old) => validateStatefulSetUpdate((obj as StatefulSetLike).spec, (old as StatefulSetLike).spec),
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: {
    columns: [
      { name: 'Ready', type: 'string', description: 'Ready pods out of the desired number.', priority: 0 },
      AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN,
    ],
    cells(obj, now) {
      const s = obj as StatefulSetLike;
      const [names, images] = containerCells(s.spec?.template);
      return [`${s.status?.readyReplicas ?? 0}/${s.spec?.replicas ?? 0}`, ageCell(obj, now), names, images];
    },
  },
};
