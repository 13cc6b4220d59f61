import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSelector } from '../../api/index.js';
import { findBestMatch, volumeMismatch } from './matching.js';
import type { PersistentVolume, PersistentVolumeClaim } from './objects.js';

function claim(o: { size?: string; cls?: string | null; modes?: string[]; selector?: LabelSelector; mode?: string } = {}): PersistentVolumeClaim {
  return {
    metadata: { name: 'data', namespace: 'default', uid: 'u-1' },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '1Gi' } },
      storageClassName: o.cls === null ? undefined : o.cls ?? '', selector: o.selector, volumeMode: o.mode,
    },
  };
}

function volume(name: string, o: { size?: string; cls?: string; modes?: string[]; phase?: string; labels?: Record<string, string>; ref?: { name: string; uid?: string }; mode?: string; deleting?: boolean } = {}): PersistentVolume {
  return {
    metadata: { name, labels: o.labels, deletionTimestamp: o.deleting ? '2024-01-01T00:00:00Z' : undefined },
    spec: {
      capacity: { storage: o.size ?? '1Gi' }, accessModes: o.modes ?? ['ReadWriteOnce'], storageClassName: o.cls ?? '',
      claimRef: o.ref ? { namespace: 'default', name: o.ref.name, uid: o.ref.uid } : undefined, volumeMode: o.mode,
    },
    status: { phase: o.phase ?? 'Available' },
  };
}

const names = (v: PersistentVolume | undefined): string | undefined => v?.metadata.name;

describe('findBestMatch', () => {
  it('takes the smallest available volume that is big enough, of the same class', () => {
    const vols = [volume('small', { size: '500Mi' }), volume('big', { size: '10Gi' }), volume('mid', { size: '2Gi' }), volume('other', { size: '1Gi', cls: 'fast' })];
    assert.equal(names(findBestMatch(claim({ size: '1Gi' }), vols, false)), 'mid');
    assert.equal(names(findBestMatch(claim({ size: '1Gi', cls: 'fast' }), vols, false)), 'other');
    assert.equal(names(findBestMatch(claim({ size: '20Gi' }), vols, false)), undefined);
  });

  it('skips volumes that are claimed, not Available, being deleted, of another mode or missing an access mode', () => {
    const vols = [
      volume('taken', { ref: { name: 'else', uid: 'u-9' } }), volume('released', { phase: 'Released' }), volume('gone', { deleting: true }),
      volume('block', { mode: 'Block' }), volume('rox', { modes: ['ReadOnlyMany'] }),
    ];
    assert.equal(findBestMatch(claim(), vols, false), undefined);
    assert.equal(names(findBestMatch(claim({ mode: 'Block' }), vols, false)), 'block');
  });

  it('prefers the volume with the fewest access modes, and honours the label selector', () => {
    const vols = [volume('many', { modes: ['ReadWriteOnce', 'ReadWriteMany'], size: '1Gi' }), volume('one', { size: '5Gi', labels: { tier: 'gold' } })];
    assert.equal(names(findBestMatch(claim(), vols, false)), 'one');
    assert.equal(names(findBestMatch(claim({ selector: { matchLabels: { tier: 'silver' } } }), vols, false)), undefined);
    assert.equal(names(findBestMatch(claim({ selector: { matchLabels: { tier: 'gold' } } }), vols, false)), 'one');
  });

  it('returns a volume pre-bound to the claim before anything else, even for WaitForFirstConsumer', () => {
    const vols = [volume('free', { size: '1Gi' }), volume('mine', { size: '3Gi', ref: { name: 'data' }, cls: 'x' })];
    assert.equal(names(findBestMatch(claim(), vols, false)), 'mine', 'class is not checked for a pre-bound volume');
    assert.equal(names(findBestMatch(claim(), vols, true)), 'mine');
    assert.equal(findBestMatch(claim(), [volume('free')], true), undefined, 'delayed binding leaves free volumes to the scheduler');
    assert.equal(findBestMatch(claim(), [volume('old', { ref: { name: 'data', uid: 'u-old' } })], false), undefined, 'a reference to an older claim of that name');
  });
});

describe('volumeMismatch', () => {
  it('says why a requested volume does not fit, in Kubernetes\' words', () => {
    assert.equal(volumeMismatch(volume('v', { size: '100Mi' }), claim({ size: '150Mi' })), 'requested PV is too small');
    assert.equal(volumeMismatch(volume('v', { cls: 'slow' }), claim()), 'storageClassName does not match');
    assert.equal(volumeMismatch(volume('v', { mode: 'Block' }), claim()), 'incompatible volumeMode');
    assert.equal(volumeMismatch(volume('v', { modes: ['ReadOnlyMany'] }), claim()), 'incompatible accessMode');
    assert.equal(volumeMismatch(volume('v'), claim()), undefined);
    assert.equal(volumeMismatch(volume('v'), claim({ cls: null })), undefined, 'no class on either side');
  });
});
