import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';

const OBJ = {
  metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False' }] },
};
const eval1 = (p: string): unknown[] => evaluateJsonPath(parseJsonPath(p), OBJ);

test('fields, indices, quoted names, wildcards and filters', () => {
  assert.deepEqual(eval1('.metadata.name'), ['a']);
  assert.deepEqual(eval1('{.spec.ports[1].port}'), [443]);
  assert.deepEqual(eval1('.spec.ports[-1].name'), ['https']);
  assert.deepEqual(eval1(".metadata.labels['app.kubernetes.io/name']"), ['web']);
  assert.deepEqual(eval1('.spec.ports[*].port'), [80, 443]);
  assert.deepEqual(eval1('.status.conditions[?(@.type=="Ready")].status'), ['True']);
  assert.deepEqual(eval1('.status.conditions[?(@.type!="Ready")].type'), ['Synced']);
  assert.deepEqual(eval1('.spec.missing.deeper'), []);
  assert.throws(() => parseJsonPath('.spec.ports[?(@.x'), /Cannot parse JSONPath/);
});
