/**
 * Local-path storage end to end, as on k3s: a claim of the default class waits for its first
 * consumer, the scheduler picks a node for the pod, the provisioner creates the node's hostPath
 * volume, the PV controller binds it, the pod is bound; deleting the claim releases the volume and
 * the node's agent (the cleaner) removes the data and the volume. Driven with the real kubectl.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { localPathNodeAnnotations, localPathStorageDir, startLocalPathCleaner, type LocalPathCleaner } from '../../agent/local-path/index.js';
import { EVENTS, isNotFound, type ResourceClient } from '../../client/index.js';
import { startScheduler, type RunningScheduler } from '../../scheduler/index.js';
import { eventually } from '../../testing/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import type { CoreEvent } from '../runtime/index.js';
import {
  LocalPathProvisioner, MSG_WAIT_FOR_FIRST_CONSUMER, PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES, PersistentVolumeBinder,
  type PersistentVolume, type PersistentVolumeClaim,
} from './index.js';

const NODE = `lp-node-${process.pid}`;
const BARE = `lp-bare-${process.pid}`;
let f: ControllerFixture;
let sched: RunningScheduler;
let cleaner: LocalPathCleaner;
let dataDir: string;
let storage: string;

async function addNode(name: string, annotations: Record<string, string>): Promise<void> {
  const nodes = f.clientset.resource({ group: '', version: 'v1', resource: 'nodes' });
  await nodes.create({ metadata: { name, labels: { 'kubernetes.io/hostname': name }, annotations } });
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await nodes.patch(name, 'merge', {
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110' }, allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'test', lastHeartbeatTime: now, lastTransitionTime: now }],
    },
  }, { subresource: 'status' });
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), `navarch-lp-flow-${process.pid}-`));
  storage = localPathStorageDir(dataDir);
  f = await startControllerFixture((cs, inf) => [
    new PersistentVolumeBinder(cs, inf, { log: () => undefined }).controller,
    new LocalPathProvisioner(cs, inf, { log: () => undefined }).controller,
  ]);
  await addNode(NODE, localPathNodeAnnotations(dataDir));
  sched = startScheduler(f.fx.newClientset(), { log: () => undefined });
  assert.equal(await sched.synced, true);
  cleaner = startLocalPathCleaner({ clientset: f.fx.newClientset(), nodeName: NODE, storageDir: storage, log: () => undefined });
});
after(async () => {
  await cleaner?.stop();
  await sched?.stop();
  await f?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const pvcs = (): ResourceClient<PersistentVolumeClaim> => f.clientset.resource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS).namespace('default');
const pvs = (): ResourceClient<PersistentVolume> => f.clientset.resource<PersistentVolume>(PERSISTENT_VOLUMES);

async function reasons(name: string): Promise<string[]> {
  return (await f.clientset.resource<CoreEvent>(EVENTS).namespace('default').list()).items
    .filter((e) => e.involvedObject.name === name).map((e) => `${e.reason ?? ''}: ${e.message ?? ''}`);
}

const manifest = (claim: string, pod: string, node?: string): string => `
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${claim}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 2Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: ${pod}
spec:
  ${node ? `nodeSelector: {kubernetes.io/hostname: ${node}}` : ''}
  containers:
  - name: app
    image: busybox
    volumeMounts: [{name: data, mountPath: /data}]
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: ${claim}}
`;

async function kApply(yaml: string): Promise<void> {
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) => {
    const p = execFile('kubectl', ['--kubeconfig', f.fx.server.kubeconfigPath, 'apply', '-f', '-'], (err, _o, stderr) => (err ? reject(new Error(stderr)) : resolve()));
    p.stdin?.end(yaml);
  });
}

describe('local-path storage', () => {
  it('provisions on the pod\'s node, binds, and cleans up after the claim is deleted', async () => {
    await kApply(manifest('data', 'app').split('---')[0]);
    await eventually(async () => (await reasons('data')).includes(`WaitForFirstConsumer: ${MSG_WAIT_FOR_FIRST_CONSUMER}`), 10_000, 'WaitForFirstConsumer');
    assert.match(await f.k('get', 'pvc', 'data'), /data\s+Pending\s+local-path/);

    await kApply(manifest('data', 'app'));
    await eventually(async () => (await f.k('get', 'pod', 'app', '-o', 'jsonpath={.spec.nodeName}')) === NODE, 20_000, 'the pod to be bound');
    const c = await pvcs().get('data');
    const pvName = `pvc-${c.metadata.uid ?? ''}`;
    assert.equal(c.status?.phase, 'Bound', 'the pod is bound only once its claim is');
    assert.equal(c.spec?.volumeName, pvName);
    assert.equal(c.metadata.annotations?.['volume.kubernetes.io/selected-node'], NODE);
    const pv = await pvs().get(pvName);
    const dir = join(storage, `${pvName}_default_data`);
    assert.deepEqual(pv.spec?.hostPath, { path: dir, type: 'DirectoryOrCreate' });
    assert.equal(pv.spec?.persistentVolumeReclaimPolicy, 'Delete');
    assert.equal(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'], 'rancher.io/local-path');
    assert.deepEqual(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.[0]?.values, [NODE]);
    assert.match(await f.k('get', 'pvc', 'data'), new RegExp(`data\\s+Bound\\s+${pvName}\\s+2Gi\\s+RWO\\s+local-path`));
    const events = await reasons('data');
    assert.ok(events.some((e) => e.startsWith('ExternalProvisioning: Waiting for a volume to be created either by the external provisioner \'rancher.io/local-path\'')), events.join('\n'));
    assert.ok(events.includes('Provisioning: External provisioner is provisioning volume for claim "default/data"'), events.join('\n'));
    assert.ok(events.includes(`ProvisioningSucceeded: Successfully provisioned volume ${pvName}`), events.join('\n'));

    await eventually(() => existsSync(dir), 10_000, 'the agent to create the volume directory');
    writeFileSync(join(dir, 'file'), 'data');
    await f.k('delete', 'pod', 'app', '--grace-period=0', '--force');
    await f.k('delete', 'pvc', 'data');
    await eventually(async () => pvs().get(pvName).then(() => false, (err: unknown) => isNotFound(err)), 20_000, 'the volume to be deleted');
    assert.equal(existsSync(dir), false);
  });

  it('reports a node that announces no storage directory', async () => {
    await addNode(BARE, {});
    await kApply(manifest('nowhere', 'stuck', BARE));
    await eventually(async () => (await reasons('nowhere')).some((e) => e.startsWith('ProvisioningFailed: failed to provision volume with StorageClass "local-path": no local path available on node')),
      20_000, 'ProvisioningFailed');
    assert.equal(await f.k('get', 'pod', 'stuck', '-o', 'jsonpath={.spec.nodeName}'), '');
    await f.k('delete', 'pod', 'stuck', '--grace-period=0', '--force');
  });
});
