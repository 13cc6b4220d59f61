import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimOwnerRefsFor, isClaimOwnerUpToDate } from './claim-retention.js';
import type { PersistentVolumeClaim, StatefulPod, StatefulSet } from './types.js';

const set = (whenScaled: string, whenDeleted: string, replicas = 2): StatefulSet =>
  ({ metadata: { name: 'db', uid: 'set' }, spec: { replicas, persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } } });
const pod = (i: number): StatefulPod => ({ metadata: { name: `db-${i}`, uid: `pod-${i}` } });
const claim = (refs: PersistentVolumeClaim['metadata']['ownerReferences'] = undefined): PersistentVolumeClaim => ({ metadata: { name: 'data-db-1', ownerReferences: refs } });
const kinds = (c: PersistentVolumeClaim, s: StatefulSet, p: StatefulPod): string[] => claimOwnerRefsFor(c, s, p).map((r) => `${r.kind}/${r.name}`);

describe('claim retention', () => {
  it('wants the owners each policy calls for, by whether the pod is scaled away', () => {
    assert.deepEqual(kinds(claim(), set('Retain', 'Retain'), pod(1)), []);
    assert.deepEqual(kinds(claim(), set('Retain', 'Delete'), pod(1)), ['StatefulSet/db']);
    assert.deepEqual(kinds(claim(), set('Delete', 'Retain'), pod(1)), []);
    assert.deepEqual(kinds(claim(), set('Delete', 'Retain', 1), pod(1)), ['Pod/db-1']);
    assert.deepEqual(kinds(claim(), set('Delete', 'Delete'), pod(1)), ['StatefulSet/db']);
    assert.deepEqual(kinds(claim(), set('Delete', 'Delete', 1), pod(1)), ['Pod/db-1']);
  });

  it('says whether a claim is up to date, leaving stale references alone', () => {
    const s = set('Retain', 'Delete');
    assert.equal(isClaimOwnerUpToDate(claim(), s, pod(1)), false);
    const owned = claim(claimOwnerRefsFor(claim(), s, pod(1)));
    assert.equal(isClaimOwnerUpToDate(owned, s, pod(1)), true);
    assert.equal(isClaimOwnerUpToDate(owned, set('Retain', 'Retain'), pod(1)), false, 'the policy changed back');
    const stale = claim([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'older-set', controller: true }]);
    assert.equal(isClaimOwnerUpToDate(stale, s, pod(1)), true);
    const other = claim([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'x', controller: true }]);
    assert.equal(isClaimOwnerUpToDate(other, s, pod(1)), true, 'another controller: not touched');
    assert.deepEqual(kinds(other, s, pod(1)), ['ReplicaSet/x']);
  });
});
