import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../meta/field-errors.js';
import { isDNS1123Label } from '../../meta/names.js';
import { checkStructure } from '../../schema/structural.js';
import { runtimeclasses, RuntimeClassSchema, type RuntimeClassLike } from './runtime-class.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

test('a RuntimeClass with overhead and scheduling validates; HANDLER column; handler is immutable', () => {
  const rc: RuntimeClassLike = {
    apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor', creationTimestamp: '2024-01-01T00:00:00Z' },
    handler: 'runsc', overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
    scheduling: { nodeSelector: { 'runtime/gvisor': 'true' }, tolerations: [{ key: 'runtime', operator: 'Equal', value: 'gvisor', effect: 'NoSchedule' }] },
  };
  assert.deepEqual(checkStructure(RuntimeClassSchema, rc as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(runtimeclasses.validate?.(rc, CTX), []);
  assert.deepEqual(runtimeclasses.table?.cells(rc, new Date('2024-01-01T00:00:02Z')), ['runsc', '2s']);
  assert.deepEqual((runtimeclasses.validateUpdate?.({ ...rc, handler: 'runc' }, rc, CTX) ?? []).map(fieldErrorString),
    ['handler: Invalid value: "runc": field is immutable']);
});

test('the handler must be a DNS label', () => {
  const rc = { metadata: { name: 'x' }, handler: 'Run.C' };
  assert.deepEqual((runtimeclasses.validate?.(rc, CTX) ?? []).map(fieldErrorString), isDNS1123Label('Run.C').map((m) => `handler: Invalid value: "Run.C": ${m}`));
});
