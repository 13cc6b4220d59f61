/** The disruption controller on an in-process API server: PDB status from pods and their controllers' scale. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KObject, OwnerReference } from '../../api/index.js';
import { EVENTS, type ResourceClient } from '../../client/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import type { CoreEvent } from '../runtime/index.js';
import { DisruptionController, PODDISRUPTIONBUDGETS, type PodDisruptionBudget } from './index.js';

let f: ControllerFixture;
let clock = Date.parse('2026-04-01T00:00:00Z');
const stamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const PODS = { group: '', version: 'v1', resource: 'pods' };

const pdbs = (): ResourceClient<PodDisruptionBudget> => f.clientset.resource<PodDisruptionBudget>(PODDISRUPTIONBUDGETS).namespace('default');
const pods = (): ResourceClient<KObject> => f.clientset.resource(PODS).namespace('default');
const apps = (resource: string): ResourceClient<KObject> => f.clientset.resource({ group: 'apps', version: 'v1', resource }).namespace('default');

const template = (app: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const ref = (o: KObject, kind: string): OwnerReference => ({ apiVersion: 'apps/v1', kind, name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', controller: true });

async function addPod(name: string, app: string, owner?: OwnerReference, ready = true): Promise<void> {
  await pods().create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app }, ...(owner ? { ownerReferences: [owner] } : {}) }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KObject);
  await setReady(name, ready);
}

async function setReady(name: string, ready: boolean): Promise<void> {
  await pods().patch(name, 'merge', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: stamp(clock) }] } }, { subresource: 'status' });
}

function pdbYaml(name: string, app: string, rule: string): string {
  const path = join(f.fx.dataDir, `${name}.yaml`);
  writeFileSync(path, `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: ${name}\nspec:\n  ${rule}\n  selector:\n    matchLabels:\n      app: ${app}\n`);
  return path;
}

type Counts = [current: number, desired: number, expected: number, allowed: number];
async function statusIs(name: string, want: Counts, reason?: string): Promise<void> {
  await eventually(async () => {
    const s = (await pdbs().get(name)).status;
    const got = [s?.currentHealthy, s?.desiredHealthy, s?.expectedPods, s?.disruptionsAllowed];
    return JSON.stringify(got) === JSON.stringify(want) && (!reason || s?.conditions?.[0]?.reason === reason);
  }, 10_000, `${name} status ${want.join('/')} ${reason ?? ''}`).catch(async (err: Error) => {
    throw new Error(`${err.message}; have ${JSON.stringify((await pdbs().get(name)).status)}`);
  });
}

async function eventMessages(reason: string): Promise<string[]> {
  return (await f.clientset.resource<CoreEvent>(EVENTS).namespace('default').list()).items.filter((e) => e.reason === reason).map((e) => e.message ?? '');
}

before(async () => {
  f = await startControllerFixture((cs, inf) => [new DisruptionController(cs, inf, { now: () => clock, log: () => undefined })]);
});
after(async () => { await f.stop(); });

describe('DisruptionController', () => {
  it('counts maxUnavailable against the owning Deployment\'s scale, and kubectl shows it', async () => {
    const d = await apps('deployments').create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: template('web') } } as KObject);
    const rs = await apps('replicasets').create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', ownerReferences: [ref(d, 'Deployment')] },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template('web') },
    } as KObject);
    for (const n of ['web-a', 'web-b', 'web-c']) await addPod(n, 'web', ref(rs, 'ReplicaSet'));
    assert.match(await f.k('apply', '-f', pdbYaml('web', 'web', 'maxUnavailable: 1')), /poddisruptionbudget.policy\/web created/);
    await statusIs('web', [3, 3, 4, 0], 'InsufficientPods');
    const pdb = await pdbs().get('web');
    assert.equal(pdb.status?.observedGeneration, 1);
    assert.deepEqual({ ...pdb.status?.conditions?.[0], lastTransitionTime: undefined }, {
      type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: 1, lastTransitionTime: undefined,
    });
    await addPod('web-d', 'web', ref(rs, 'ReplicaSet'));
    await statusIs('web', [4, 3, 4, 1], 'SufficientPods');
    assert.match(await f.k('get', 'pdb', 'web'), /NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nweb\s+N\/A\s+1\s+1\s+/);
    await setReady('web-a', false);
    await statusIs('web', [3, 3, 4, 0], 'InsufficientPods');
  });

  it('takes percentages of a StatefulSet\'s scale, and an int minAvailable of the matching pods', async () => {
    const ss = await apps('statefulsets').create({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template('db') },
    } as KObject);
    for (const n of ['db-0', 'db-1', 'db-2']) await addPod(n, 'db', ref(ss, 'StatefulSet'));
    await f.k('apply', '-f', pdbYaml('db', 'db', 'minAvailable: "50%"'));
    await statusIs('db', [3, 2, 3, 1], 'SufficientPods');
    await f.k('apply', '-f', pdbYaml('db', 'db', 'minAvailable: 1'));
    await statusIs('db', [3, 1, 3, 2]);
    assert.equal((await pdbs().get('db')).status?.observedGeneration, 2);
  });

  it('reads any other owner\'s scale through its scale subresource', async () => {
    const d = await apps('deployments').create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'direct' }, spec: { replicas: 5, selector: { matchLabels: { app: 'direct' } }, template: template('direct') } } as KObject);
    await addPod('direct-a', 'direct', ref(d, 'Deployment'));
    await f.k('apply', '-f', pdbYaml('direct', 'direct', 'maxUnavailable: "40%"'));
    await statusIs('direct', [1, 3, 5, 0]);
  });

  it('leaves evicted pods out of the healthy count for two minutes, then says they were not deleted', async () => {
    const pdb = await pdbs().get('db');
    await pdbs().updateStatus({ ...pdb, status: { ...pdb.status, disruptionsAllowed: 1, disruptedPods: { 'db-0': stamp(clock) } } as PodDisruptionBudget['status'] });
    await statusIs('db', [2, 1, 3, 1]);
    assert.deepEqual(Object.keys((await pdbs().get('db')).status?.disruptedPods ?? {}), ['db-0']);
    clock += 121_000;
    // (The controller rechecks by itself when the entry expires; with the test's clock moved, a touch of the PDB makes it look now.)
    await f.k('annotate', 'pdb', 'db', 'touched=1');
    await statusIs('db', [3, 1, 3, 2]);
    assert.equal((await pdbs().get('db')).status?.disruptedPods, undefined);
    await eventually(async () => (await eventMessages('NotDeleted')).includes('Pod was expected by PDB default/default to be deleted but it wasn\'t'), 10_000, 'NotDeleted');
  });

  it('reports unmanaged pods, and fails safe when a pod\'s controller cannot be found', async () => {
    await addPod('bare-1', 'bare');
    await addPod('bare-2', 'bare');
    await f.k('apply', '-f', pdbYaml('bare', 'bare', 'maxUnavailable: "50%"'));
    await statusIs('bare', [2, 0, 0, 0], 'InsufficientPods');
    await eventually(async () => (await eventMessages('UnmanagedPods')).some((m) => m.startsWith(
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: bare,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged.',
    )), 10_000, 'UnmanagedPods');

    await addPod('orphan-1', 'orphan', { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nope', uid: '00000000-0000-0000-0000-000000000000', controller: true });
    await f.k('apply', '-f', pdbYaml('orphan', 'orphan', 'minAvailable: "100%"'));
    await eventually(async () => (await pdbs().get('orphan')).status?.conditions?.[0]?.reason === 'SyncFailed', 10_000, 'SyncFailed');
    const s = (await pdbs().get('orphan')).status;
    assert.equal(s?.disruptionsAllowed, 0);
    assert.deepEqual([s?.conditions?.[0]?.status, s?.conditions?.[0]?.message], ['False', 'found no controllers for pod "orphan-1"']);
    await eventually(async () => (await eventMessages('CalculateExpectedPodCountFailed')).includes('Failed to calculate the number of expected pods: found no controllers for pod "orphan-1"'), 10_000, 'CalculateExpectedPodCountFailed');
    await f.k('apply', '-f', pdbYaml('empty', 'nothing', 'minAvailable: 1'));
    await eventually(async () => (await eventMessages('NoPods')).includes('No matching pods found'), 10_000, 'NoPods');
  });

  it('resets a DisruptionTarget condition left on a pod that never started terminating', async () => {
    await addPod('stuck', 'stuck');
    await pods().patch('stuck', 'strategic', { status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting', lastTransitionTime: stamp(clock - 180_000) }] } }, { subresource: 'status' });
    await eventually(async () => {
      const c = ((await pods().get('stuck')).status as { conditions?: Array<{ type: string; status: string }> }).conditions?.find((x) => x.type === 'DisruptionTarget');
      return c?.status === 'False';
    }, 10_000, 'the stale condition to be reset');
  });
});
