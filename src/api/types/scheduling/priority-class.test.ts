import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { priorityclasses, PriorityClassSchema, systemPriorityClasses, type PriorityClassLike } from './priority-class.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

function pc(name: string, fields: Record<string, unknown>): PriorityClassLike {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...fields };
}

function errors(obj: KObject): string[] {
  return (priorityclasses.validate?.(obj, CTX) ?? []).map(fieldErrorString);
}

test('a user class has no unknown fields, validates, and defaults to PreemptLowerPriority', () => {
  const doc = parse(`
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-priority
value: 1000000
globalDefault: false
description: "For XYZ service pods only."
`) as PriorityClassLike;
  assert.deepEqual(checkStructure(PriorityClassSchema, doc as Record<string, unknown>), { unknown: [], error: undefined });
  priorityclasses.defaults?.(doc);
  assert.equal(doc.preemptionPolicy, 'PreemptLowerPriority');
  assert.deepEqual(errors(doc), []);
});

test('the system classes validate; other system- names and too-high values do not', () => {
  assert.deepEqual(systemPriorityClasses.map((c) => [c.metadata.name, c.value]),
    [['system-node-critical', 2000001000], ['system-cluster-critical', 2000000000]]);
  for (const c of systemPriorityClasses) assert.deepEqual(errors(c), []);
  assert.deepEqual(errors(pc('system-mine', { value: 5 })),
    ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class"]);
  assert.deepEqual(errors(pc('system-node-critical', { value: 5 })),
    ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"]);
  assert.deepEqual(errors(pc('huge', { value: 1000000001 })),
    ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']);
  assert.deepEqual(errors(pc('p', { value: 1, preemptionPolicy: 'Always' })),
    ['preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"']);
});

test('value and preemptionPolicy cannot change', () => {
  const old = pc('p', { value: 1, preemptionPolicy: 'PreemptLowerPriority' });
  assert.deepEqual((priorityclasses.validateUpdate?.(pc('p', { value: 2, preemptionPolicy: 'Never' }), old, CTX) ?? []).map(fieldErrorString), [
    'value: Forbidden: may not be changed in an update.',
    'preemptionPolicy: Invalid value: "Never": field is immutable',
  ]);
  assert.deepEqual(priorityclasses.validateUpdate?.(pc('p', { value: 1, preemptionPolicy: 'PreemptLowerPriority', description: 'x' }), old, CTX), []);
});

test('table cells: value, global default, age, preemption policy', () => {
  const c = pc('high', { value: 1000, preemptionPolicy: 'Never' });
  c.metadata.creationTimestamp = '2024-04-21T12:00:00Z';
  assert.deepEqual(priorityclasses.table?.cells(c, new Date('2024-05-01T12:00:00Z')), [1000, false, '10d', 'Never']);
  assert.deepEqual(priorityclasses.table?.columns.map((x) => x.name), ['Value', 'Global-Default', 'Age', 'PreemptionPolicy']);
});
