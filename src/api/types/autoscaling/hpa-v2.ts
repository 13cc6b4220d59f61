/** autoscaling/v2 HorizontalPodAutoscaler: defaults, validation hooks and the table kubectl shows. */
import type { KObject } from '../../meta/object-meta.js';
import { canonicalQuantity } from '../../meta/quantity-canonical.js';
import type { ResourceDef, TableDef } from '../../resource.js';
import { AGE_COLUMN, ageCell, bumpGeneration, ensureObject, specChanged } from '../apps/workload-common.js';
import type { Behavior, HpaSpec, HpaV2, MetricSpec, MetricStatus, ScalingRules } from './hpa-types.js';
import { validateHpaSpec } from './hpa-validation.js';
import { HorizontalPodAutoscalerV2Schema } from './hpa-v2-schema.js';

/** The target CPU utilization assumed when an autoscaler lists no metrics. */
export const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpDefaults(): ScalingRules {
  return {
    stabilizationWindowSeconds: 0, selectPolicy: 'Max',
    policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

function scaleDownDefaults(): ScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** Fills unset scaling-rule fields from the defaults, keeping what the user set. */
function fillRules(from: ScalingRules | undefined, to: ScalingRules): ScalingRules {
  if (!from) return to;
  const out: ScalingRules = { ...to };
  if (from.selectPolicy !== undefined) out.selectPolicy = from.selectPolicy;
  if (from.stabilizationWindowSeconds !== undefined) out.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (from.policies !== undefined) out.policies = from.policies;
  if (from.tolerance !== undefined) out.tolerance = from.tolerance;
  return out;
}

export function cpuUtilizationMetric(percent: number): MetricSpec {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } };
}

/** SetDefaults_HorizontalPodAutoscaler (autoscaling/v2). */
export function defaultHpaV2(obj: KObject): void {
  const spec = ensureObject<HpaSpec>(obj, 'spec');
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) spec.metrics = [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];
  if (spec.behavior) {
    const b: Behavior = spec.behavior;
    b.scaleUp = fillRules(b.scaleUp, scaleUpDefaults());
    b.scaleDown = fillRules(b.scaleDown, scaleDownDefaults());
  }
}

/** Quantity.String(): canonical text ("500m", "2Gi"); "<nil>" for an absent value. */
function q(v: string | number | undefined): string {
  return v === undefined || v === null ? '<nil>' : canonicalQuantity(v);
}

/** The TARGETS cell: "cpu: 35%/50%", "<unknown>/100 (avg)", "… + 2 more...". */
export function formatHpaMetrics(specs: MetricSpec[] | undefined, statuses: MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const st = statuses ?? [];
  const list = specs.map((spec, i): string => {
    const s = st[i];
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target ?? {};
        if (t.averageValue !== undefined) {
          const cur = s?.external?.current?.averageValue !== undefined ? q(s.external.current.averageValue) : '<unknown>';
          return `${cur}/${q(t.averageValue)} (avg)`;
        }
        return `${s?.external ? q(s.external.current?.value) : '<unknown>'}/${q(t.value)}`;
      }
      case 'Pods':
        return `${s?.pods ? q(s.pods.current?.averageValue) : '<unknown>'}/${q(spec.pods?.target?.averageValue)}`;
      case 'Object': {
        const t = spec.object?.target ?? {};
        if (t.averageValue !== undefined) {
          const cur = s?.object?.current?.averageValue !== undefined ? q(s.object.current.averageValue) : '<unknown>';
          return `${cur}/${q(t.averageValue)} (avg)`;
        }
        return `${s?.object ? q(s.object.current?.value) : '<unknown>'}/${q(t.value)}`;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const cur = spec.type === 'Resource' ? s?.resource : s?.containerResource;
        const t = src?.target ?? {};
        const name = src?.name ?? '';
        if (t.averageValue !== undefined) return `${name}: ${cur ? q(cur.current?.averageValue) : '<unknown>'}/${q(t.averageValue)}`;
        const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : '<unknown>';
        const target = t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>';
        return `${name}: ${current}/${target}`;
      }
      default:
        return '<unknown type>';
    }
  });
  const max = 2;
  if (list.length > max) return `${list.slice(0, max).join(', ')} + ${list.length - max} more...`;
  return list.join(', ');
}

export const hpaTable: TableDef = {
  columns: [
    { name: 'Reference', type: 'string', description: 'The scaled object, as Kind/name.', priority: 0 },
    { name: 'Targets', type: 'string', description: 'Current and target values of the metrics.', priority: 0 },
    { name: 'MinPods', type: 'string', description: 'Lowest replica count.', priority: 0 },
    { name: 'MaxPods', type: 'string', description: 'Highest replica count.', priority: 0 },
    { name: 'Replicas', type: 'string', description: 'Current replica count.', priority: 0 },
    AGE_COLUMN,
  ],
  cells(obj, now) {
    const h = obj as HpaV2;
    const spec = h.spec ?? {};
    const ref = `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`;
    const minPods = spec.minReplicas === undefined ? '<unset>' : String(spec.minReplicas);
    return [ref, formatHpaMetrics(spec.metrics, h.status?.currentMetrics), minPods, spec.maxReplicas ?? 0, h.status?.currentReplicas ?? 0, ageCell(obj, now)];
  },
};

export const horizontalPodAutoscalersV2: ResourceDef = {
  group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', singular: 'horizontalpodautoscaler',
  namespaced: true, shortNames: ['hpa'], categories: ['all'],
  schema: HorizontalPodAutoscalerV2Schema,
  subresources: { status: true },
  defaults: defaultHpaV2,
  validate: (obj) => validateHpaSpec((obj as HpaV2).spec),
  prepareForUpdate: (obj, old) => bumpGeneration(obj, old, specChanged(obj, old)),
  table: hpaTable,
};
