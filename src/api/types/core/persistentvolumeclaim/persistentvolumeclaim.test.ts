import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { fieldErrorString } from '../../../meta/field-errors.js';
import type { KObject } from '../../../meta/object-meta.js';
import { checkStructure } from '../../../schema/structural.js';
import { persistentvolumeclaims } from './index.js';

const ctx = { serviceCIDRs: ['10.43.0.0/16'], nodePortRange: [30000, 32767] as [number, number] };

const NOTES_PVC = `
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: my-pvc
spec:
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 10Gi
`;

function claim(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'default' }, spec };
}

function create(obj: KObject): string[] {
  persistentvolumeclaims.defaults?.(obj);
  persistentvolumeclaims.prepareForCreate?.(obj);
  return (persistentvolumeclaims.validate?.(obj, ctx) ?? []).map(fieldErrorString);
}

test('the notes\' claim uses only declared fields, is valid and gets defaults', () => {
  const pvc = parse(NOTES_PVC) as KObject;
  assert.deepEqual(checkStructure(persistentvolumeclaims.schema, pvc), { unknown: [], error: undefined });
  pvc.metadata.namespace = 'default';
  assert.deepEqual(create(pvc), []);
  assert.equal((pvc.spec as Record<string, unknown>).volumeMode, 'Filesystem');
  assert.deepEqual(pvc.status, { phase: 'Pending' });
  const full = parse(`
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: full, namespace: default}
spec:
  accessModes: [ReadWriteOnce]
  selector: {matchLabels: {tier: db}}
  resources: {requests: {storage: 1Gi}, limits: {storage: 2Gi}}
  storageClassName: standard
  volumeMode: Block
  dataSource: {kind: PersistentVolumeClaim, name: src}
  dataSourceRef: {kind: PersistentVolumeClaim, name: src}
  volumeAttributesClassName: fast
status:
  phase: Bound
  accessModes: [ReadWriteOnce]
  capacity: {storage: 1Gi}
  allocatedResources: {storage: 1Gi}
  allocatedResourceStatuses: {storage: ControllerResizeInProgress}
  currentVolumeAttributesClassName: fast
  modifyVolumeStatus: {targetVolumeAttributesClassName: faster, status: InProgress}
  conditions: [{type: Resizing, status: "True", lastProbeTime: null, lastTransitionTime: "2024-01-01T00:00:00Z"}]
`) as KObject;
  assert.deepEqual(checkStructure(persistentvolumeclaims.schema, full), { unknown: [], error: undefined });
  assert.deepEqual(create(full), []);
});

test('validation messages', () => {
  assert.deepEqual(create(claim({})), [
    'spec.accessModes: Required value: at least 1 access mode is required',
    'spec.resources[storage]: Required value',
  ]);
  assert.deepEqual(create(claim({ accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '0' } } })), [
    'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    'spec.resources[storage]: Invalid value: "0": must be greater than zero',
  ]);
  assert.deepEqual(create(claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSource: { kind: 'Snapshot', name: 's' } })), [
    'spec.dataSource: Invalid value: "Snapshot": must be \'PersistentVolumeClaim\' when referencing the default apiGroup',
  ]);
});

test('the spec is immutable except binding, and growing a bound claim', () => {
  const old = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' });
  old.status = { phase: 'Pending' };
  const bind = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', volumeName: 'pv-1' });
  persistentvolumeclaims.prepareForUpdate?.(bind, old);
  assert.deepEqual(persistentvolumeclaims.validateUpdate?.(bind, old, ctx), []);

  const grow = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, volumeMode: 'Filesystem' });
  persistentvolumeclaims.prepareForUpdate?.(grow, old);
  const errs = (persistentvolumeclaims.validateUpdate?.(grow, old, ctx) ?? []).map(fieldErrorString);
  assert.equal(errs.length, 1);
  assert.match(errs[0], /^spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);

  const bound = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', volumeName: 'pv-1' });
  bound.status = { phase: 'Bound', capacity: { storage: '1Gi' } };
  const bigger = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, volumeMode: 'Filesystem', volumeName: 'pv-1' });
  persistentvolumeclaims.prepareForUpdate?.(bigger, bound);
  assert.deepEqual(persistentvolumeclaims.validateUpdate?.(bigger, bound, ctx), []);
  const smaller = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '512Mi' } }, volumeMode: 'Filesystem', volumeName: 'pv-1' });
  persistentvolumeclaims.prepareForUpdate?.(smaller, bound);
  assert.deepEqual((persistentvolumeclaims.validateUpdate?.(smaller, bound, ctx) ?? []).map(fieldErrorString), [
    'spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
  ]);
});

test('table columns as kubectl get pvc shows them', () => {
  const pvc = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, volumeName: 'my-pv', storageClassName: 'standard', volumeMode: 'Filesystem' });
  pvc.metadata.creationTimestamp = '2024-03-01T11:59:00Z';
  pvc.status = { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } };
  assert.deepEqual(persistentvolumeclaims.table?.cells(pvc, new Date('2024-03-01T12:00:00Z')), [
    'Bound', 'my-pv', '10Gi', 'RWO', 'standard', '<unset>', '60s', 'Filesystem',
  ]);
  const pending = claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } });
  pending.status = { phase: 'Pending' };
  assert.deepEqual(persistentvolumeclaims.table?.cells(pending, new Date()).slice(0, 6), ['Pending', '', '', '', '', '<unset>']);
});
