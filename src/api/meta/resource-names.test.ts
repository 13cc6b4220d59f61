import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorString } from './field-errors.js';
import {
  isExtendedResourceName, isIntegerResourceName, isOvercommitAllowed, validateContainerResourceName,
  validateQuotaResourceName, validateResourceQuantityValue,
} from './resource-names.js';

test('classifies resource names as Kubernetes does', () => {
  assert.ok(isExtendedResourceName('nvidia.com/gpu'));
  assert.ok(!isExtendedResourceName('kubernetes.io/foo'));
  assert.ok(!isExtendedResourceName('cpu'));
  assert.ok(isIntegerResourceName('pods'));
  assert.ok(isIntegerResourceName('nvidia.com/gpu'));
  assert.ok(!isIntegerResourceName('cpu'));
  assert.ok(isOvercommitAllowed('memory'));
  assert.ok(!isOvercommitAllowed('hugepages-2Mi'));
  assert.ok(!isOvercommitAllowed('nvidia.com/gpu'));
});

test('validation messages', () => {
  assert.deepEqual(validateQuotaResourceName('count/deployments.apps', 'p'), []);
  assert.deepEqual(validateQuotaResourceName('requests.hugepages-2Mi', 'p'), []);
  assert.deepEqual(validateQuotaResourceName('storage', 'p').map(fieldErrorString), ['p: Invalid value: "storage": must be a standard resource for quota']);
  assert.deepEqual(validateContainerResourceName('pods', 'p').map(fieldErrorString), ['p: Invalid value: "pods": must be a standard resource for containers']);
  assert.deepEqual(validateResourceQuantityValue('services', '2500m', 'p').map(fieldErrorString), ['p: Invalid value: 2500m: must be an integer']);
  assert.deepEqual(validateResourceQuantityValue('cpu', '-1', 'p').map(fieldErrorString), ['p: Invalid value: "-1": must be greater than or equal to 0']);
});
