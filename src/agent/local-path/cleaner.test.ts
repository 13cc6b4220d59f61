/** The local-path cleaner against an in-process API server, on a temporary storage directory. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { KObject } from '../../api/index.js';
import { isNotFound, type ResourceClient } from '../../client/index.js';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';
import {
  LOCAL_PATH_DIR_ANNOTATION, localPathNodeAnnotations, localPathStorageDir, localPathVolumeDir, startLocalPathCleaner, type LocalPathCleaner,
} from './index.js';

const NODE = `node-${process.pid}`;
let fx: ApiFixture;
let base: string;
let storage: string;
let cleaner: LocalPathCleaner | undefined;

before(async () => {
  base = mkdtempSync(join(tmpdir(), `navarch-local-path-${process.pid}-`));
  storage = localPathStorageDir(base);
  fx = await startApiFixture();
});
after(async () => {
  await cleaner?.stop();
  await fx.stop();
  rmSync(base, { recursive: true, force: true });
});

const pvs = (): ResourceClient => fx.clientset.resource({ group: '', version: 'v1', resource: 'persistentvolumes' });

async function volume(name: string, o: { node?: string; dir?: string; policy?: string; phase: string }): Promise<string> {
  const path = o.dir ?? join(storage, `${name}_default_data`);
  await pvs().create({
    metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path', 'local.path.provisioner/selected-node': o.node ?? NODE } },
    spec: {
      capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: o.policy ?? 'Delete', storageClassName: 'local-path',
      hostPath: { path, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.node ?? NODE] }] }] } },
    },
  } as KObject);
  const cur = await pvs().get(name);
  await pvs().updateStatus({ ...cur, status: { phase: o.phase } } as KObject);
  return path;
}

function withData(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'data.txt'), 'keep me?');
  return join(dir, 'data.txt');
}

const gone = async (name: string): Promise<boolean> => pvs().get(name).then(() => false, (err: unknown) => isNotFound(err));

describe('local-path storage directory', () => {
  it('is <data dir>/storage, announced in a node annotation', () => {
    assert.equal(localPathStorageDir('/var/lib/navarch/'), '/var/lib/navarch/storage');
    assert.deepEqual(localPathNodeAnnotations('/d'), { [LOCAL_PATH_DIR_ANNOTATION]: '/d/storage' });
    assert.equal(LOCAL_PATH_DIR_ANNOTATION, 'navarch.io/local-path-dir');
  });

  it('only ever names pvc-… directories directly inside the storage directory', () => {
    const v = (path: string): KObject => ({ metadata: { name: 'x' }, spec: { hostPath: { path } } });
    assert.equal(localPathVolumeDir(v('/s/storage/pvc-1_ns_n'), '/s/storage'), '/s/storage/pvc-1_ns_n');
    assert.equal(localPathVolumeDir(v('/s/storage/../pvc-1'), '/s/storage'), undefined);
    assert.equal(localPathVolumeDir(v('/s/storage/a/pvc-1'), '/s/storage'), undefined);
    assert.equal(localPathVolumeDir(v('/s/storage/data'), '/s/storage'), undefined);
    assert.equal(localPathVolumeDir(v('/s/storage'), '/s/storage'), undefined);
    assert.equal(localPathVolumeDir(v('pvc-1'), '/s/storage'), undefined);
  });
});

describe('startLocalPathCleaner', () => {
  it('creates directories of this node\'s volumes, and removes the data and the volume once released with Delete', async () => {
    const bound = await volume('pvc-bound', { phase: 'Bound' });
    const doomed = withData(await volume('pvc-doomed', { phase: 'Released' }));
    const retained = withData(await volume('pvc-retained', { phase: 'Released', policy: 'Retain' }));
    const elsewhere = withData(await volume('pvc-elsewhere', { phase: 'Released', node: 'other-node' }));
    const outside = withData(await volume('pvc-outside', { phase: 'Released', dir: join(base, 'pvc-outside') }));

    cleaner = startLocalPathCleaner({ clientset: fx.newClientset(), nodeName: NODE, storageDir: storage, log: () => undefined });
    await eventually(() => gone('pvc-doomed'), 10_000, 'the released volume to be deleted');
    assert.equal(existsSync(doomed), false);
    assert.equal(existsSync(join(storage, 'pvc-doomed_default_data')), false);
    await eventually(() => existsSync(bound), 10_000, 'the bound volume\'s directory');
    assert.equal(statSync(bound).mode & 0o777, 0o777);

    // A volume released later goes the same way.
    await pvs().patch('pvc-bound', 'merge', { status: { phase: 'Released' } }, { subresource: 'status' });
    withData(bound);
    await eventually(() => gone('pvc-bound'), 10_000, 'the later released volume to be deleted');
    assert.equal(existsSync(bound), false);

    for (const [name, file] of [['pvc-retained', retained], ['pvc-elsewhere', elsewhere], ['pvc-outside', outside]]) {
      assert.equal(await gone(name), false, `${name} is kept`);
      assert.equal(existsSync(file), true, `the data of ${name} is kept`);
    }
  });
});
