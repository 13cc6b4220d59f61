/** policy/v1 PodDisruptionBudget: limits how many pods of an application voluntary evictions may take down. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { ConditionSchema } from '../../meta/condition.js';
import { LabelSelectorSchema, type LabelSelector } from '../../meta/label-selector.js';
import type { KObject } from '../../meta/object-meta.js';
import { kindFields } from '../../meta/type-fields.js';
import { validateLabelSelector } from '../../meta/validate-meta.js';
import { enumOf, field, int32, int64, intOrString, listOf, mapOf, object, time } from '../../schema/build.js';
import type { ResourceDef } from '../../resource.js';
import { goInvalid, goPointer } from '../apps/go-format.js';
import { AGE_COLUMN, ageCell, bumpGeneration, specChanged } from '../apps/workload-common.js';
import { notMoreThan100Percent, validateIntOrPercent } from '../apps/value-rules.js';

export const PodDisruptionBudgetSchema = object('io.k8s.api.policy.v1.PodDisruptionBudget', 'The most disruption voluntary evictions may cause to a set of pods.', () => ({
  ...kindFields(),
  spec: field(object('io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'Desired budget.', () => ({
    minAvailable: field(intOrString, 'Pods (or percentage) that must stay available after an eviction; excludes maxUnavailable.', { proto: 1 }),
    selector: field(LabelSelectorSchema, 'The pods the budget covers; an empty selector covers every pod in the namespace.', { proto: 2, patchStrategy: 'replace' }),
    maxUnavailable: field(intOrString, 'Pods (or percentage) that may be unavailable after an eviction; excludes minAvailable.', { proto: 3 }),
    unhealthyPodEvictionPolicy: field(enumOf('AlwaysAllow', 'IfHealthyBudget'), 'When running but not ready pods may be evicted: IfHealthyBudget (the default) or AlwaysAllow.', { proto: 4 }),
  })), 'Desired budget.', { proto: 2 }),
  status: field(object('io.k8s.api.policy.v1.PodDisruptionBudgetStatus', 'Observed state of the budget.', () => ({
    observedGeneration: field(int64, 'The generation the controller last acted on.', { proto: 1 }),
    disruptedPods: field(mapOf(time), 'Pods being evicted, by name, with the time of the eviction call.', { proto: 2 }),
    disruptionsAllowed: field(int32, 'How many more pods may be disrupted now.', { required: true, proto: 3 }),
    currentHealthy: field(int32, 'Healthy pods now.', { required: true, proto: 4 }),
    desiredHealthy: field(int32, 'Healthy pods the budget requires.', { required: true, proto: 5 }),
    expectedPods: field(int32, 'Pods the budget counts.', { required: true, proto: 6 }),
    conditions: field(listOf(ConditionSchema), 'Latest observations (DisruptionAllowed).', {
      proto: 7, mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'],
    }),
  })), 'Observed state of the budget.', { proto: 3 }),
}), { gvk: { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' } });

interface PdbSpec {
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  selector?: LabelSelector;
  unhealthyPodEvictionPolicy?: string;
}

export interface PodDisruptionBudgetLike extends KObject {
  spec?: PdbSpec;
  status?: { disruptionsAllowed?: number };
}

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

function goSpec(s: PdbSpec): string {
  return `policy.PodDisruptionBudgetSpec{MinAvailable:${goPointer('intstr.IntOrString', s.minAvailable, 0xc01a234760)}, `
    + `Selector:${goPointer('v1.LabelSelector', s.selector, 0xc01a234780)}, `
    + `MaxUnavailable:${goPointer('intstr.IntOrString', s.maxUnavailable, 0xc01a2347a0)}, `
    + `UnhealthyPodEvictionPolicy:${goPointer('policy.UnhealthyPodEvictionPolicyType', s.unhealthyPodEvictionPolicy, 0xc01a2347c0)}}`;
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** ValidatePodDisruptionBudgetSpec. */
export function validatePdbSpec(spec: PdbSpec | undefined, path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (isSet(s.minAvailable) && isSet(s.maxUnavailable)) errs.push(goInvalid(path, goSpec(s), 'minAvailable and maxUnavailable cannot be both set'));
  for (const k of ['minAvailable', 'maxUnavailable'] as const) {
    if (!isSet(s[k])) continue;
    errs.push(...validateIntOrPercent(s[k], fe.child(path, k)), ...notMoreThan100Percent(s[k], fe.child(path, k)));
  }
  errs.push(...validateLabelSelector(s.selector, fe.child(path, 'selector')));
  if (isSet(s.unhealthyPodEvictionPolicy) && !EVICTION_POLICIES.includes(s.unhealthyPodEvictionPolicy as string)) {
    errs.push(fe.notSupported(fe.child(path, 'unhealthyPodEvictionPolicy'), s.unhealthyPodEvictionPolicy, EVICTION_POLICIES));
  }
  return errs;
}

function intOrStringCell(v: number | string | undefined): string {
  return v === undefined || v === null ? 'N/A' : String(v);
}

export const poddisruptionbudgets: ResourceDef = {
  group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', singular: 'poddisruptionbudget',
  namespaced: true, shortNames: ['pdb'],
  schema: PodDisruptionBudgetSchema,
  subresources: { status: true },
  validate: (obj) => validatePdbSpec((obj as PodDisruptionBudgetLike).spec),
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: {
    columns: [
      { name: 'Min Available', type: 'string', description: 'Pods that must stay available.', priority: 0 },
      { name: 'Max Unavailable', type: 'string', description: 'Pods that may be unavailable.', priority: 0 },
      { name: 'Allowed Disruptions', type: 'integer', description: 'How many pods may be disrupted now.', priority: 0 },
      AGE_COLUMN,
    ],
    cells(obj, now) {
      const p = obj as PodDisruptionBudgetLike;
      return [intOrStringCell(p.spec?.minAvailable), intOrStringCell(p.spec?.maxUnavailable), p.status?.disruptionsAllowed ?? 0, ageCell(obj, now)];
    },
  },
};
