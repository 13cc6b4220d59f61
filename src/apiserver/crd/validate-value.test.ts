import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fe } from '../../api/index.js';
import type { Props } from './props.js';
import { validateCustomResource } from './validate-value.js';

const SCHEMA: Props = { type: 'object', properties: {
  spec: { type: 'object', required: ['cronSpec'], properties: {
    cronSpec: { type: 'string', pattern: '^\\S+( \\S+){4}$' },
    replicas: { type: 'integer', minimum: 1, maximum: 10 },
    ratio: { type: 'number', exclusiveMaximum: true, maximum: 1 },
    size: { type: 'string', enum: ['S', 'M', 'L'] },
    name: { type: 'string', maxLength: 5, minLength: 2 },
    tags: { type: 'array', maxItems: 2, 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
    ports: { type: 'array', minItems: 1, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'],
      items: { type: 'object', properties: { name: { type: 'string' }, port: { 'x-kubernetes-int-or-string': true } } } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    when: { type: 'string', format: 'date-time' },
    maybe: { type: 'string', nullable: true },
  } },
} };

const check = (spec: unknown): string[] => validateCustomResource(SCHEMA, { apiVersion: 'x/v1', kind: 'K', metadata: { name: 'a' }, spec }).map(fe.fieldErrorString);

test('a valid object has no errors; metadata is not the schema\'s business', () => {
  assert.deepEqual(check({ cronSpec: '* * * * *', replicas: 3, ratio: 0.5, size: 'M', tags: ['a', 'b'], ports: [{ name: 'http', port: 'web' }],
    labels: { a: 'b' }, when: '2024-01-02T03:04:05Z', maybe: null }), []);
});

test('wrong types name the type given, as Kubernetes does', () => {
  assert.deepEqual(check({ cronSpec: 5, replicas: 'three', ratio: true, labels: { a: 1 }, ports: [{ name: 'x', port: 1.5 }] }), [
    'spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer"',
    'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    'spec.ratio: Invalid value: "boolean": spec.ratio in body must be of type number: "boolean"',
    'spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"',
    'spec.ports[0].port: Invalid value: "number": spec.ports[0].port in body must be of type integer,string: "number"',
  ]);
  assert.deepEqual(check('x'), ['spec: Invalid value: "string": spec in body must be of type object: "string"']);
});

test('required, bounds, enum, lengths, pattern, formats and items', () => {
  assert.deepEqual(check({ replicas: 0, ratio: 1, size: 'XL', name: 'toolong', tags: ['a', 'b', 'c'], ports: [], when: 'soon' }), [
    'spec.cronSpec: Required value',
    'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1',
    'spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1',
    'spec.size: Unsupported value: "XL": supported values: "S", "M", "L"',
    'spec.name: Too long: may not be more than 5 bytes',
    'spec.tags: Too many: 3: must have at most 2 items',
    'spec.ports: Invalid value: 0: spec.ports in body should have at least 1 items',
    'spec.when: Invalid value: "soon": spec.when in body must be of type date-time: "soon"',
  ]);
  assert.deepEqual(check({ cronSpec: 'nope', replicas: 11, name: 'a' }), [
    'spec.cronSpec: Invalid value: "nope": spec.cronSpec in body should match \'^\\S+( \\S+){4}$\'',
    'spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10',
    'spec.name: Invalid value: "a": spec.name in body should be at least 2 chars long',
  ]);
});

test('set and map lists may not repeat an item or a key', () => {
  assert.deepEqual(check({ cronSpec: '* * * * *', tags: ['a', 'a'], ports: [{ name: 'x', port: 1 }, { name: 'x', port: 2 }] }), [
    'spec.tags[1]: Duplicate value: "a"',
    'spec.ports[1]: Duplicate value: {"name":"x","port":2}',
  ]);
});
