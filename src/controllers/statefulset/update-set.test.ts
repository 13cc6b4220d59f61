import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { templatePatch, type ControllerRevision } from '../history/index.js';
import { newStatefulSetPod } from './identity.js';
import type { StatefulPodControl } from './pod-control.js';
import { maxUnavailableOf, updateStatefulSet } from './update-set.js';
import type { StatefulPod, StatefulSet } from './types.js';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const rev = (name: string, image: string, n: number): ControllerRevision =>
  ({ metadata: { name }, revision: n, data: templatePatch({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } }) });
const V1 = rev('web-v1', 'nginx:1', 1);
const V2 = rev('web-v2', 'nginx:2', 2);

function set(replicas: number, spec: Partial<NonNullable<StatefulSet['spec']>> = {}): StatefulSet {
  return {
    metadata: { name: 'web', namespace: 'default', uid: 'set-uid', generation: 3 },
    spec: { replicas, serviceName: 'web', selector: { matchLabels: { app: 'web' } }, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, ...spec },
  };
}

/** A created pod of ordinal i at a revision, ready (for a minute) or not. */
function pod(s: StatefulSet, i: number, revision: ControllerRevision, ready: boolean, readyMsAgo = 60_000): StatefulPod {
  const p = newStatefulSetPod(s, i, revision.metadata.name ?? '');
  p.metadata.uid = `uid-${i}`;
  p.status = { phase: ready ? 'Running' : 'Pending', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: new Date(NOW - readyMsAgo).toISOString() }] };
  return p;
}

function fakeControl() {
  const calls: string[] = [];
  const ctl = {
    calls,
    async createPod(_s: StatefulSet, p: StatefulPod) { calls.push(`create ${p.metadata.name} ${String(p.metadata.labels?.['controller-revision-hash'])}`); },
    async deletePod(_s: StatefulSet, p: StatefulPod) { calls.push(`delete ${p.metadata.name}`); },
    async updatePod(_s: StatefulSet, p: StatefulPod) { calls.push(`update ${p.metadata.name}`); },
    async createMissingClaims() { /* nothing to do */ },
    async updateClaimsForRetention() { /* nothing to do */ },
    claimsMatchRetention: () => true,
    podClaimIsStale: () => false,
  };
  return { ctl: ctl as unknown as StatefulPodControl, calls };
}

describe('updateStatefulSet', () => {
  it('OrderedReady creates the lowest missing ordinal and waits for it', async () => {
    const s = set(3);
    const { ctl, calls } = fakeControl();
    await updateStatefulSet(ctl, s, V1, V1, 0, [], NOW);
    assert.deepEqual(calls, ['create web-0 web-v1']);
    const c2 = fakeControl();
    await updateStatefulSet(c2.ctl, s, V1, V1, 0, [pod(s, 0, V1, false)], NOW);
    assert.deepEqual(c2.calls, [], 'web-0 not ready: nothing else happens');
    const c3 = fakeControl();
    const out = await updateStatefulSet(c3.ctl, s, V1, V1, 0, [pod(s, 0, V1, true)], NOW);
    assert.deepEqual(c3.calls, ['create web-1 web-v1']);
    assert.deepEqual({ ...out.status }, { observedGeneration: 3, currentRevision: 'web-v1', updateRevision: 'web-v1', collisionCount: 0, replicas: 1, readyReplicas: 1, availableReplicas: 1, currentReplicas: 1, updatedReplicas: 1 });
  });

  it('waits minReadySeconds before going on, and counts availability by it', async () => {
    const s = set(2, { minReadySeconds: 30 });
    const { ctl, calls } = fakeControl();
    const out = await updateStatefulSet(ctl, s, V1, V1, 0, [pod(s, 0, V1, true, 5000)], NOW);
    assert.deepEqual(calls, []);
    assert.equal(out.status.readyReplicas, 1);
    assert.equal(out.status.availableReplicas, 0);
  });

  it('Parallel creates and deletes without waiting', async () => {
    const s = set(3, { podManagementPolicy: 'Parallel' });
    const { ctl, calls } = fakeControl();
    await updateStatefulSet(ctl, s, V1, V1, 0, [pod(s, 0, V1, false), pod(s, 4, V1, false), pod(s, 5, V1, true)], NOW);
    assert.deepEqual(calls.sort(), ['create web-1 web-v1', 'create web-2 web-v1', 'delete web-4', 'delete web-5']);
  });

  it('scales down from the highest ordinal, one at a time', async () => {
    const s = set(1);
    const { ctl, calls } = fakeControl();
    await updateStatefulSet(ctl, s, V1, V1, 0, [0, 1, 2].map((i) => pod(s, i, V1, true)), NOW);
    assert.deepEqual(calls, ['delete web-2']);
  });

  it('replaces failed pods', async () => {
    const s = set(1);
    const failed = pod(s, 0, V1, false);
    failed.status = { phase: 'Failed' };
    const { ctl, calls } = fakeControl();
    await updateStatefulSet(ctl, s, V1, V1, 0, [failed], NOW);
    assert.deepEqual(calls, ['delete web-0']);
  });

  it('rolls from the highest ordinal down to the partition; new pods below it are made at the current revision', async () => {
    const s = set(3, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    const all = [0, 1, 2].map((i) => pod(s, i, V1, true));
    const a = fakeControl();
    const out = await updateStatefulSet(a.ctl, s, V1, V2, 0, all, NOW);
    assert.deepEqual(a.calls, ['delete web-2']);
    assert.equal(out.status.currentReplicas, 2);
    const b = fakeControl();
    await updateStatefulSet(b.ctl, s, V1, V2, 0, [all[0], all[1], pod(s, 2, V2, false)], NOW);
    assert.deepEqual(b.calls, [], 'the updated web-2 is not ready yet');
    const c = fakeControl();
    await updateStatefulSet(c.ctl, s, V1, V2, 0, [all[0], all[1], pod(s, 2, V2, true)], NOW);
    assert.deepEqual(c.calls, [], 'web-1 is below the partition');
    const d = fakeControl();
    await updateStatefulSet(d.ctl, s, V1, V2, 0, [all[1], pod(s, 2, V2, true)], NOW);
    assert.deepEqual(d.calls, ['create web-0 web-v1']);
  });

  it('with maxUnavailable deletes that many old pods at once; OnDelete deletes none', async () => {
    assert.equal(maxUnavailableOf('50%', 3), 1);
    assert.equal(maxUnavailableOf('10%', 3), 1);
    assert.equal(maxUnavailableOf(2, 3), 2);
    const s = set(4, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0, maxUnavailable: 2 } } });
    const all = [0, 1, 2, 3].map((i) => pod(s, i, V1, true));
    const a = fakeControl();
    await updateStatefulSet(a.ctl, s, V1, V2, 0, all, NOW);
    assert.deepEqual(a.calls, ['delete web-3', 'delete web-2']);
    const onDelete = set(2, { updateStrategy: { type: 'OnDelete' } });
    const b = fakeControl();
    await updateStatefulSet(b.ctl, onDelete, V1, V2, 0, [0, 1].map((i) => pod(onDelete, i, V1, true)), NOW);
    assert.deepEqual(b.calls, []);
    const c = fakeControl();
    await updateStatefulSet(c.ctl, onDelete, V1, V2, 0, [pod(onDelete, 0, V1, true)], NOW);
    assert.deepEqual(c.calls, ['create web-1 web-v2'], 'OnDelete recreates at the update revision');
  });

  it('records the status and the error when a write fails', async () => {
    const s = set(1);
    const { ctl } = fakeControl();
    (ctl as unknown as { createPod: () => Promise<void> }).createPod = async () => { throw new Error('quota exceeded'); };
    const out = await updateStatefulSet(ctl, s, V1, V1, 0, [], NOW);
    assert.equal(out.error?.message, 'quota exceeded');
    assert.equal(out.status.replicas, 0);
  });
});
