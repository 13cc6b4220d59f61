import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CAPABILITIES, buildSpec, capabilitySet, milliCPUToQuota, milliCPUToShares } from './oci-spec.js';
import { mergeEnv, processArgs, resolveUser } from './process-args.js';

describe('OCI spec and process', () => {
  const root = mkdtempSync(join(tmpdir(), 'navarch-spec-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('combines command and args with the image Entrypoint and Cmd as Kubernetes does', () => {
    const img = { Entrypoint: ['/ep'], Cmd: ['c1'] };
    assert.deepEqual(processArgs(img), ['/ep', 'c1']);
    assert.deepEqual(processArgs(img, undefined, ['a']), ['/ep', 'a']);
    assert.deepEqual(processArgs(img, ['cmd']), ['cmd']);
    assert.deepEqual(processArgs(img, ['cmd'], ['a']), ['cmd', 'a']);
    assert.deepEqual(processArgs({ Cmd: null }), []);
  });

  it('layers the environment: HOSTNAME, the image, then the container', () => {
    assert.deepEqual(mergeEnv('pod', ['PATH=/bin', 'A=1'], [{ name: 'A', value: '2' }, { name: 'B', value: 'x=y' }]),
      ['HOSTNAME=pod', 'PATH=/bin', 'A=2', 'B=x=y']);
  });

  it('resolves image users through the container\'s own passwd and group files', async () => {
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc', 'passwd'), 'root:x:0:0::/root:/bin/sh\nwww:x:33:33::/var/www:/bin/false\n');
    writeFileSync(join(root, 'etc', 'group'), 'root:x:0:\nwww:x:33:\nextra:x:500:www\n');
    assert.deepEqual(await resolveUser(root, 'www'), { uid: 33, gid: 33, additionalGids: [500] });
    assert.deepEqual(await resolveUser(root, '1000:www'), { uid: 1000, gid: 33, additionalGids: [] });
    assert.deepEqual(await resolveUser(root, 'www', 2000, 3000, [7]), { uid: 2000, gid: 3000, additionalGids: [7] });
    await assert.rejects(resolveUser(root, 'nobody'), /no user "nobody"/);
  });

  it('converts CPU to shares and quota, and capabilities as Kubernetes names them', () => {
    assert.equal(milliCPUToShares(250), 256);
    assert.equal(milliCPUToShares(0), 2);
    assert.equal(milliCPUToQuota(500), 50_000);
    assert.equal(milliCPUToQuota(1), 1000);
    assert.deepEqual(capabilitySet(['NET_ADMIN'], ['KILL']), [...DEFAULT_CAPABILITIES.filter((c) => c !== 'CAP_KILL'), 'CAP_NET_ADMIN']);
    assert.deepEqual(capabilitySet(['NET_BIND_SERVICE'], ['ALL']), ['CAP_NET_BIND_SERVICE']);
  });

  it('joins the sandbox namespaces by path and sets cgroup limits', () => {
    const spec = buildSpec({
      rootfs: '/r', readonlyRootfs: true, args: ['sh'], env: [], cwd: '/', user: { uid: 0, gid: 0, additionalGids: [] },
      namespaces: { network: { path: '/var/run/netns/x' }, ipc: 'host', uts: { path: '/u' }, pid: 'new' },
      mounts: [], cgroupsPath: '/navarch/podu/c', resources: { memoryLimitBytes: 1024, cpuShares: 2, cpuQuota: 1000 },
      privileged: false, capabilities: [], noNewPrivileges: true,
    }) as { linux: { namespaces: unknown[]; resources: Record<string, unknown>; cgroupsPath: string }; root: unknown };
    assert.deepEqual(spec.linux.namespaces, [
      { type: 'pid' }, { type: 'uts', path: '/u' }, { type: 'mount' }, { type: 'network', path: '/var/run/netns/x' },
    ]);
    assert.deepEqual(spec.linux.resources.memory, { limit: 1024, swap: 1024 });
    assert.deepEqual(spec.linux.resources.cpu, { shares: 2, quota: 1000, period: 100_000 });
    assert.deepEqual(spec.root, { path: '/r', readonly: true });
  });
});
