/** The PV controller against an in-process API server: binding, phases, reclaim, events, checked with the API and kubectl. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../testing/index.js';
import { EVENTS, type ResourceClient } from '../../client/index.js';
import { startControllerFixture, type ControllerFixture } from '../controller-fixture.js';
import type { CoreEvent } from '../runtime/index.js';
import {
  MSG_NO_VOLUME_NO_CLASS, MSG_WAIT_FOR_FIRST_CONSUMER, PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES, PersistentVolumeBinder, STORAGE_CLASSES,
  type PersistentVolume, type PersistentVolumeClaim, type StorageClass,
} from './index.js';

let f: ControllerFixture;
before(async () => {
  f = await startControllerFixture((cs, inf) => [new PersistentVolumeBinder(cs, inf, { log: () => undefined }).controller]);
});
after(async () => { await f.stop(); });

const pvs = (): ResourceClient<PersistentVolume> => f.clientset.resource<PersistentVolume>(PERSISTENT_VOLUMES);
const pvcs = (ns = 'default'): ResourceClient<PersistentVolumeClaim> => f.clientset.resource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS).namespace(ns);
const classes = (): ResourceClient<StorageClass> => f.clientset.resource<StorageClass>(STORAGE_CLASSES);

function volume(name: string, o: { size?: string; cls?: string; policy?: string; path?: string; modes?: string[] } = {}): PersistentVolume {
  return {
    metadata: { name },
    spec: {
      capacity: { storage: o.size ?? '1Gi' }, accessModes: o.modes ?? ['ReadWriteOnce'], storageClassName: o.cls ?? '',
      persistentVolumeReclaimPolicy: o.policy ?? 'Retain', hostPath: { path: o.path ?? `/mnt/${name}` },
    },
  };
}

function claim(name: string, o: { size?: string; cls?: string | null; volumeName?: string; annotations?: Record<string, string> } = {}): PersistentVolumeClaim {
  return {
    metadata: { name, annotations: o.annotations },
    spec: {
      accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.size ?? '1Gi' } }, volumeName: o.volumeName,
      ...(o.cls === null ? {} : { storageClassName: o.cls ?? '' }),
    },
  };
}

async function phaseOf(kind: 'pv' | 'pvc', name: string): Promise<string | undefined> {
  const o = kind === 'pv' ? await pvs().get(name) : await pvcs().get(name);
  return o.status?.phase;
}

function until(kind: 'pv' | 'pvc', name: string, phase: string): Promise<void> {
  return eventually(async () => (await phaseOf(kind, name)) === phase, 10_000, `${kind} ${name} to be ${phase}`);
}

async function eventsFor(name: string, ns = 'default'): Promise<CoreEvent[]> {
  return (await f.clientset.resource<CoreEvent>(EVENTS).namespace(ns).list()).items.filter((e) => e.involvedObject.name === name);
}

function eventSeen(name: string, reason: string, message: string | RegExp): Promise<void> {
  return eventually(async () => (await eventsFor(name)).some((e) => e.reason === reason && (typeof message === 'string' ? e.message === message : message.test(e.message ?? ''))),
    10_000, `event ${reason} on ${name}`);
}

describe('PersistentVolumeBinder', () => {
  it('binds a claim to the smallest fitting volume, fills in both sides, and kubectl shows it', async () => {
    await pvs().create(volume('big', { size: '10Gi' }));
    await pvs().create(volume('fit', { size: '5Gi' }));
    await pvs().create(volume('tiny', { size: '500Mi' }));
    for (const n of ['big', 'fit', 'tiny']) await until('pv', n, 'Available');
    await pvcs().create(claim('data', { size: '2Gi' }));
    await until('pvc', 'data', 'Bound');
    const c = await pvcs().get('data');
    assert.equal(c.spec?.volumeName, 'fit');
    assert.equal(c.metadata.annotations?.['pv.kubernetes.io/bind-completed'], 'yes');
    assert.equal(c.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    assert.deepEqual(c.status?.capacity, { storage: '5Gi' });
    assert.deepEqual(c.status?.accessModes, ['ReadWriteOnce']);
    await until('pv', 'fit', 'Bound');
    const v = await pvs().get('fit');
    assert.equal(v.spec?.claimRef?.name, 'data');
    assert.equal(v.spec?.claimRef?.uid, c.metadata.uid);
    assert.equal(v.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], 'yes');
    assert.equal((await pvs().get('big')).status?.phase, 'Available');
    // Settled: the controller's own writes do not keep it writing.
    const versions = async (): Promise<string> => `${(await pvcs().get('data')).metadata.resourceVersion ?? ''}/${(await pvs().get('fit')).metadata.resourceVersion ?? ''}`;
    const settled = await versions();
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await versions(), settled);
    assert.match(await f.k('get', 'pvc', 'data'), /data\s+Bound\s+fit\s+5Gi\s+RWO/);
    assert.match(await f.k('get', 'pv', 'fit'), /fit\s+5Gi\s+RWO\s+Retain\s+Bound\s+default\/data/);
  });

  it('releases a Retain volume when its claim goes, and lets it bind again once claimRef is removed', async () => {
    await pvs().create(volume('keep', { size: '3Gi', cls: 'manual' }));
    await until('pv', 'keep', 'Available');
    await pvcs().create(claim('first', { size: '3Gi', cls: 'manual' }));
    await until('pvc', 'first', 'Bound');
    await pvcs().delete('first');
    await until('pv', 'keep', 'Released');
    assert.equal((await pvs().get('keep')).spec?.claimRef?.name, 'first');
    await pvcs().create(claim('second', { size: '3Gi', cls: 'manual' }));
    await eventSeen('second', 'ProvisioningFailed', 'storageclass.storage.k8s.io "manual" not found');
    assert.equal(await phaseOf('pvc', 'second'), 'Pending');
    await pvs().patch('keep', 'json', [{ op: 'remove', path: '/spec/claimRef' }]);
    await until('pvc', 'second', 'Bound');
    assert.equal((await pvcs().get('second')).spec?.volumeName, 'keep');
  });

  it('binds a claim to the volume it names, or says why it cannot', async () => {
    await pvs().create(volume('small-named', { size: '100Mi' }));
    await pvcs().create(claim('wants-small', { size: '150Mi', volumeName: 'small-named' }));
    await eventSeen('wants-small', 'VolumeMismatch', 'Cannot bind to requested volume "small-named": requested PV is too small');
    assert.equal(await phaseOf('pvc', 'wants-small'), 'Pending');
    await pvs().create(volume('named', { size: '1Gi' }));
    await until('pv', 'named', 'Available');
    await pvcs().create(claim('wants-named', { volumeName: 'named' }));
    await until('pvc', 'wants-named', 'Bound');
    const c = await pvcs().get('wants-named');
    assert.equal(c.metadata.annotations?.['pv.kubernetes.io/bound-by-controller'], undefined, 'the user chose the volume');
    await pvcs().create(claim('wants-named-too', { volumeName: 'named' }));
    await eventSeen('wants-named-too', 'FailedBinding', 'volume "named" already bound to a different claim.');
  });

  it('reports claims with no volume and no class, and WaitForFirstConsumer claims; hands selected ones to the provisioner', async () => {
    await pvcs().create(claim('nothing', { size: '1Ti' }));
    await eventSeen('nothing', 'FailedBinding', MSG_NO_VOLUME_NO_CLASS);
    await pvcs().create(claim('later', { cls: 'local-path' }));
    await eventSeen('later', 'WaitForFirstConsumer', MSG_WAIT_FOR_FIRST_CONSUMER);
    assert.match(await f.k('describe', 'pvc', 'later'), /WaitForFirstConsumer\s+.*persistentvolume-controller\s+waiting for first consumer to be created before binding/);
    await pvcs().patch('later', 'merge', { metadata: { annotations: { 'volume.kubernetes.io/selected-node': 'node-1' } } });
    await eventSeen('later', 'ExternalProvisioning', /external provisioner 'rancher.io\/local-path'/);
    const c = await pvcs().get('later');
    assert.equal(c.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'], 'rancher.io/local-path');
    assert.equal(c.metadata.annotations?.['volume.beta.kubernetes.io/storage-provisioner'], 'rancher.io/local-path');
    assert.equal(c.status?.phase, 'Pending');
  });

  it('marks a bound claim Lost when its volume is deleted', async () => {
    await pvs().create(volume('doomed', { size: '7Gi' }));
    await until('pv', 'doomed', 'Available');
    await pvcs().create(claim('orphan', { size: '7Gi' }));
    await until('pvc', 'orphan', 'Bound');
    await pvs().delete('doomed');
    await until('pvc', 'orphan', 'Lost');
    await eventSeen('orphan', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  });

  it('fails a Delete volume nobody can delete, and leaves provisioner-made ones to their provisioner', async () => {
    await pvs().create(volume('manual-delete', { size: '9Gi', policy: 'Delete', path: '/data/x' }));
    await until('pv', 'manual-delete', 'Available');
    await pvcs().create(claim('short', { size: '9Gi' }));
    await until('pvc', 'short', 'Bound');
    await pvcs().delete('short');
    await until('pv', 'manual-delete', 'Failed');
    assert.equal((await pvs().get('manual-delete')).status?.message, 'host_path deleter only supports /tmp/.+ but received provided /data/x');
    await eventSeen('manual-delete', 'VolumeFailedDelete', /host_path deleter/);

    await pvs().create({ ...volume('made', { size: '11Gi', policy: 'Delete' }), metadata: { name: 'made', annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' } } });
    await pvcs().create(claim('short2', { size: '11Gi' }));
    await until('pvc', 'short2', 'Bound');
    await pvcs().delete('short2');
    await until('pv', 'made', 'Released');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await phaseOf('pv', 'made'), 'Released', 'stays Released for the agent to delete');
  });

  it('gives a classless claim the default class once one exists (retroactively)', async () => {
    await classes().patch('local-path', 'merge', { metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } } });
    await eventually(async () => {
      await pvcs().delete('classless').catch(() => undefined);
      const c = await pvcs().create(claim('classless', { cls: null, size: '50Ti' }));
      return c.spec?.storageClassName === undefined;
    }, 5000, 'a claim admitted without a class');
    await classes().create({
      metadata: { name: 'fresh-default', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer',
    });
    await eventually(async () => (await pvcs().get('classless')).spec?.storageClassName === 'fresh-default', 10_000, 'the default class on the claim');
    await eventSeen('classless', 'WaitForFirstConsumer', MSG_WAIT_FOR_FIRST_CONSUMER);
  });
});
