import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { csidrivers, CSIDriverSchema, type CSIDriverLike } from './csi-driver.js';
import { csinodes, CSINodeSchema } from './csi-node.js';
import { csistoragecapacities, CSIStorageCapacitySchema } from './csi-storage-capacity.js';
import { volumeattachments, VolumeAttachmentSchema } from './volume-attachment.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };
const T0 = '2024-01-01T00:00:00Z';
const NOW = new Date('2024-01-01T00:00:04Z');

test('CSIDriver: v1 defaults, validation and columns', () => {
  const d: CSIDriverLike = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'hostpath.csi.k8s.io', creationTimestamp: T0 },
    spec: { podInfoOnMount: true, volumeLifecycleModes: ['Persistent', 'Ephemeral'] } };
  assert.deepEqual(checkStructure(CSIDriverSchema, d as Record<string, unknown>), { unknown: [], error: undefined });
  csidrivers.defaults?.(d);
  assert.deepEqual(d.spec, { podInfoOnMount: true, volumeLifecycleModes: ['Persistent', 'Ephemeral'], attachRequired: true, storageCapacity: false,
    fsGroupPolicy: 'ReadWriteOnceWithFSType', requiresRepublish: false, seLinuxMount: false });
  assert.deepEqual(csidrivers.validate?.(d, CTX), []);
  assert.deepEqual(csidrivers.table?.cells(d, NOW), [true, true, false, '<unset>', false, 'Persistent,Ephemeral', '4s']);
  const bad = { metadata: { name: 'x.io' }, spec: { attachRequired: true, podInfoOnMount: false, fsGroupPolicy: 'Always', tokenRequests: [{ audience: 'a', expirationSeconds: 60 }, { audience: 'a' }] } };
  assert.deepEqual((csidrivers.validate?.(bad, CTX) ?? []).map(fieldErrorString), [
    'spec.fsGroupPolicy: Unsupported value: "Always": supported values: "File", "None", "ReadWriteOnceWithFSType"',
    'spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    'spec.tokenRequests[1].audience: Duplicate value: "a"',
  ]);
});

test('CSINode, CSIStorageCapacity and VolumeAttachment validate and show their columns', () => {
  const node: KObject = { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: 'node1', creationTimestamp: T0 },
    spec: { drivers: [{ name: 'hostpath.csi.k8s.io', nodeID: 'node1', topologyKeys: ['topology.hostpath.csi/node'] }] } };
  assert.deepEqual(checkStructure(CSINodeSchema, node as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(csinodes.validate?.(node, CTX), []);
  assert.deepEqual(csinodes.table?.cells(node, NOW), [1, '4s']);
  const cap: KObject = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIStorageCapacity', metadata: { name: 'c1', namespace: 'default' },
    storageClassName: 'local-path', capacity: '10Gi', nodeTopology: { matchLabels: { 'kubernetes.io/hostname': 'node1' } } };
  assert.deepEqual(checkStructure(CSIStorageCapacitySchema, cap as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(csistoragecapacities.validate?.(cap, CTX), []);
  assert.deepEqual(csistoragecapacities.table?.cells(cap, NOW), ['local-path', '10Gi']);
  assert.deepEqual(csistoragecapacities.table?.cells({ ...cap, capacity: undefined } as KObject, NOW), ['local-path', '<unset>']);
  const va: KObject = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'va1', creationTimestamp: T0 },
    spec: { attacher: 'hostpath.csi.k8s.io', source: { persistentVolumeName: 'pv1' }, nodeName: 'node1' } };
  assert.deepEqual(checkStructure(VolumeAttachmentSchema, va as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(volumeattachments.validate?.(va, CTX), []);
  assert.deepEqual(volumeattachments.table?.cells(va, NOW), ['hostpath.csi.k8s.io', 'pv1', 'node1', false, '4s']);
  const moved = structuredClone(va) as KObject & { spec: Record<string, unknown> };
  moved.spec.nodeName = 'node2';
  assert.equal((volumeattachments.validateUpdate?.(moved, va, CTX) ?? []).map(fieldErrorString)[0]?.endsWith('field is immutable'), true);
  const errs = (volumeattachments.validate?.({ metadata: { name: 'v' }, spec: { source: {} } }, CTX) ?? []).map(fieldErrorString);
  assert.deepEqual(errs.filter((e) => !e.startsWith('spec.attacher: Invalid value')), [
    'spec.attacher: Required value',
    'spec.source: Invalid value: storage.VolumeAttachmentSource{PersistentVolumeName:(*string)(nil), InlineVolumeSpec:(*core.PersistentVolumeSpec)(nil)}: must specify exactly one of inlineVolumeSpec and persistentVolumeName',
    'spec.nodeName: Required value',
  ]);
});
