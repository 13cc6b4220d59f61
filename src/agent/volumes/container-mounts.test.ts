import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container, Pod } from '../../api/types/core/pod/index.js';
import { containerMounts, expandSubPathExpr } from './container-mounts.js';
import type { PodVolume } from './pod-volume.js';

const pod: Pod = { metadata: { name: 'p', namespace: 'default', uid: 'u' } };

describe('container mounts', () => {
  let dir: string;
  let volumes: Map<string, PodVolume>;
  before(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), `navarch-mounts-${process.pid}-`)));
    for (const n of ['data', 'cfg', 'outside']) mkdirSync(join(dir, n));
    chmodSync(join(dir, 'data'), 0o2777);
    writeFileSync(join(dir, 'cfg', 'real.conf'), 'x');
    symlinkSync('real.conf', join(dir, 'cfg', 'app.conf'));
    symlinkSync(join(dir, 'outside'), join(dir, 'data', 'escape'));
    volumes = new Map<string, PodVolume>([
      ['data', { name: 'data', kind: 'emptyDir', hostPath: join(dir, 'data'), readOnly: false, tmpfs: false }],
      ['cfg', { name: 'cfg', kind: 'configMap', hostPath: join(dir, 'cfg'), readOnly: true, tmpfs: false }],
    ]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const mounts = (c: Container, env?: Record<string, string>) => containerMounts(pod, { name: 'app', ...c }, volumes, env);

  it('expands $(VAR) like Kubernetes', () => {
    assert.deepEqual(expandSubPathExpr('logs/$(POD)', { POD: 'web-0' }), { value: 'logs/web-0', missing: [] });
    assert.deepEqual(expandSubPathExpr('$$(POD)/$(', { POD: 'x' }), { value: '$(POD)/$(', missing: [] });
    assert.deepEqual(expandSubPathExpr('$(A)-$(B)', { A: '' }), { value: '-', missing: ['A', 'B'] });
  });

  it('mounts whole volumes, read-only when the mount or the volume says so', () => {
    const m = mounts({ volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'cfg', mountPath: '/etc/app' }, { name: 'data', mountPath: '/ro', readOnly: true }] });
    assert.deepEqual(m, [
      { containerPath: '/data', hostPath: join(dir, 'data'), readonly: false, propagation: 'private' },
      { containerPath: '/etc/app', hostPath: join(dir, 'cfg'), readonly: true, propagation: 'private' },
      { containerPath: '/ro', hostPath: join(dir, 'data'), readonly: true, propagation: 'private' },
    ]);
  });

  it('subPath resolves inside the volume and creates missing directories with the volume mode', () => {
    const m = mounts({ volumeMounts: [
      { name: 'cfg', mountPath: '/etc/app.conf', subPath: 'app.conf' },
      { name: 'data', mountPath: '/logs', subPathExpr: 'logs/$(POD_NAME)' },
    ] }, { POD_NAME: 'web-0' });
    assert.equal(m[0]!.hostPath, join(dir, 'cfg', 'real.conf'));
    assert.equal(m[1]!.hostPath, join(dir, 'data', 'logs', 'web-0'));
    assert.equal(statSync(join(dir, 'data', 'logs', 'web-0')).mode & 0o7777, 0o2777);
  });

  it('refuses subPaths that leave the volume, and other bad mounts, with kubelet messages', () => {
    assert.throws(() => mounts({ volumeMounts: [{ name: 'data', mountPath: '/x', subPath: 'escape' }] }),
      { name: 'ContainerMountError', message: 'failed to prepare subPath for volumeMount "data" of container "app"' });
    assert.throws(() => mounts({ volumeMounts: [{ name: 'data', mountPath: '/x', subPath: 'escape/new' }] }),
      { message: 'failed to create subPath directory for volumeMount "data" of container "app"' });
    assert.throws(() => mounts({ volumeMounts: [{ name: 'data', mountPath: '/x', subPath: '/abs' }] }),
      { message: 'error SubPath `/abs` must not be an absolute path' });
    assert.throws(() => mounts({ volumeMounts: [{ name: 'data', mountPath: '/x', subPath: 'a/../b' }] }),
      { message: "unable to provision SubPath `a/../b`: must not contain '..'" });
    assert.throws(() => mounts({ volumeMounts: [{ name: 'data', mountPath: '/x', subPathExpr: '$(NOPE)' }] }, {}),
      { message: 'missing value for NOPE' });
    assert.throws(() => mounts({ volumeMounts: [{ name: 'gone', mountPath: '/x' }] }),
      { message: 'cannot find volume "gone" to mount into container "app"' });
    assert.throws(() => mounts({ volumeMounts: [{ name: 'data', mountPath: '/x', mountPropagation: 'Bidirectional' }] }),
      { message: 'Bidirectional mount propagation is available only to privileged containers' });
  });

  it('maps mount propagation', () => {
    const m = mounts({ securityContext: { privileged: true }, volumeMounts: [
      { name: 'data', mountPath: '/a', mountPropagation: 'HostToContainer' },
      { name: 'data', mountPath: '/b', mountPropagation: 'Bidirectional' },
      { name: 'data', mountPath: '/c', mountPropagation: 'None' },
    ] });
    assert.deepEqual(m.map((x) => x.propagation), ['rslave', 'rshared', 'private']);
  });
});
