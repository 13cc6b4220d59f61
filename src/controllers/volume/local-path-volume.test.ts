import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { localPathClaimError, localPathDir, localPathVolume, LOCAL_PATH_DIR_ANNOTATION } from './local-path-volume.js';
import type { Node, PersistentVolumeClaim, StorageClass } from './objects.js';

const claim: PersistentVolumeClaim = {
  metadata: { name: 'data', namespace: 'shop', uid: '1234-abcd', resourceVersion: '7' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } }, storageClassName: 'local-path', volumeMode: 'Filesystem' },
};
const node: Node = { metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1-host' }, annotations: { [LOCAL_PATH_DIR_ANNOTATION]: '/var/lib/navarch/storage/' } } };
const cls: StorageClass = { metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };

describe('localPathVolume', () => {
  it('makes pvc-<uid> as rancher\'s provisioner does: hostPath dir, node affinity, claimRef, class reclaim policy', () => {
    const dir = localPathDir(node, 'n1');
    assert.deepEqual(dir, { dir: '/var/lib/navarch/storage' });
    const pv = localPathVolume(claim, cls, node, '/var/lib/navarch/storage');
    assert.equal(pv.metadata.name, 'pvc-1234-abcd');
    assert.equal(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'], 'rancher.io/local-path');
    assert.deepEqual(pv.spec?.hostPath, { path: '/var/lib/navarch/storage/pvc-1234-abcd_shop_data', type: 'DirectoryOrCreate' });
    assert.deepEqual(pv.spec?.nodeAffinity, { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1-host'] }] }] } });
    assert.deepEqual(pv.spec?.claimRef, { kind: 'PersistentVolumeClaim', namespace: 'shop', name: 'data', uid: '1234-abcd', apiVersion: 'v1', resourceVersion: '7' });
    assert.equal(pv.spec?.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(pv.spec?.storageClassName, 'local-path');
    assert.deepEqual(pv.spec?.capacity, { storage: '2Gi' });
    assert.equal(localPathVolume(claim, { ...cls, reclaimPolicy: 'Retain' }, node, '/d').spec?.persistentVolumeReclaimPolicy, 'Retain');
  });

  it('refuses selectors, shared access modes and block volumes; needs a node that announces its directory', () => {
    assert.equal(localPathClaimError(claim), undefined);
    assert.equal(localPathClaimError({ ...claim, spec: { ...claim.spec, selector: { matchLabels: { a: 'b' } } } }), 'claim.Spec.Selector is not supported');
    assert.match(localPathClaimError({ ...claim, spec: { ...claim.spec, accessModes: ['ReadWriteMany'] } }) ?? '', /only supports ReadWriteOnce and ReadWriteOncePod/);
    assert.equal(localPathClaimError({ ...claim, spec: { ...claim.spec, accessModes: ['ReadWriteOncePod'] } }), undefined);
    assert.match(localPathClaimError({ ...claim, spec: { ...claim.spec, volumeMode: 'Block' } }) ?? '', /Filesystem/);
    assert.deepEqual(localPathDir(undefined, 'n9'), { error: 'nodes "n9" not found' });
    assert.ok('error' in localPathDir({ metadata: { name: 'n1' } }, 'n1'));
    assert.ok('error' in localPathDir({ metadata: { name: 'n1', annotations: { [LOCAL_PATH_DIR_ANNOTATION]: 'relative' } } }, 'n1'));
  });
});
