import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStructure, fe, type KObject } from '../../api/index.js';
import { openApiView } from '../openapi/index.js';
import type { Crd } from './crd-types.js';
import { customResourceDefs, isCustomResource } from './resource-defs.js';

const ESTABLISHED = { conditions: [{ type: 'Established', status: 'True' }] };

const crd = (over: Partial<NonNullable<Crd['spec']>> = {}): Crd => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', scope: 'Cluster', names: { plural: 'widgets', kind: 'Widget', categories: ['all'] },
    versions: [
      { name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: {
        spec: { type: 'object', properties: { size: { type: 'integer', default: 3 }, free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
      } } }, subresources: { status: {} } },
      { name: 'v1', served: true, storage: false, deprecated: true },
      { name: 'v0', served: false, storage: false },
    ],
    ...over,
  },
  status: ESTABLISHED,
});

test('one ResourceDef per served version, stored under the storage version', () => {
  const defs = customResourceDefs(crd());
  assert.deepEqual(defs.map((d) => [d.version, d.singular, d.namespaced, d.storage?.version, isCustomResource(d)]), [
    ['v2', 'widget', false, undefined, true],
    ['v1', 'widget', false, 'v2', true],
  ]);
  assert.deepEqual(defs[0].categories, ['all']);
  assert.deepEqual(defs[0].subresources, { status: true, scale: undefined });
  assert.deepEqual(defs[1].warnings?.({ metadata: {} }), ['example.com/v1 Widget is deprecated']);
  assert.deepEqual(customResourceDefs({ ...crd(), status: {} }), [], 'nothing served before the CRD is Established');
});

test('decoding prunes unknown fields but takes any scalar; defaults fill; OpenAPI publishes the typed schema', () => {
  const [v2] = customResourceDefs(crd());
  const obj = { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'big', color: 'red', free: { x: 1 } }, other: 1 };
  assert.deepEqual(checkStructure(v2.schema, obj), { unknown: ['spec.color', 'other'], error: undefined });
  assert.deepEqual(obj.spec, { size: 'big', free: { x: 1 } });
  assert.deepEqual(v2.validate?.(obj as KObject, { serviceCIDRs: [], nodePortRange: [0, 0] }).map(fe.fieldErrorString),
    ['spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"']);
  const empty = { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'w' }, spec: {} } as KObject;
  v2.defaults?.(empty);
  assert.deepEqual(empty.spec, { size: 3 });
  const published = openApiView([v2])[0].schema;
  assert.equal(published.name, 'com.example.v2.Widget');
  const spec = published.fields.spec.schema;
  assert.ok(spec.type === 'object' && spec.fields.size.schema.type === 'integer');
});

test('a CRD being deleted refuses new objects', () => {
  const deleting = crd();
  deleting.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
  const [v2] = customResourceDefs(deleting);
  assert.throws(() => v2.prepareForCreate?.({ metadata: {} }), /create not allowed while custom resource definition is terminating/);
});
