import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import { printerTable } from './printer-columns.js';

const NOW = new Date('2024-01-01T01:00:00Z');
const OBJ: KObject = { apiVersion: 'x/v1', kind: 'K', metadata: { name: 'a', creationTimestamp: '2024-01-01T00:55:00Z' }, spec: { n: 2.7, on: true, m: { a: 1 } } };

test('without printer columns: Age', () => {
  const t = printerTable(undefined);
  assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [['Age', 'date']]);
  assert.deepEqual(t.cells(OBJ, NOW), ['5m']);
});

test('cells typed as the column says; absent values are null; priority > 0 is wide', () => {
  const t = printerTable([
    { name: 'N', type: 'integer', jsonPath: '.spec.n' },
    { name: 'F', type: 'number', jsonPath: '.spec.n' },
    { name: 'On', type: 'boolean', jsonPath: '.spec.on' },
    { name: 'M', type: 'string', jsonPath: '.spec.m', priority: 3 },
    { name: 'None', type: 'string', jsonPath: '.spec.none' },
    { name: 'Bad', type: 'date', jsonPath: '.spec.m.a' },
  ]);
  assert.deepEqual(t.cells(OBJ, NOW), [2, 2.7, true, '{"a":1}', null, null]);
  assert.deepEqual(t.columns.map((c) => c.priority), [0, 0, 0, 1, 0, 0]);
});
