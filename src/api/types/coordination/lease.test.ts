import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldErrorString } from '../../meta/field-errors.js';
import type { KObject } from '../../meta/object-meta.js';
import { checkStructure } from '../../schema/structural.js';
import { leases, LeaseSchema } from './lease.js';

const CTX = { serviceCIDRs: [], nodePortRange: [30000, 32767] as [number, number] };

function lease(spec: Record<string, unknown>): KObject {
  return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease', creationTimestamp: '2024-05-01T11:59:00Z' }, spec } as KObject;
}

function errors(obj: KObject): string[] {
  return (leases.validate?.(obj, CTX) ?? []).map(fieldErrorString);
}

test('a node heartbeat lease has no unknown fields and validates', () => {
  const obj = lease({
    holderIdentity: 'node-1', leaseDurationSeconds: 40, acquireTime: '2024-05-01T11:59:00.000000Z',
    renewTime: '2024-05-01T12:00:00.123456Z', leaseTransitions: 0,
  });
  assert.deepEqual(checkStructure(LeaseSchema, obj as unknown as Record<string, unknown>), { unknown: [], error: undefined });
  assert.deepEqual(errors(obj), []);
});

test('durations must be positive, transitions not negative, preferredHolder needs a strategy', () => {
  assert.deepEqual(errors(lease({ leaseDurationSeconds: 0, leaseTransitions: -1, preferredHolder: 'a' })), [
    'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
    'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    'spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined',
  ]);
  assert.deepEqual(errors(lease({ strategy: 'Newest' })),
    ['spec.strategy.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion"']);
  assert.deepEqual(errors(lease({ strategy: 'example.com/custom', preferredHolder: 'b' })), []);
});

test('table: holder and age', () => {
  assert.deepEqual(leases.table?.cells(lease({ holderIdentity: 'node-1' }), new Date('2024-05-01T12:00:00Z')), ['node-1', '60s']);
  assert.deepEqual(leases.table?.cells(lease({}), new Date('2024-05-01T12:00:00Z')), ['', '60s']);
});
