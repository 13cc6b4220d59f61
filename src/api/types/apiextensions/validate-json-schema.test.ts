import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { JSONSchemaPropsLike } from './json-schema-props.js';
import { validateOpenAPISchema } from './validate-json-schema.js';

const P = 'spec.versions[0].schema.openAPIV3Schema';
const check = (s: JSONSchemaPropsLike): string[] => validateOpenAPISchema(s, P).map(fieldErrorString);

test('a structural schema has no errors', () => {
  assert.deepEqual(check({ type: 'object', properties: { spec: { type: 'object', properties: { n: { type: 'integer' }, any: { 'x-kubernetes-preserve-unknown-fields': true } } } } }), []);
});

test('the structural rules, sorted as Kubernetes sorts them', () => {
  assert.deepEqual(check({
    properties: {
      spec: { properties: { list: { type: 'array' }, kind: { type: 'str' } } },
      meta: { type: 'object', properties: { metadata: { type: 'object' } } },
    },
    additionalProperties: { type: 'string' },
  }), [
    `${P}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive`,
    `${P}.additionalProperties: Forbidden: must not be used at the root`,
    `${P}.properties[meta].properties[metadata]: Forbidden: must not be specified in a nested context`,
    `${P}.properties[spec].properties[kind].type: Unsupported value: "str": supported values: "array", "boolean", "integer", "number", "object", "string"`,
    `${P}.properties[spec].properties[list].items: Required value: must be specified`,
    `${P}.properties[spec].type: Required value: must not be empty for specified object fields`,
    `${P}.type: Required value: must not be empty at the root`,
  ]);
  assert.deepEqual(check({ type: 'string' }), [`${P}.type: Invalid value: "string": must be object at the root`]);
});

test('list and map extensions', () => {
  assert.deepEqual(check({ type: 'object', properties: {
    a: { type: 'object', 'x-kubernetes-list-type': 'map' },
    b: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['nope'] },
    c: { type: 'string', 'x-kubernetes-map-type': 'loose' },
  } }), [
    `${P}.properties[a].type: Invalid value: "object": must be array if x-kubernetes-list-type is specified`,
    `${P}.properties[a].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map`,
    `${P}.properties[a].x-kubernetes-list-type: Required value: must have a schema if x-kubernetes-list-type is map`.replace('x-kubernetes-list-type: Required', 'items: Required'),
    `${P}.properties[b].x-kubernetes-list-map-keys: Invalid value: []string{"nope"}: entries must all be names of item properties`,
    `${P}.properties[c].type: Invalid value: "string": must be object if x-kubernetes-map-type is specified`,
    `${P}.properties[c].x-kubernetes-map-type: Unsupported value: "loose": supported values: "atomic", "granular"`,
  ].sort());
});
