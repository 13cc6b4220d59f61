import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { storageclasses, StorageClassSchema, storageClassNameCell, type StorageClassLike } from './storage-class.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

const LOCAL_PATH = `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-path
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
parameters:
  nodePath: /opt/local-path
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
mountOptions: [noatime]
allowedTopologies:
- matchLabelExpressions:
  - key: topology.kubernetes.io/zone
    values: [zone-a, zone-b]
`;

function sc(fields: Record<string, unknown>): StorageClassLike {
  return { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, ...fields };
}

function errors(obj: KObject): string[] {
  storageclasses.defaults?.(obj);
  return (storageclasses.validate?.(obj, CTX) ?? []).map(fieldErrorString);
}

test('a full StorageClass has no unknown fields and validates', () => {
  const doc = parse(LOCAL_PATH) as StorageClassLike;
  assert.deepEqual(checkStructure(StorageClassSchema, doc as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(errors(doc), []);
});

test('reclaimPolicy defaults to Delete and volumeBindingMode to Immediate', () => {
  const obj = sc({ provisioner: 'kubernetes.io/no-provisioner' });
  storageclasses.defaults?.(obj);
  assert.equal(obj.reclaimPolicy, 'Delete');
  assert.equal(obj.volumeBindingMode, 'Immediate');
});

test('provisioner is required; enums are checked; topology terms may not repeat', () => {
  assert.deepEqual(errors(sc({})), ['provisioner: Required value']);
  assert.deepEqual(errors(sc({ provisioner: 'x', reclaimPolicy: 'Recycle', volumeBindingMode: 'Later' })), [
    'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"',
    'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
  ]);
  const term = { matchLabelExpressions: [{ key: 'zone', values: ['a', 'a'] }] };
  assert.deepEqual(errors(sc({ provisioner: 'x', allowedTopologies: [term, { matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }, { matchLabelExpressions: [{ key: 'z', values: [] }] }] })), [
    'allowedTopologies[0].matchLabelExpressions[0].values[1]: Duplicate value: "a"',
    'allowedTopologies[1].matchLabelExpressions: Duplicate value: ""',
    'allowedTopologies[2].matchLabelExpressions[0].values: Required value',
  ]);
});

test('provisioner, parameters and reclaimPolicy cannot change; nor can volumeBindingMode', () => {
  const old = sc({ provisioner: 'a.io/x', parameters: { type: 'ssd' }, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  const changed = sc({ provisioner: 'b.io/x', parameters: { type: 'hdd' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
  assert.deepEqual((storageclasses.validateUpdate?.(changed, old, CTX) ?? []).map(fieldErrorString), [
    'parameters: Forbidden: updates to parameters are forbidden.',
    'provisioner: Forbidden: updates to provisioner are forbidden.',
    'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
    'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
  ]);
  assert.deepEqual(storageclasses.validateUpdate?.(sc({ ...old, allowVolumeExpansion: true }), old, CTX), []);
});

test('table cells, and the NAME cell marks the default class', () => {
  const doc = parse(LOCAL_PATH) as StorageClassLike;
  doc.metadata.creationTimestamp = '2024-05-01T11:00:00Z';
  assert.deepEqual(storageclasses.table?.cells(doc, new Date('2024-05-01T12:00:00Z')),
    ['rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', true, '60m']);
  assert.equal(storageClassNameCell(doc), 'local-path (default)');
  assert.equal(storageClassNameCell(sc({ provisioner: 'x' })), 'fast');
  assert.deepEqual(storageclasses.table?.cells(sc({ provisioner: 'x' }), new Date()).slice(0, 4), ['x', 'Delete', 'Immediate', false]);
});
