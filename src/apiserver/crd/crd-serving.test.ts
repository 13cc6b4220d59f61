import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, startApiFixture } from '../../testing/index.js';
import type { KObject } from '../../api/index.js';

const GROUP = `serving${process.pid}.example.com`;

const crd = (scope: 'Cluster' | 'Namespaced'): KObject => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `gadgets.${GROUP}` },
  spec: { group: GROUP, scope, names: { plural: 'gadgets', kind: 'Gadget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
} as KObject);

test('a cluster-scoped custom resource is served at once, and again after a restart from the store', async () => {
  const fx = await startApiFixture('sqlite');
  try {
    await fx.clientset.resource({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' }).create(crd('Cluster'));
    const gadgets = (): ReturnType<typeof fx.clientset.resource> => fx.clientset.resource({ group: GROUP, version: 'v1', resource: 'gadgets' }, { namespaced: false, kind: 'Gadget' });
    await eventually(async () => {
      try {
        await gadgets().create({ apiVersion: `${GROUP}/v1`, kind: 'Gadget', metadata: { name: 'g1' }, anything: { goes: true } } as KObject);
        return true;
      } catch { return false; }
    }, 10_000, 'gadgets served');
    await fx.restart();
    const fresh = fx.newClientset().resource({ group: GROUP, version: 'v1', resource: 'gadgets' }, { namespaced: false, kind: 'Gadget' });
    const got = await fresh.get('g1') as KObject & { anything?: unknown };
    assert.deepEqual([got.metadata.namespace, got.anything], [undefined, { goes: true }]);
  } finally {
    await fx.stop();
  }
});
