import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeNode, makePod, makeSnapshot, preparedCycle } from '../../fixtures.js';
import type { PersistentVolumeClaimView, PersistentVolumeView, PodView } from '../../types.js';
import type { Snapshot } from '../../snapshot.js';
import {
  ERR_REASON_BIND_CONFLICT, ERR_REASON_NODE_CONFLICT, ERR_REASON_PV_NOT_EXIST, findPodVolumes, podVolumeClaims, volumeBinding,
} from './volume-binding.js';

function claim(name: string, o: { class?: string; volumeName?: string; bound?: boolean; size?: string } = {}): PersistentVolumeClaimView {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { storageClassName: o.class, volumeName: o.volumeName, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '1Gi' } } },
    status: { phase: o.bound ? 'Bound' : 'Pending' },
  };
}

function volume(name: string, o: { class?: string; size?: string; node?: string; claimRef?: string; phase?: string } = {}): PersistentVolumeView {
  return {
    metadata: { name },
    spec: {
      storageClassName: o.class ?? 'local', capacity: { storage: o.size ?? '1Gi' }, accessModes: ['ReadWriteOnce'],
      claimRef: o.claimRef ? { namespace: 'default', name: o.claimRef } : undefined,
      nodeAffinity: o.node ? { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.node] }] }] } } : undefined,
    },
    status: { phase: o.phase ?? 'Available' },
  };
}

function usingClaims(...names: string[]): PodView {
  return makePod('p', { volumes: names.map((n) => ({ name: n, persistentVolumeClaim: { claimName: n } })) });
}

function world(): Snapshot {
  const s = makeSnapshot([makeNode('node-1'), makeNode('node-2')]);
  s.upsertStorageClass({ metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
  s.upsertStorageClass({ metadata: { name: 'fast' }, provisioner: 'csi.example.com', volumeBindingMode: 'Immediate' });
  s.upsertStorageClass({
    metadata: { name: 'zonal' }, provisioner: 'csi.example.com', volumeBindingMode: 'WaitForFirstConsumer',
    allowedTopologies: [{ matchLabelExpressions: [{ key: 'kubernetes.io/hostname', values: ['node-2'] }] }],
  });
  return s;
}

function verdicts(s: Snapshot, pod: PodView): Array<string | null> | string {
  const { c, pre } = preparedCycle(pod, s, [volumeBinding]);
  if (pre.status) return pre.status.reasons.join(', ');
  if (c.state.skipFilter.has('VolumeBinding')) return 'skipped';
  return s.nodes.map((n) => volumeBinding.filter(c, n)?.reasons.join(', ') ?? null);
}

describe('VolumeBinding', () => {
  it('skips pods without claims and rejects missing, deleted or immediate unbound claims in PreFilter', () => {
    const s = world();
    assert.equal(verdicts(s, makePod('p')), 'skipped');
    assert.equal(verdicts(s, usingClaims('data')), 'persistentvolumeclaim "data" not found');
    s.upsertPVC(claim('data', { class: 'fast' }));
    assert.equal(verdicts(s, usingClaims('data')), 'pod has unbound immediate PersistentVolumeClaims');
    s.upsertPVC({ ...claim('data', { class: 'fast' }), metadata: { name: 'data', namespace: 'default', deletionTimestamp: '2024-01-01T00:00:00Z' } });
    assert.equal(verdicts(s, usingClaims('data')), 'persistentvolumeclaim "data" is being deleted');
    s.upsertPVC(claim('data'));
    assert.equal(verdicts(s, usingClaims('data')), 'pod has unbound immediate PersistentVolumeClaims', 'no class: immediate');
  });

  it('follows a bound claim to its volume\'s node', () => {
    const s = world();
    s.upsertPVC(claim('data', { class: 'local', volumeName: 'pv-1', bound: true }));
    assert.deepEqual(verdicts(s, usingClaims('data')), [ERR_REASON_PV_NOT_EXIST, ERR_REASON_PV_NOT_EXIST]);
    s.upsertPV(volume('pv-1', { node: 'node-2', claimRef: 'data', phase: 'Bound' }));
    assert.deepEqual(verdicts(s, usingClaims('data')), [ERR_REASON_NODE_CONFLICT, null]);
  });

  it('finds the smallest fitting available volume for a WaitForFirstConsumer claim on each node', () => {
    const s = world();
    s.upsertPVC(claim('data', { class: 'local', size: '5Gi' }));
    s.upsertPV(volume('small', { node: 'node-1', size: '1Gi' }));
    assert.deepEqual(verdicts(s, usingClaims('data')), [ERR_REASON_BIND_CONFLICT, ERR_REASON_BIND_CONFLICT]);
    s.upsertPV(volume('big', { node: 'node-1', size: '10Gi' }));
    s.upsertPV(volume('bigger', { node: 'node-1', size: '20Gi' }));
    s.upsertPV(volume('taken', { node: 'node-2', size: '10Gi', claimRef: 'other', phase: 'Bound' }));
    assert.deepEqual(verdicts(s, usingClaims('data')), [null, ERR_REASON_BIND_CONFLICT]);
    const claims = podVolumeClaims(s, preparedCycle(usingClaims('data'), s, []).c.pod);
    assert.ok(claims && !('code' in claims));
    const r = findPodVolumes(s, claims, s.nodeInfo('node-1')!);
    assert.deepEqual(r.staticBindings.map((b) => b.pv.metadata.name), ['big']);
  });

  it('does not give one volume to two claims', () => {
    const s = world();
    s.upsertPVC(claim('a', { class: 'local' }));
    s.upsertPVC(claim('b', { class: 'local' }));
    s.upsertPV(volume('only', { node: 'node-1' }));
    assert.deepEqual(verdicts(s, usingClaims('a', 'b')), [ERR_REASON_BIND_CONFLICT, ERR_REASON_BIND_CONFLICT]);
  });

  it('lets a provisioning class take the claim where its allowedTopologies allow', () => {
    const s = world();
    s.upsertPVC(claim('data', { class: 'zonal' }));
    assert.deepEqual(verdicts(s, usingClaims('data')), [ERR_REASON_BIND_CONFLICT, null]);
  });
});
