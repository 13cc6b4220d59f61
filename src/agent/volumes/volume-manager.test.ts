import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, statfsSync,
  symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KObject } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { Clientset, GroupVersionResource } from '../../client/index.js';
import { startApiFixture, type ApiFixture } from '../../testing/index.js';
import { listMounts, mountEntry, mountsUnder, unmountAll } from './host-mounts.js';
import { ContainerMountError, DATA_DIR, VolumeError, VolumeManager, type PodVolume } from './index.js';

const root = process.getuid?.() === 0;
const gvr = (resource: string): GroupVersionResource => ({ group: '', version: 'v1', resource });
const b64 = (s: string) => Buffer.from(s).toString('base64');
const Mi = 2 ** 20;

async function expectVolumeError(p: Promise<unknown>, messages: string[]): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof VolumeError, String(err));
    assert.equal(err.reason, 'FailedMount');
    assert.deepEqual(err.messages, messages);
    assert.equal(err.message, messages[0]);
    return true;
  });
}

describe('VolumeManager', { skip: !root && 'needs root (tmpfs mounts, chown)' }, () => {
  let fx: ApiFixture;
  let cs: Clientset;
  let dir: string;
  let podsRoot: string;
  let vm: VolumeManager;
  const logs: string[] = [];
  const made: string[] = [];

  const create = async <T extends KObject>(resource: string, obj: Record<string, unknown>): Promise<T> => {
    const meta = obj.metadata as { namespace?: string };
    const c = cs.resource<T>(gvr(resource));
    return (meta.namespace ? c.namespace(meta.namespace) : c).create(obj as unknown as T);
  };
  const createPod = async (name: string, spec: Record<string, unknown>, labels?: Record<string, string>): Promise<Pod> => {
    const pod = await create<Pod>('pods', {
      metadata: { name, namespace: 'default', labels },
      spec: { containers: [{ name: 'app', image: 'busybox:1.36' }], ...spec },
    });
    made.push(pod.metadata.uid!);
    return pod;
  };

  before(async () => {
    fx = await startApiFixture();
    cs = fx.clientset;
    dir = mkdtempSync(join(tmpdir(), `navarch-volumes-${process.pid}-`));
    podsRoot = join(dir, 'pods');
    vm = new VolumeManager({ root: podsRoot, clientset: cs, nodeName: 'node-1', log: (l) => logs.push(l) });
    await create('configmaps', { metadata: { name: 'app-config', namespace: 'default' }, data: { 'app.conf': 'v1', other: 'o' } });
    await create('secrets', { metadata: { name: 'db', namespace: 'default' }, data: { password: b64('s3cr3t'), user: b64('admin') } });
    await create('serviceaccounts', { metadata: { name: 'builder', namespace: 'default' } });
    await create('configmaps', { metadata: { name: 'kube-root-ca.crt', namespace: 'default' }, data: { 'ca.crt': 'CERT' } });
  });

  after(async () => {
    // Whatever a failing test left behind: mounts first, then files.
    if (dir) {
      for (const m of await mountsUnder(dir)) await unmountAll(m).catch(() => undefined);
      if ((await mountsUnder(dir)).length === 0) rmSync(dir, { recursive: true, force: true });
    }
    await fx?.stop();
  });

  it('writes configMap, secret, downwardAPI and emptyDir volumes as the kubelet lays them out', async () => {
    const pod = await createPod('layout', {
      volumes: [
        { name: 'cfg', configMap: { name: 'app-config', items: [{ key: 'app.conf', path: 'conf/app.conf', mode: 0o600 }] } },
        { name: 'sec', secret: { secretName: 'db', defaultMode: 0o400 } },
        { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
        { name: 'scratch', emptyDir: {} },
        { name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } },
      ],
    }, { app: 'web' });
    const uid = pod.metadata.uid!;
    const vols = await vm.setUpPod(pod);
    const base = join(podsRoot, uid, 'volumes');
    const expect: Record<string, [string, boolean, boolean]> = {
      cfg: ['kubernetes.io~configmap', true, false],
      sec: ['kubernetes.io~secret', true, true],
      info: ['kubernetes.io~downward-api', true, true],
      scratch: ['kubernetes.io~empty-dir', false, false],
      mem: ['kubernetes.io~empty-dir', false, true],
    };
    assert.deepEqual([...vols.keys()], Object.keys(expect));
    for (const [name, [plugin, readOnly, tmpfs]] of Object.entries(expect)) {
      const v = vols.get(name)!;
      assert.equal(v.hostPath, join(base, plugin, name));
      assert.equal(v.readOnly, readOnly, name);
      assert.equal(v.tmpfs, tmpfs, name);
      assert.equal((await mountEntry(v.hostPath))?.fsType === 'tmpfs', tmpfs, `${name} tmpfs`);
    }

    const cfg = vols.get('cfg')!.hostPath;
    assert.deepEqual(readdirSync(cfg).filter((n) => !n.startsWith('..')), ['conf']);
    assert.equal(readlinkSync(join(cfg, 'conf')), '..data/conf');
    assert.match(readlinkSync(join(cfg, DATA_DIR)), /^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d+$/);
    assert.equal(readFileSync(join(cfg, 'conf/app.conf'), 'utf8'), 'v1');
    assert.equal(statSync(join(cfg, 'conf/app.conf')).mode & 0o777, 0o600);
    assert.equal(statSync(cfg).mode & 0o777, 0o777);

    const sec = vols.get('sec')!.hostPath;
    assert.equal(readFileSync(join(sec, 'password'), 'utf8'), 's3cr3t');
    assert.equal(readFileSync(join(sec, 'user'), 'utf8'), 'admin');
    assert.equal(statSync(join(sec, 'password')).mode & 0o777, 0o400);

    const info = vols.get('info')!.hostPath;
    assert.equal(readFileSync(join(info, 'labels'), 'utf8'), 'app="web"');
    assert.equal(readFileSync(join(info, 'name'), 'utf8'), 'layout');
    assert.equal(statSync(join(info, 'name')).mode & 0o777, 0o644);

    assert.equal(statSync(vols.get('scratch')!.hostPath).mode & 0o777, 0o777);
    const fs = statfsSync(vols.get('mem')!.hostPath);
    assert.equal(fs.blocks * fs.bsize, 16 * Mi);

    // Idempotent: a second sync changes nothing.
    const dataBefore = readlinkSync(join(cfg, DATA_DIR));
    const again = await vm.setUpPod(pod);
    assert.deepEqual(again, vols);
    assert.equal(readlinkSync(join(cfg, DATA_DIR)), dataBefore);
    assert.deepEqual(await vm.podsOnDisk(), [uid]);

    await vm.tearDownPod(uid);
    assert.equal(existsSync(join(podsRoot, uid)), false);
    assert.deepEqual(await mountsUnder(podsRoot), []);
    assert.deepEqual(await vm.podsOnDisk(), []);
  });

  it('refresh swaps ..data atomically when the ConfigMap or the pod labels change', async () => {
    await create('configmaps', { metadata: { name: 'refresh-config', namespace: 'default' }, data: { 'app.conf': 'v1', other: 'o' } });
    const pod = await createPod('refresh', {
      volumes: [
        { name: 'cfg', configMap: { name: 'refresh-config' } },
        { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      ],
    }, { v: '1' });
    const vols = await vm.setUpPod(pod);
    const cfg = vols.get('cfg')!.hostPath;
    const oldData = readlinkSync(join(cfg, DATA_DIR));
    assert.deepEqual(readdirSync(cfg).filter((n) => !n.startsWith('..')).sort(), ['app.conf', 'other']);

    const cms = cs.resource(gvr('configmaps')).namespace('default');
    const cm = await cms.get('refresh-config');
    await cms.update({ ...cm, data: { 'app.conf': 'v2', added: 'a' } } as KObject);
    const relabelled: Pod = { ...pod, metadata: { ...pod.metadata, labels: { v: '2' } } };
    await vm.refreshPod(relabelled);

    const newData = readlinkSync(join(cfg, DATA_DIR));
    assert.notEqual(newData, oldData);
    assert.equal(existsSync(join(cfg, oldData)), false);
    assert.equal(readFileSync(join(cfg, 'app.conf'), 'utf8'), 'v2');
    assert.deepEqual(readdirSync(cfg).filter((n) => !n.startsWith('..')).sort(), ['added', 'app.conf']);
    assert.ok(lstatSync(join(cfg, 'added')).isSymbolicLink());
    assert.equal(readFileSync(join(vols.get('info')!.hostPath, 'labels'), 'utf8'), 'v="2"');
    assert.ok(logs.some((l) => l.includes('configMap volume "cfg" updated')));

    // Unchanged objects leave ..data alone; a deleted one keeps the old files and is reported.
    await vm.refreshPod(relabelled);
    assert.equal(readlinkSync(join(cfg, DATA_DIR)), newData);
    await cms.delete('refresh-config');
    await expectVolumeError(vm.refreshPod(relabelled), ['MountVolume.SetUp failed for volume "cfg" : configmap "refresh-config" not found']);
    assert.equal(readFileSync(join(cfg, 'app.conf'), 'utf8'), 'v2');
    await vm.tearDownPod(pod.metadata.uid!);
  });

  it('fails with the kubelet event text, honours optional, and succeeds once the object exists', async () => {
    const pod = await createPod('missing', {
      volumes: [
        { name: 'cfg', configMap: { name: 'late-config' } },
        { name: 'opt', configMap: { name: 'nope', optional: true, items: [{ key: 'k', path: 'k' }] } },
        { name: 'key', configMap: { name: 'app-config', items: [{ key: 'absent', path: 'a' }] } },
        { name: 'sec', secret: { secretName: 'nosecret' } },
        { name: 'optkey', secret: { secretName: 'db', optional: true, items: [{ key: 'absent', path: 'a' }, { key: 'user', path: 'u' }] } },
        { name: 'host', hostPath: { path: join(dir, 'no-such-dir'), type: 'Directory' } },
      ],
    });
    await expectVolumeError(vm.setUpPod(pod), [
      'MountVolume.SetUp failed for volume "cfg" : configmap "late-config" not found',
      'MountVolume.SetUp failed for volume "key" : configmap references non-existent config key: absent',
      'MountVolume.SetUp failed for volume "sec" : secret "nosecret" not found',
      `MountVolume.SetUp failed for volume "host" : hostPath type check failed: ${join(dir, 'no-such-dir')} is not a directory`,
    ]);
    await create('configmaps', { metadata: { name: 'late-config', namespace: 'default' }, data: { a: '1' } });
    await expectVolumeError(vm.setUpPod(pod), [
      'MountVolume.SetUp failed for volume "key" : configmap references non-existent config key: absent',
      'MountVolume.SetUp failed for volume "sec" : secret "nosecret" not found',
      `MountVolume.SetUp failed for volume "host" : hostPath type check failed: ${join(dir, 'no-such-dir')} is not a directory`,
    ]);
    const fixed = { ...pod, spec: { ...pod.spec, volumes: pod.spec!.volumes!.filter((v) => ['cfg', 'opt', 'optkey'].includes(v.name!)) } };
    const vols = await vm.setUpPod(fixed);
    assert.equal(readFileSync(join(vols.get('cfg')!.hostPath, 'a'), 'utf8'), '1');
    assert.deepEqual(readdirSync(join(vols.get('opt')!.hostPath, DATA_DIR)), []);
    assert.deepEqual(readdirSync(vols.get('optkey')!.hostPath).filter((n) => !n.startsWith('..')), ['u']);
    await vm.tearDownPod(pod.metadata.uid!);
    assert.deepEqual(await mountsUnder(podsRoot), []);
  });

  it('projects a bound service account token, the CA and the namespace, with fsGroup applied', async () => {
    const pod = await createPod('projected', {
      serviceAccountName: 'builder',
      securityContext: { fsGroup: 2000 },
      volumes: [{
        name: 'kube-api-access', projected: { sources: [
          { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
          { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
          { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
        ] },
      }, { name: 'scratch', emptyDir: {} }],
    });
    const vols = await vm.setUpPod(pod);
    const v = vols.get('kube-api-access')!;
    assert.ok(v.tmpfs && v.readOnly);
    const token = readFileSync(join(v.hostPath, 'token'), 'utf8');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims.sub, 'system:serviceaccount:default:builder');
    const k8s = claims['kubernetes.io'] as { pod?: { name?: string; uid?: string } };
    assert.deepEqual(k8s.pod, { name: 'projected', uid: pod.metadata.uid });
    assert.equal(readFileSync(join(v.hostPath, 'ca.crt'), 'utf8'), 'CERT');
    assert.equal(readFileSync(join(v.hostPath, 'namespace'), 'utf8'), 'default');
    const tok = statSync(join(v.hostPath, 'token'));
    assert.equal(tok.mode & 0o777, 0o640);
    assert.equal(tok.gid, 2000);
    assert.equal(statSync(join(v.hostPath, 'ca.crt')).mode & 0o777, 0o644);
    assert.equal(lstatSync(join(v.hostPath, DATA_DIR)).gid, 2000);
    assert.equal(lstatSync(join(v.hostPath, 'token')).gid, 2000);
    const data = statSync(join(v.hostPath, DATA_DIR));
    assert.equal(data.gid, 2000);
    assert.equal(data.mode & 0o7777, 0o2755);
    const scratch = statSync(vols.get('scratch')!.hostPath);
    assert.equal(scratch.gid, 2000);
    assert.equal(scratch.mode & 0o7777, 0o2777);

    // The cached token is reused while fresh: a refresh does not swap the volume.
    const before = readlinkSync(join(v.hostPath, DATA_DIR));
    await vm.refreshPod(pod);
    assert.equal(readlinkSync(join(v.hostPath, DATA_DIR)), before);
    await vm.tearDownPod(pod.metadata.uid!);

    const nosa = await createPod('nosa', {
      serviceAccountName: 'ghost',
      volumes: [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    });
    await expectVolumeError(vm.setUpPod(nosa), ['MountVolume.SetUp failed for volume "tok" : failed to fetch token: serviceaccounts "ghost" not found']);
    await vm.tearDownPod(nosa.metadata.uid!);
  });

  it('uses a bound claim\'s hostPath volume in place, refuses an unbound claim, and never deletes its data', async () => {
    const claims = cs.resource<KObject & { status?: Record<string, unknown> }>(gvr('persistentvolumeclaims')).namespace('default');
    const claimSpec = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '' };
    const pvc = await claims.create({ metadata: { name: 'data' }, spec: { ...claimSpec, volumeName: `pv-${process.pid}` } } as KObject);
    await claims.create({ metadata: { name: 'unbound' }, spec: claimSpec } as KObject);
    const pvPath = join(dir, 'pv-data', 'vol1');
    await create('persistentvolumes', {
      metadata: { name: `pv-${process.pid}` },
      spec: {
        capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: '',
        hostPath: { path: pvPath, type: 'DirectoryOrCreate' },
        claimRef: { namespace: 'default', name: 'data', uid: pvc.metadata.uid },
      },
    });
    await claims.updateStatus({ ...(await claims.get('data')), status: { phase: 'Bound' } });

    const pod = await createPod('claims', {
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data', readOnly: true } }],
    });
    const vols = await vm.setUpPod(pod);
    const want: PodVolume = { name: 'data', kind: 'persistentVolumeClaim', hostPath: pvPath, readOnly: true, tmpfs: false, persistentVolume: `pv-${process.pid}` };
    assert.deepEqual(vols.get('data'), want);
    assert.equal(statSync(pvPath).mode & 0o777, 0o755);
    writeFileSync(join(pvPath, 'keep'), 'precious');
    const mounts = vm.containerMounts(pod, { name: 'app', volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'sub' }] }, vols);
    assert.deepEqual(mounts, [{ containerPath: '/data', hostPath: join(pvPath, 'sub'), readonly: true, propagation: 'private' }]);
    await vm.tearDownPod(pod.metadata.uid!);
    assert.equal(readFileSync(join(pvPath, 'keep'), 'utf8'), 'precious');

    const unbound = await createPod('unbound', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'unbound' } }] });
    await expectVolumeError(vm.setUpPod(unbound), [
      'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[data]: error processing PVC default/unbound: PVC is not bound',
    ]);
    const ghost = await createPod('noclaim', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'ghost' } }] });
    await expectVolumeError(vm.setUpPod(ghost), [
      'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[data], failed to process volumes=[data]: error processing PVC default/ghost: failed to fetch PVC from API server: persistentvolumeclaims "ghost" not found',
    ]);
    await vm.tearDownPod(unbound.metadata.uid!);
    await vm.tearDownPod(ghost.metadata.uid!);
  });

  it('gives containers their mounts and finds pods left on disk by an earlier agent', async () => {
    const pod = await createPod('mounts', {
      volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }, { name: 'logs', emptyDir: { medium: 'Memory' } }],
    });
    const vols = await vm.setUpPod(pod);
    const mounts = vm.containerMounts(pod, {
      name: 'app',
      volumeMounts: [
        { name: 'cfg', mountPath: '/etc/app.conf', subPath: 'app.conf' },
        { name: 'logs', mountPath: '/logs', subPathExpr: '$(POD_NAME)' },
      ],
    }, vols, { POD_NAME: 'mounts' });
    const cfgData = readlinkSync(join(vols.get('cfg')!.hostPath, DATA_DIR));
    assert.deepEqual(mounts, [
      { containerPath: '/etc/app.conf', hostPath: join(vols.get('cfg')!.hostPath, cfgData, 'app.conf'), readonly: true, propagation: 'private' },
      { containerPath: '/logs', hostPath: join(vols.get('logs')!.hostPath, 'mounts'), readonly: false, propagation: 'private' },
    ]);
    assert.throws(() => vm.containerMounts(pod, { name: 'app', volumeMounts: [{ name: 'x', mountPath: '/x' }] }, vols), ContainerMountError);

    // A new manager (an agent restart) sees the pod on disk, re-adopts its volumes and tears them down.
    const again = new VolumeManager({ root: podsRoot, clientset: cs, nodeName: 'node-1' });
    assert.deepEqual(await again.podsOnDisk(), [pod.metadata.uid]);
    const readopted = await again.setUpPod(pod);
    assert.deepEqual(readopted, vols);
    assert.equal(readlinkSync(join(vols.get('cfg')!.hostPath, DATA_DIR)), cfgData);
    assert.equal((await mountsUnder(join(podsRoot, pod.metadata.uid!))).length, 1);
    await again.tearDownPod(pod.metadata.uid!);
    assert.deepEqual(await again.podsOnDisk(), []);
    assert.deepEqual(await mountsUnder(podsRoot), []);
  });

  it('reached through a symlinked root, a restarted manager does not stack a second tmpfs', async () => {
    const link = join(dir, 'pods-link');
    symlinkSync(podsRoot, link);
    mkdirSync(podsRoot, { recursive: true });
    const pod = await createPod('linked', { volumes: [{ name: 'mem', emptyDir: { medium: 'Memory' } }, { name: 'tok', secret: { secretName: 'db' } }] });
    const first = new VolumeManager({ root: link, clientset: cs, nodeName: 'node-1' });
    await first.setUpPod(pod);
    await new VolumeManager({ root: link, clientset: cs, nodeName: 'node-1' }).setUpPod(pod);
    const real = join(realpathSync(podsRoot), pod.metadata.uid!);
    const stacked = (await listMounts()).filter((m) => m.mountPoint.startsWith(`${real}/`));
    assert.equal(stacked.length, 2, 'one tmpfs per volume, none stacked');
    await first.tearDownPod(pod.metadata.uid!);
    assert.deepEqual(await mountsUnder(real), []);
    assert.equal(existsSync(real), false);
  });
});
