/** Validation of a HorizontalPodAutoscaler (in its autoscaling/v2 form), with Kubernetes' wording. */
import * as fe from '../../meta/field-errors.js';
import type { FieldError } from '../../meta/field-errors.js';
import { isDNS1123Label, isPathSegmentName } from '../../meta/names.js';
import { parseQuantity } from '../../meta/quantity.js';
import { validateContainerResourceName } from '../../meta/resource-names.js';
import type { CrossVersionObjectReference, HpaSpec, MetricIdentifier, MetricSpec, MetricTarget, Quantity, ScalingRules } from './hpa-types.js';

const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_SECONDS = 3600;
const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELDS = ['object', 'external', 'pods', 'resource', 'containerResource'] as const;
const FIELD_OF_TYPE: Record<string, (typeof SOURCE_FIELDS)[number]> = {
  Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource',
};

function isSet<T>(v: T | undefined | null): v is T {
  return v !== undefined && v !== null;
}

export function validateCrossVersionObjectReference(ref: CrossVersionObjectReference | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of ['kind', 'name'] as const) {
    const v = ref?.[k] ?? '';
    if (v === '') errs.push(fe.required(fe.child(path, k), ''));
    else for (const m of isPathSegmentName(v)) errs.push(fe.invalid(fe.child(path, k), v, m));
  }
  return errs;
}

function validateIdentifier(id: MetricIdentifier | undefined, path: string): FieldError[] {
  const name = id?.name ?? '';
  if (name === '') return [fe.required(fe.child(path, 'name'), 'must specify a metric name')];
  return isPathSegmentName(name).map((m) => fe.invalid(fe.child(path, 'name'), name, m));
}

function positive(q: Quantity | undefined): boolean {
  return (parseQuantity(q as string | number) ?? 0) > 0;
}

function validateTarget(t: MetricTarget | undefined, path: string): FieldError[] {
  const mt = t ?? {};
  const errs: FieldError[] = [];
  const type = mt.type ?? '';
  if (type === '') errs.push(fe.required(fe.child(path, 'type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(fe.invalid(fe.child(path, 'type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (isSet(mt.value) && !positive(mt.value)) errs.push(fe.invalid(fe.child(path, 'value'), String(mt.value), 'must be positive'));
  if (isSet(mt.averageValue) && !positive(mt.averageValue)) errs.push(fe.invalid(fe.child(path, 'averageValue'), String(mt.averageValue), 'must be positive'));
  if (isSet(mt.averageUtilization) && mt.averageUtilization < 1) {
    errs.push(fe.invalid(fe.child(path, 'averageUtilization'), mt.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateResourceTarget(target: MetricTarget | undefined, path: string): FieldError[] {
  const t = target ?? {};
  const tp = fe.child(path, 'target');
  const errs = validateTarget(target, tp);
  if (!isSet(t.averageUtilization) && !isSet(t.averageValue)) {
    errs.push(fe.required(fe.child(tp, 'averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (isSet(t.averageUtilization) && isSet(t.averageValue)) {
    errs.push(fe.forbidden(fe.child(tp, 'averageValue'), 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

function validateSource(field: (typeof SOURCE_FIELDS)[number], spec: MetricSpec, path: string): FieldError[] {
  const p = fe.child(path, field);
  switch (field) {
    case 'object': {
      const src = spec.object ?? {};
      const errs = [...validateCrossVersionObjectReference(src.describedObject, fe.child(p, 'describedObject')),
        ...validateIdentifier(src.metric, fe.child(p, 'metric')), ...validateTarget(src.target, fe.child(p, 'target'))];
      if (!isSet(src.target?.value) && !isSet(src.target?.averageValue)) {
        errs.push(fe.required(fe.child(p, 'target.averageValue'), 'must set either a target value or averageValue'));
      }
      return errs;
    }
    case 'external': {
      const src = spec.external ?? {};
      const errs = [...validateIdentifier(src.metric, fe.child(p, 'metric')), ...validateTarget(src.target, fe.child(p, 'target'))];
      const hasValue = isSet(src.target?.value);
      const hasAverage = isSet(src.target?.averageValue);
      if (!hasValue && !hasAverage) errs.push(fe.required(fe.child(p, 'target.averageValue'), 'must set either a target value for metric or a per-pod target'));
      if (hasValue && hasAverage) errs.push(fe.forbidden(fe.child(p, 'target.value'), 'may not set both a target value for metric and a per-pod target'));
      return errs;
    }
    case 'pods': {
      const src = spec.pods ?? {};
      const errs = [...validateIdentifier(src.metric, fe.child(p, 'metric')), ...validateTarget(src.target, fe.child(p, 'target'))];
      if (!isSet(src.target?.averageValue)) errs.push(fe.required(fe.child(p, 'target.averageValue'), 'must specify a positive target averageValue'));
      return errs;
    }
    case 'resource': {
      const src = spec.resource ?? {};
      const errs: FieldError[] = [];
      if (!src.name) errs.push(fe.required(fe.child(p, 'name'), 'must specify a resource name'));
      return [...errs, ...validateResourceTarget(src.target, p)];
    }
    case 'containerResource': {
      const src = spec.containerResource ?? {};
      const errs: FieldError[] = [];
      if (!src.name) errs.push(fe.required(fe.child(p, 'name'), 'must specify a resource name'));
      else errs.push(...validateContainerResourceName(src.name, fe.child(p, 'name')));
      if (!src.container) errs.push(fe.required(fe.child(p, 'container'), 'must specify a container'));
      else for (const m of isDNS1123Label(src.container)) errs.push(fe.invalid(fe.child(p, 'container'), src.container, m));
      return [...errs, ...validateResourceTarget(src.target, p)];
    }
  }
}

function validateMetricSpec(spec: MetricSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = spec.type ?? '';
  if (type === '') errs.push(fe.required(fe.child(path, 'type'), 'must specify a metric source type'));
  if (!METRIC_TYPES.includes(type)) errs.push(fe.notSupported(fe.child(path, 'type'), type, METRIC_TYPES));
  const present = SOURCE_FIELDS.filter((f) => isSet(spec[f]));
  if (present.length > 0) errs.push(...validateSource(present[0], spec, path));
  const expected = FIELD_OF_TYPE[type];
  if (expected && !isSet(spec[expected])) errs.push(fe.required(fe.child(path, expected), 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const f of present) if (f !== expected) errs.push(fe.forbidden(fe.child(path, f), 'must populate the given metric source only'));
  }
  return errs;
}

function validateRules(rules: ScalingRules | undefined, path: string): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const sw = rules.stabilizationWindowSeconds;
  if (isSet(sw) && sw < 0) errs.push(fe.invalid(fe.child(path, 'stabilizationWindowSeconds'), sw, 'must be greater than or equal to zero'));
  if (isSet(sw) && sw > MAX_STABILIZATION_SECONDS) {
    errs.push(fe.invalid(fe.child(path, 'stabilizationWindowSeconds'), sw, `must be less than or equal to ${MAX_STABILIZATION_SECONDS}`));
  }
  if (isSet(rules.selectPolicy) && !['Disabled', 'Max', 'Min'].includes(rules.selectPolicy)) {
    errs.push(fe.notSupported(fe.child(path, 'selectPolicy'), rules.selectPolicy, ['Disabled', 'Max', 'Min']));
  }
  if (isSet(rules.tolerance) && (parseQuantity(rules.tolerance) ?? 0) < 0) {
    errs.push(fe.invalid(fe.child(path, 'tolerance'), String(rules.tolerance), 'must be greater than or equal to zero'));
  }
  const pp = fe.child(path, 'policies');
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(fe.required(pp, 'must specify at least one Policy'));
  policies.forEach((pol, i) => {
    const ip = fe.index(pp, i);
    if (pol.type !== 'Pods' && pol.type !== 'Percent') errs.push(fe.notSupported(fe.child(ip, 'type'), pol.type ?? '', ['Percent', 'Pods']));
    if ((pol.value ?? 0) <= 0) errs.push(fe.invalid(fe.child(ip, 'value'), pol.value ?? 0, 'must be greater than zero'));
    const period = pol.periodSeconds ?? 0;
    if (period <= 0) errs.push(fe.invalid(fe.child(ip, 'periodSeconds'), period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS) errs.push(fe.invalid(fe.child(ip, 'periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errs;
}

/** validateHorizontalPodAutoscalerSpec; minLowerBound is 0 only for objects that already scale to zero. */
export function validateHpaSpec(spec: HpaSpec | undefined, minLowerBound = 1, path = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const max = s.maxReplicas ?? 0;
  if (isSet(s.minReplicas) && s.minReplicas < minLowerBound) {
    errs.push(fe.invalid(fe.child(path, 'minReplicas'), s.minReplicas, `must be greater than or equal to ${minLowerBound}`));
  }
  if (max < 1) errs.push(fe.invalid(fe.child(path, 'maxReplicas'), max, 'must be greater than 0'));
  if (isSet(s.minReplicas) && max < s.minReplicas) errs.push(fe.invalid(fe.child(path, 'maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(s.scaleTargetRef, fe.child(path, 'scaleTargetRef')));
  const mp = fe.child(path, 'metrics');
  const metrics = s.metrics ?? [];
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, fe.index(mp, i))));
  if (s.minReplicas === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(fe.forbidden(mp, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (s.behavior) {
    errs.push(...validateRules(s.behavior.scaleUp, fe.child(path, 'behavior.scaleUp')));
    errs.push(...validateRules(s.behavior.scaleDown, fe.child(path, 'behavior.scaleDown')));
  }
  return errs;
}
