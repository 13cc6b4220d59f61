/** VolumeBinding's PreBind against an in-process API server; the test plays the PV controller and provisioner. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../api/index.js';
import type { ResourceClient } from '../../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../../testing/index.js';
import type { PersistentVolumeClaimView, PersistentVolumeView, PodView } from '../../types.js';
import { ANN_SELECTED_NODE, bindPodVolumes, rememberPodVolumes, takePodVolumes } from './pre-bind.js';
import type { PodVolumes } from './volume-binding.js';

let fx: ApiFixture;
before(async () => { fx = await startApiFixture(); });
after(async () => { await fx.stop(); });

const pvcs = (): ResourceClient<PersistentVolumeClaimView> => fx.clientset.resource<PersistentVolumeClaimView>({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }).namespace('default');
const pvs = (): ResourceClient<PersistentVolumeView> => fx.clientset.resource<PersistentVolumeView>({ group: '', version: 'v1', resource: 'persistentvolumes' });
const pods = (): ResourceClient<PodView> => fx.clientset.resource<PodView>({ group: '', version: 'v1', resource: 'pods' }).namespace('default');

async function claim(name: string): Promise<PersistentVolumeClaimView> {
  return pvcs().create({ metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'local-path' } });
}

async function pod(name: string, claimName: string): Promise<PodView> {
  return pods().create({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }] } } as KObject);
}

/** What the PV controller does once a volume exists for the claim. */
async function completeBinding(c: PersistentVolumeClaimView, pvName: string, create: boolean): Promise<void> {
  const ref = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: c.metadata.name, uid: c.metadata.uid };
  if (create) {
    await pvs().create({ metadata: { name: pvName }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/x/${pvName}` }, claimRef: ref } } as KObject);
  }
  const cur = await pvcs().get(c.metadata.name ?? '');
  await pvcs().update({ ...cur, metadata: { ...cur.metadata, annotations: { ...cur.metadata.annotations, 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { ...cur.spec, volumeName: pvName } });
}

const plan = (o: Partial<PodVolumes>): PodVolumes => ({ reasons: [], staticBindings: [], dynamicProvisions: [], ...o });

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('VolumeBinding PreBind', () => {
  it('remembers Filter\'s answer per pod and node, and hands it out once', () => {
    const p: PodView = { metadata: { name: 'p' } };
    rememberPodVolumes(p, 'n1', plan({}));
    const forN2 = plan({ reasons: [] });
    rememberPodVolumes(p, 'n2', forN2);
    assert.equal(takePodVolumes(p, 'n2'), forN2);
    assert.equal(takePodVolumes(p, 'n2'), undefined);
    assert.equal(takePodVolumes({ metadata: { name: 'other' } }, 'n1'), undefined);
  });

  it('selects the node on a claim to be provisioned and returns once the claim is bound', async () => {
    const c = await claim('dyn');
    const p = await pod('dyn-user', 'dyn');
    rememberPodVolumes(p, 'node-a', plan({ dynamicProvisions: [c] }));
    let done = false;
    const bound = bindPodVolumes(fx.clientset, p, 'node-a', { timeoutMs: 20_000 }).then(() => { done = true; });
    await until(async () => (await pvcs().get('dyn')).metadata.annotations?.[ANN_SELECTED_NODE] === 'node-a', 'the selected-node annotation');
    assert.equal(done, false, 'waits for the claim');
    await completeBinding(c, 'pvc-dyn', true);
    await bound;
  });

  it('points a chosen volume at the claim (bound by controller) and waits for the claim side', async () => {
    const c = await claim('stat');
    const p = await pod('stat-user', 'stat');
    const v = await pvs().create({ metadata: { name: 'static-1' }, spec: { capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x/s' }, storageClassName: 'local-path' } } as KObject);
    rememberPodVolumes(p, 'node-a', plan({ staticBindings: [{ pvc: c, pv: v }] }));
    const bound = bindPodVolumes(fx.clientset, p, 'node-a', { timeoutMs: 20_000 });
    await until(async () => (await pvs().get('static-1')).spec?.claimRef?.uid === c.metadata.uid, 'the claimRef');
    assert.equal((await pvs().get('static-1')).metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    await completeBinding(c, 'static-1', false);
    await bound;
  });

  it('fails when a chosen volume was taken, when provisioning gave up, on timeout and when stopped', async () => {
    const other = await claim('other');
    const c = await claim('late');
    const p = await pod('late-user', 'late');
    const v = await pvs().create({
      metadata: { name: 'taken' },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/x/t' }, claimRef: { namespace: 'default', name: 'other', uid: other.metadata.uid } },
    } as KObject);
    rememberPodVolumes(p, 'node-a', plan({ staticBindings: [{ pvc: c, pv: v }] }));
    await assert.rejects(bindPodVolumes(fx.clientset, p, 'node-a'), /persistentvolume "taken" was bound to another claim/);

    rememberPodVolumes(p, 'node-a', plan({ dynamicProvisions: [c] }));
    await assert.rejects(bindPodVolumes(fx.clientset, p, 'node-a', { timeoutMs: 300 }), /timed out waiting for the condition/);

    rememberPodVolumes(p, 'node-a', plan({ dynamicProvisions: [c] }));
    const giveUp = bindPodVolumes(fx.clientset, p, 'node-a', { timeoutMs: 20_000 });
    await until(async () => (await pvcs().get('late')).metadata.annotations?.[ANN_SELECTED_NODE] === 'node-a', 'the selected-node annotation');
    await pvcs().patch('late', 'json', [{ op: 'remove', path: '/metadata/annotations/volume.kubernetes.io~1selected-node' }]);
    await assert.rejects(giveUp, /provisioning failed for PVC "late"/);

    const stop = new AbortController();
    rememberPodVolumes(p, 'node-a', plan({ dynamicProvisions: [c] }));
    const stopped = bindPodVolumes(fx.clientset, p, 'node-a', { timeoutMs: 20_000, signal: stop.signal });
    setTimeout(() => stop.abort(), 100);
    await assert.rejects(stopped, /the scheduler is stopping/);

    rememberPodVolumes(p, 'node-b', plan({ dynamicProvisions: [c] }));
    const orphaned = bindPodVolumes(fx.clientset, p, 'node-b', { timeoutMs: 20_000 });
    await until(async () => (await pvcs().get('late')).metadata.annotations?.[ANN_SELECTED_NODE] === 'node-b', 'the new selected node');
    await pods().delete('late-user', { gracePeriodSeconds: 0 });
    await assert.rejects(orphaned, /the pod was deleted/);
  });

  it('does nothing for pods Filter did not plan volumes for', async () => {
    await bindPodVolumes(fx.clientset, { metadata: { name: 'plain' } }, 'node-a');
  });
});
