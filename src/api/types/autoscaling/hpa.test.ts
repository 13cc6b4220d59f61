import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { CONDITIONS_ANNOTATION, CURRENT_METRICS_ANNOTATION, hpaV1ToV2, hpaV2ToV1, METRICS_ANNOTATION } from './hpa-convert.js';
import type { HpaV2 } from './hpa-types.js';
import { horizontalPodAutoscalersV1 } from './hpa-v1.js';
import { formatHpaMetrics, horizontalPodAutoscalersV2 } from './hpa-v2.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };
const now = new Date('2024-01-01T00:02:00Z');

function v2(spec: Record<string, unknown>, status?: Record<string, unknown>): HpaV2 {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-01-01T00:00:00Z' }, spec, ...(status ? { status } : {}),
  } as HpaV2;
}

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('HorizontalPodAutoscaler v2', () => {
  it('defaults minReplicas, the cpu metric and the behavior policies', () => {
    const h = v2({ scaleTargetRef: ref, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
    horizontalPodAutoscalersV2.defaults!(h);
    assert.equal(h.spec!.minReplicas, 1);
    assert.deepEqual(h.spec!.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    assert.deepEqual(h.spec!.behavior, {
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('treats targetAverageUtilization (v2beta1 syntax, seed 004:4502) as an unknown field', () => {
    const h = parse(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: example-app
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: example-app
  minReplicas: 2
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      targetAverageUtilization: 50
`) as KObject;
    assert.deepEqual(checkStructure(horizontalPodAutoscalersV2.schema, h).unknown, ['spec.metrics[0].resource.targetAverageUtilization']);
    const fixed = parse(`spec:
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`) as Record<string, unknown>;
    assert.deepEqual(checkStructure(horizontalPodAutoscalersV2.schema, fixed).unknown, []);
  });

  it('validates bounds, references, metrics and behavior', () => {
    const h = v2({
      scaleTargetRef: { kind: 'Deployment' }, minReplicas: 0, maxReplicas: 0,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } },
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue' } }, resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
      ],
      behavior: { scaleUp: { selectPolicy: 'Fastest', policies: [{ type: 'Pods', value: 0, periodSeconds: 3600 }] } },
    });
    assert.deepEqual(horizontalPodAutoscalersV2.validate!(h, ctx).map(fieldErrorString), [
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'spec.scaleTargetRef.name: Required value',
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
      'spec.metrics[1].pods.target.averageValue: Required value: must specify a positive target averageValue',
      'spec.metrics[1].resource: Forbidden: must populate the given metric source only',
      'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
      'spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
      'spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
    ]);
  });

  it('prints REFERENCE, TARGETS, MINPODS, MAXPODS, REPLICAS', () => {
    const h = v2({ scaleTargetRef: ref, minReplicas: 2, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] });
    assert.deepEqual(horizontalPodAutoscalersV2.table!.cells(h, now), ['Deployment/web', 'cpu: <unknown>/50%', '2', 10, 0, '2m']);
    h.status = { currentReplicas: 3, desiredReplicas: 3, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 35, averageValue: '120m' } } }] };
    h.spec!.metrics!.push(
      { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
    );
    assert.deepEqual(horizontalPodAutoscalersV2.table!.cells(h, now).slice(1, 5), ['cpu: 35%/50%, <unknown>/10 + 1 more...', '2', 10, 3]);
    assert.equal(formatHpaMetrics(
      [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '0.5' } } }],
      [{ type: 'Pods', pods: { metric: { name: 'qps' }, current: { averageValue: '250m' } } }],
    ), '250m/500m');
  });
});

describe('HorizontalPodAutoscaler v1', () => {
  it('stores targetCPUUtilizationPercentage as a v2 cpu metric and back', () => {
    const h1: KObject = {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' },
      spec: { scaleTargetRef: ref, maxReplicas: 10, targetCPUUtilizationPercentage: 50 },
    };
    horizontalPodAutoscalersV1.defaults!(h1);
    assert.deepEqual(horizontalPodAutoscalersV1.validate!(h1, ctx), []);
    const stored = hpaV1ToV2(h1) as HpaV2;
    assert.equal(stored.apiVersion, 'autoscaling/v2');
    assert.deepEqual(stored.spec, {
      scaleTargetRef: ref, minReplicas: 1, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
    assert.deepEqual(hpaV2ToV1(stored), h1);
  });

  it('defaults to 80% cpu when a v1 autoscaler names no target', () => {
    const stored = hpaV1ToV2({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: ref, maxReplicas: 3 } }) as HpaV2;
    assert.deepEqual(stored.spec!.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });

  it('keeps metrics v1 cannot express in annotations, and restores them', () => {
    const h = v2({
      scaleTargetRef: ref, minReplicas: 1, maxReplicas: 10,
      metrics: [
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      ],
    }, {
      currentReplicas: 2, desiredReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 42, averageValue: '100m' } } }],
      conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' }],
    });
    const h1 = hpaV2ToV1(h) as KObject & { spec: Record<string, unknown>; status: Record<string, unknown> };
    assert.equal(h1.spec.targetCPUUtilizationPercentage, 60);
    assert.equal(h1.status.currentCPUUtilizationPercentage, 42);
    assert.deepEqual(JSON.parse(h1.metadata.annotations![METRICS_ANNOTATION]), [{ type: 'Pods', pods: { metricName: 'qps', targetAverageValue: '10' } }]);
    assert.deepEqual(JSON.parse(h1.metadata.annotations![CURRENT_METRICS_ANNOTATION]), [
      { type: 'Resource', resource: { name: 'cpu', currentAverageUtilization: 42, currentAverageValue: '100m' } },
    ]);
    assert.ok(h1.metadata.annotations![CONDITIONS_ANNOTATION]);
    assert.deepEqual(hpaV1ToV2(h1), h);
  });

  it('prints through the v2 form and shares the short name', () => {
    const h1: KObject = {
      apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', creationTimestamp: '2024-01-01T00:00:00Z' },
      spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 50 },
    };
    assert.deepEqual(horizontalPodAutoscalersV1.table!.cells(h1, now), ['Deployment/web', 'cpu: <unknown>/50%', '1', 4, 0, '2m']);
    assert.deepEqual(horizontalPodAutoscalersV1.shortNames, ['hpa']);
    assert.equal(horizontalPodAutoscalersV1.storage?.version, 'v2');
    assert.deepEqual(horizontalPodAutoscalersV2.categories, ['all']);
  });
});
