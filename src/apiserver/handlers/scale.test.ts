import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../api/index.js';
import { fromScale, toScale } from './scale.js';

const base = (spec: Record<string, unknown>): KObject => ({
  apiVersion: 'v1', kind: 'X', metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7' }, spec, status: { replicas: 2 },
} as KObject);
const PATHS = { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' };

test('a LabelSelector becomes status.selector with its requirements in key order', () => {
  const s = toScale(base({ replicas: 3, selector: { matchLabels: { tier: 'fe', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] } }),
    { ...PATHS, labelSelectorPath: 'spec.selector' });
  assert.deepEqual(s.spec, { replicas: 3 });
  assert.deepEqual(s.status, { replicas: 2, selector: 'app=web,env in (dev,prod),tier=fe' });
  assert.deepEqual([s.kind, s.apiVersion, s.metadata.name, s.metadata.resourceVersion], ['Scale', 'autoscaling/v1', 'web', '7']);
});

test('a map selector (ReplicationController) becomes status.selector, keys sorted', () => {
  const s = toScale(base({ replicas: 3, selector: { tier: 'fe', app: 'web' } }), { ...PATHS, mapSelectorPath: 'spec.selector' });
  assert.deepEqual(s.status, { replicas: 2, selector: 'app=web,tier=fe' });
  assert.equal((toScale(base({ replicas: 1 }), { ...PATHS, mapSelectorPath: 'spec.selector' }).status as { selector: string }).selector, '');
});

test('fromScale writes spec.replicas and the Scale\'s resourceVersion; a non-integer is a BadRequest', () => {
  const o = fromScale(base({ replicas: 3 }), { metadata: { resourceVersion: '9' }, spec: { replicas: 5 } }, PATHS);
  assert.deepEqual([(o as KObject & { spec: { replicas: number } }).spec.replicas, o.metadata.resourceVersion], [5, '9']);
  assert.throws(() => fromScale(base({}), { spec: { replicas: 'x' } }, PATHS), /cannot unmarshal string into Go struct field ScaleSpec.spec.replicas of type int32/);
});
