import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../meta/field-errors.js';
import { BINDING_NOT_STORED, bindings, validateBinding } from './binding.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

test('ValidatePodBinding: the target is a named Node', () => {
  const b = (target: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web' }, target });
  assert.deepEqual(validateBinding(b({ kind: 'Node', name: 'n1' })), []);
  assert.deepEqual(validateBinding(b({ name: 'n1' })), []);
  assert.deepEqual(validateBinding(b({ kind: 'Pod' })).map(fieldErrorString), [
    'target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>"',
    'target.name: Required value',
  ]);
});

test('create-only, and never stored by the generic store', () => {
  assert.deepEqual(bindings.verbs, ['create']);
  assert.deepEqual(bindings.validateCreate?.({ metadata: { name: 'web' } }, CTX).map(fieldErrorString), [`metadata.name: Forbidden: ${BINDING_NOT_STORED}`]);
});
