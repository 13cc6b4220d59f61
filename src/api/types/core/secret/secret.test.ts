import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import { checkStructure } from '../../../schema/structural.js';
import { decodeBase64, encodeBase64Text, secrets } from './index.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

function secret(fields: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, ...fields };
}

function create(obj: KObject): string[] {
  secrets.defaults?.(obj);
  return (secrets.validate?.(obj, ctx) ?? []).map(fieldErrorString);
}

test('base64 follows Go: UTF-8 encoding, strict decoding, newlines ignored', () => {
  assert.equal(encodeBase64Text('myuser'), 'bXl1c2Vy');
  assert.equal(encodeBase64Text('t0p-Secret'), 'dDBwLVNlY3JldA==');
  assert.equal(encodeBase64Text('é'), 'w6k=');
  assert.deepEqual(decodeBase64('bXlw\nYXNz'), { bytes: new TextEncoder().encode('mypass') });
  assert.deepEqual(decodeBase64('BASE64_ENCODED'), { error: 'illegal base64 data at input byte 6' });
  assert.deepEqual(decodeBase64('YWJj='), { error: 'illegal base64 data at input byte 4' });
  assert.deepEqual(decodeBase64('YWI'), { error: 'illegal base64 data at input byte 3' });
});

test('type defaults to Opaque and stringData is folded into data', () => {
  const s = secret({ type: 'kubernetes.io/basic-auth', data: { username: 'eA==' }, stringData: { username: 'admin', password: 't0p-Secret' } });
  assert.deepEqual(create(s), []);
  assert.deepEqual(s.data, { username: 'YWRtaW4=', password: 'dDBwLVNlY3JldA==' });
  assert.equal(s.stringData, undefined);
  const plain = secret({ data: { username: 'bXl1c2Vy' } });
  create(plain);
  assert.equal(plain.type, 'Opaque');
});

test('type-specific keys are required, with Kubernetes\' paths', () => {
  assert.deepEqual(create(secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } })), ['data[tls.key]: Required value']);
  assert.deepEqual(create(secret({ type: 'kubernetes.io/dockerconfigjson', data: {} })), ['data[.dockerconfigjson]: Required value']);
  assert.deepEqual(create(secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': encodeBase64Text('{"auths"') } })), [
    'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input',
  ]);
  assert.deepEqual(create(secret({ type: 'kubernetes.io/dockercfg', data: { '.dockercfg': encodeBase64Text('x') } })), [
    'data[.dockercfg]: Invalid value: "<secret contents redacted>": invalid character \'x\' looking for beginning of value',
  ]);
  assert.deepEqual(create(secret({ type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': encodeBase64Text('{"auths":{}}') } })), []);
  assert.deepEqual(create(secret({ type: 'kubernetes.io/basic-auth' })), ['data[username]: Required value', 'data[password]: Required value']);
  assert.deepEqual(create(secret({ type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } })), ['data[ssh-privatekey]: Required value']);
  assert.deepEqual(create(secret({ type: 'kubernetes.io/service-account-token' })), [
    'metadata.annotations[kubernetes.io/service-account.name]: Required value',
  ]);
  assert.deepEqual(create(secret({ data: { 'bad key': 'eA==' } })).length, 1);
});

test('type and immutable data cannot change', () => {
  const old = secret({ type: 'Opaque', immutable: true, data: { a: 'eA==' } });
  const changed = secret({ type: 'kubernetes.io/tls', immutable: false, data: { a: 'eQ==' } });
  assert.deepEqual((secrets.validateUpdate?.(changed, old, ctx) ?? []).map(fieldErrorString), [
    'type: Invalid value: "kubernetes.io/tls": field is immutable',
    'immutable: Forbidden: field is immutable when `immutable` is set',
    'data: Forbidden: field is immutable when `immutable` is set',
  ]);
});

test('table and field selector', () => {
  const s = secret({ type: 'Opaque', data: { username: 'bXl1c2Vy', password: 'bXlwYXNz' } });
  s.metadata.creationTimestamp = '2024-01-01T00:00:00Z';
  assert.deepEqual(secrets.table?.cells(s, new Date('2024-01-01T00:05:00Z')), ['Opaque', 2, '5m']);
  assert.equal(secrets.selectableFields?.type(s), 'Opaque');
});

test('secret manifests from the notes use only declared fields', () => {
  const docs = parseAllDocuments(`
apiVersion: v1
kind: Secret
metadata:
  name: my-secret
type: Opaque
data:
  username: bXl1c2Vy
  password: bXlwYXNz
---
apiVersion: v1
kind: Secret
metadata:
  name: secret-basic-auth
type: kubernetes.io/basic-auth
stringData:
  username: admin
  password: t0p-Secret
---
apiVersion: v1
kind: Secret
metadata:
  name: immutable
immutable: true
data:
  key: dmFsdWU=
`);
  for (const d of docs) {
    const obj = d.toJSON() as KObject;
    assert.deepEqual(checkStructure(secrets.schema, obj), { unknown: [], error: undefined });
    obj.metadata.namespace = 'default';
    assert.deepEqual(create(obj), []);
  }
});
