import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { builtinResources } from '../types/index.js';
import { zeroObject } from './zero-value.js';
import type { ObjectSchema } from './schema.js';

const statusOf = (plural: string): ObjectSchema => {
  const def = builtinResources.find((d) => d.plural === plural && d.version === 'v1');
  assert.ok(def);
  return def.schema.fields.status.schema as ObjectSchema;
};

describe('zeroObject', () => {
  it('gives the empty struct for a status whose fields are all optional', () => {
    assert.deepEqual(zeroObject(statusOf('deployments')), {});
  });
  it('keeps the fields Kubernetes never omits, at zero', () => {
    assert.deepEqual(zeroObject(statusOf('replicasets')), { replicas: 0 });
    assert.deepEqual(zeroObject(statusOf('poddisruptionbudgets')), { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    assert.deepEqual(zeroObject(statusOf('volumeattachments')), { attached: false });
  });
});
