import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import { checkStructure } from '../../../schema/structural.js';
import { persistentvolumes } from './index.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

function pv(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'my-pv' }, spec };
}

function create(obj: KObject): string[] {
  persistentvolumes.defaults?.(obj);
  persistentvolumes.prepareForCreate?.(obj);
  return (persistentvolumes.validate?.(obj, ctx) ?? []).map(fieldErrorString);
}

const NOTES = `
apiVersion: v1
kind: PersistentVolume
metadata:
  name: my-pv
spec:
  capacity:
    storage: 10Gi
  volumeMode: Filesystem
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Retain
  nfs:
    path: /path/to/nfs
    server: nfs-server.example.com
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: my-ebs-volume
  annotations:
    pv.kubernetes.io/provisioned-by: ebs.csi.aws.com
spec:
  capacity:
    storage: 10Gi
  volumeMode: Filesystem
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Retain
  csi:
    driver: ebs.csi.aws.com
    volumeHandle: "vol-xxxxxxxx"
    fsType: ext4
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: local-pv
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOncePod]
  storageClassName: local-storage
  mountOptions: [noatime]
  claimRef: {namespace: default, name: data, apiVersion: v1, kind: PersistentVolumeClaim}
  local: {path: /mnt/disks/ssd1}
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - {key: kubernetes.io/hostname, operator: In, values: [node-1]}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: host}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany, ReadOnlyMany]
  hostPath: {path: /data/pv1, type: DirectoryOrCreate}
`;

test('the notes\' volumes use only declared fields, are valid and get defaults', () => {
  for (const d of parseAllDocuments(NOTES)) {
    const obj = d.toJSON() as KObject;
    assert.deepEqual(checkStructure(persistentvolumes.schema, obj), { unknown: [], error: undefined });
    assert.deepEqual(create(obj), [], obj.metadata.name);
    const status = obj.status as { phase: string; lastPhaseTransitionTime: string };
    assert.equal(status.phase, 'Pending');
    assert.match(status.lastPhaseTransitionTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  }
  const bare = pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp/x' } });
  create(bare);
  assert.equal((bare.spec as Record<string, unknown>).persistentVolumeReclaimPolicy, 'Retain');
  assert.equal((bare.spec as Record<string, unknown>).volumeMode, 'Filesystem');
});

test('validation messages', () => {
  assert.deepEqual(create(pv({})), [
    'spec.accessModes: Required value',
    'spec.capacity: Required value',
    'spec.capacity: Unsupported value: core.ResourceList{}: supported values: "storage"',
    'spec: Required value: must specify a volume type',
  ]);
  assert.deepEqual(create(pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], nfs: { server: 's', path: 'rel' }, hostPath: { path: '/x' } })), [
    'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
    'spec.nfs: Forbidden: may not specify more than 1 volume type',
  ]);
  assert.deepEqual(create(pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 's', path: 'rel' }, persistentVolumeReclaimPolicy: 'Keep' })), [
    'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
    'spec.nfs.path: Invalid value: "rel": must be an absolute path',
  ]);
  assert.deepEqual(create(pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt' } })), [
    'spec.nodeAffinity: Required value: Local volume requires node affinity',
  ]);
  assert.deepEqual(create(pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver: 'x' }, nodeAffinity: { required: { nodeSelectorTerms: [] } } })), [
    'spec.nodeAffinity.required.nodeSelectorTerms: Required value: must have at least one node selector term',
    'spec.csi.volumeHandle: Required value',
  ]);
});

test('the volume source is fixed after creation', () => {
  const old = pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 's', path: '/a' }, volumeMode: 'Filesystem' });
  const next = pv({ capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 's', path: '/b' }, volumeMode: 'Block' });
  const errs = (persistentvolumes.validateUpdate?.(next, old, ctx) ?? []).map(fieldErrorString);
  assert.equal(errs.length, 2);
  assert.match(errs[0], /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/);
  assert.equal(errs[1], 'volumeMode: Invalid value: "Block": field is immutable');
  const resized = pv({ capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], nfs: { server: 's', path: '/a' }, volumeMode: 'Filesystem' });
  assert.deepEqual(persistentvolumes.validateUpdate?.(resized, old, ctx), []);
});

test('table columns as kubectl get pv shows them', () => {
  const v = pv({ capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], persistentVolumeReclaimPolicy: 'Retain',
    claimRef: { namespace: 'default', name: 'my-pvc' }, storageClassName: 'standard', volumeMode: 'Filesystem', nfs: { server: 's', path: '/' } });
  v.metadata.creationTimestamp = '2024-03-01T11:00:00Z';
  v.status = { phase: 'Bound' };
  assert.deepEqual(persistentvolumes.table?.cells(v, new Date('2024-03-01T12:00:00Z')), [
    '10Gi', 'RWO,ROX', 'Retain', 'Bound', 'default/my-pvc', 'standard', '<unset>', '', '60m', 'Filesystem',
  ]);
  assert.deepEqual(persistentvolumes.table?.columns.map((c) => c.name), [
    'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode',
  ]);
});
