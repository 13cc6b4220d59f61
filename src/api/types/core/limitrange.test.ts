import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { limitranges } from './limitrange.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

function lr(limits: unknown[]): KObject {
  return { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'default' }, spec: { limits } };
}
function create(o: KObject): string[] {
  limitranges.defaults?.(o);
  return (limitranges.validate?.(o, ctx) ?? []).map(fieldErrorString);
}

test('container items get default ← max and defaultRequest ← default, then ← min', () => {
  const o = parse(`
apiVersion: v1
kind: LimitRange
metadata: {name: mem-limit-range, namespace: default}
spec:
  limits:
  - type: Container
    max: {cpu: "2", memory: 1Gi}
    min: {cpu: 100m, memory: 64Mi}
    default: {memory: 512Mi}
    maxLimitRequestRatio: {cpu: "4"}
  - type: Pod
    max: {cpu: "4"}
  - type: PersistentVolumeClaim
    min: {storage: 1Gi}
    max: {storage: 10Gi}
`) as KObject;
  assert.deepEqual(checkStructure(limitranges.schema, o), { unknown: [], error: undefined });
  assert.deepEqual(create(o), []);
  const [container, pod] = (o.spec as { limits: Array<Record<string, unknown>> }).limits;
  assert.deepEqual(container.default, { memory: '512Mi', cpu: '2' });
  assert.deepEqual(container.defaultRequest, { memory: '512Mi', cpu: '2' });
  assert.equal(pod.default, undefined);
});

test('min ≤ defaultRequest ≤ default ≤ max, with Kubernetes\' messages', () => {
  assert.deepEqual(create(lr([{ type: 'Container', min: { memory: '1Gi' }, max: { memory: '512Mi' } }])), [
    'spec.limits[0].min[memory]: Invalid value: 1Gi: min value 1Gi is greater than max value 512Mi',
    'spec.limits[0].defaultRequest[memory]: Invalid value: 512Mi: min value 1Gi is greater than default request value 512Mi',
    'spec.limits[0].default[memory]: Invalid value: 1Gi: min value 1Gi is greater than default value 512Mi',
  ]);
  assert.deepEqual(create(lr([{ type: 'Container', default: { cpu: '1' }, defaultRequest: { cpu: '2' } }])), [
    'spec.limits[0].defaultRequest[cpu]: Invalid value: 2: default request value 2 is greater than default limit value 1',
  ]);
  assert.deepEqual(create(lr([{ type: 'Pod', default: { cpu: '1' } }, { type: 'Pod' }])), [
    "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
    'spec.limits[1].type: Duplicate value: "Pod"',
  ]);
  assert.deepEqual(create(lr([{ type: 'PersistentVolumeClaim' }])), [
    'spec.limits[0].limits: Required value: either minimum or maximum storage value is required, but neither was provided',
  ]);
  assert.deepEqual(create(lr([{ type: 'Node' }])), ['spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified']);
});

test('limit ranges have the default table: Created At', () => {
  const o = lr([]);
  o.metadata.creationTimestamp = '2024-03-01T12:00:00Z';
  assert.deepEqual(limitranges.table?.columns.map((c) => [c.name, c.type]), [['Created At', 'date']]);
  assert.deepEqual(limitranges.table?.cells(o, new Date()), ['2024-03-01T12:00:00Z']);
  assert.deepEqual(limitranges.shortNames, ['limits']);
});
