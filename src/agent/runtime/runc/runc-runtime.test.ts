import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore, startTestRegistry, type TestRegistry } from '../../images/index.js';
import type { ContainerConfig, ContainerEvent, RuntimeImage, SandboxStatus } from '../runtime.js';
import { parseLogLine } from './cri-log.js';
import { RuncRuntime } from './runc-runtime.js';

const CGROUP_ROOT = `/navarch-test-${process.pid}`;
const NETNS = `nvtest-${process.pid}`;

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function logLines(path: string) {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => parseLogLine(l)!) : [];
}

describe('runc runtime', () => {
  let reg: TestRegistry;
  let dir: string;
  let rt: RuncRuntime;
  let busybox: RuntimeImage;
  let web: RuntimeImage;
  let sb: SandboxStatus;
  const events: ContainerEvent[] = [];
  const cfg = (name: string, extra: Partial<ContainerConfig>): ContainerConfig => ({ name, logPath: join(dir, 'logs', name, '0.log'), ...extra });

  before(async () => {
    reg = await startTestRegistry();
    dir = mkdtempSync(join(tmpdir(), 'navarch-runc-'));
    const images = new ImageStore({ root: join(dir, 'images'), registries: reg.mirrorConfig() });
    await images.init();
    const toRuntime = async (ref: string): Promise<RuntimeImage> => {
      const img = await images.pull(ref);
      return { ref, id: img.id, repoDigest: img.repoDigests[0]!, layerDirs: images.layerDirs(img), config: img.config };
    };
    busybox = await toRuntime('busybox:1.36');
    web = await toRuntime('navarch/web:1');
    rt = new RuncRuntime({ root: join(dir, 'runtime'), cgroupRoot: CGROUP_ROOT });
    await rt.init();
    rt.onEvent((e) => events.push(e));
    sb = await rt.createSandbox({ name: 'pod1', namespace: 'default', uid: 'uid-1', hostname: 'pod1' });
  });

  after(async () => {
    await rt?.close();
    const again = new RuncRuntime({ root: join(dir, 'runtime'), cgroupRoot: CGROUP_ROOT });
    await again.init().catch(() => undefined);
    for (const s of again.listSandboxes()) await again.removeSandbox(s.id).catch(() => undefined);
    await again.close();
    try { execFileSync('ip', ['netns', 'del', NETNS], { stdio: 'ignore' }); } catch { /* not made */ }
    for (const h of readdirSync('/sys/fs/cgroup')) {
      try { rmdirSync(join('/sys/fs/cgroup', h, CGROUP_ROOT)); } catch { /* absent */ }
    }
    await reg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a container to its exit and keeps its output in CRI log lines', async () => {
    const c = await rt.createContainer(sb.id, cfg('echo', {
      command: ['sh', '-c'], args: ['echo hello; echo oops >&2; echo "$HOSTNAME $(hostname) $(id -u)"; exit 3'],
    }), busybox);
    assert.equal(c.state, 'created');
    await rt.startContainer(c.id);
    const s = await until('exit', async () => { const st = await rt.containerStatus(c.id); return st?.reason ? st : undefined; });
    assert.equal(s.state, 'exited');
    assert.equal(s.exitCode, 3);
    assert.equal(s.reason, 'Error');
    assert.ok(s.startedAt! >= s.createdAt && s.finishedAt! >= s.startedAt!, JSON.stringify(s));
    assert.equal(s.imageRef, busybox.repoDigest);
    const lines = await until('log lines', () => { const l = logLines(s.logPath); return l.length >= 3 ? l : undefined; });
    assert.deepEqual(lines.map((l) => `${l.stream} ${l.tag} ${l.content}`).sort(),
      ['stderr F oops', 'stdout F hello', 'stdout F pod1 pod1 0']);
    assert.match(lines[0]!.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    await until('exited event', () => events.find((e) => e.type === 'exited' && e.containerId === c.id));
    const order = events.filter((e) => e.containerId === c.id).map((e) => e.type);
    assert.deepEqual(order, ['created', 'started', 'exited']);
  });

  it('uses the image entrypoint and command when the pod gives none, and reports Completed', async () => {
    const c = await rt.createContainer(sb.id, cfg('true', { args: ['true'] }), { ...busybox, config: { ...busybox.config, Entrypoint: ['env'] } });
    await rt.startContainer(c.id);
    const s = await until('exit', async () => { const st = await rt.containerStatus(c.id); return st?.reason ? st : undefined; });
    assert.deepEqual([s.exitCode, s.reason], [0, 'Completed']);
  });

  it('fails a start whose command does not exist with StartError and runc\'s reason', async () => {
    const c = await rt.createContainer(sb.id, cfg('missing', { command: ['no-such-command'] }), busybox);
    await assert.rejects(rt.startContainer(c.id), /executable file not found in \$PATH/);
    const s = await rt.containerStatus(c.id);
    assert.deepEqual([s?.state, s?.exitCode, s?.reason], ['exited', 128, 'StartError']);
    assert.match(s!.message!, /^failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "no-such-command": executable file not found in \$PATH: unknown$/);
  });

  it('stops with the stop signal first, and SIGKILL when the grace period runs out', async () => {
    const polite = await rt.createContainer(sb.id, cfg('polite', {
      command: ['sh', '-c', 'trap "echo got TERM; exit 0" TERM; echo ready; while true; do sleep 0.1; done'],
    }), busybox);
    const stubborn = await rt.createContainer(sb.id, cfg('stubborn', { command: ['sleep', '600'] }), busybox);
    await rt.startContainer(polite.id);
    await rt.startContainer(stubborn.id);
    await until('ready', () => logLines(polite.logPath).some((l) => l.content === 'ready') || undefined);
    let t = Date.now();
    await rt.stopContainer(polite.id, 10);
    assert.ok(Date.now() - t < 5000, 'the trap ends it well before the grace period');
    const p = await rt.containerStatus(polite.id);
    assert.deepEqual([p?.exitCode, p?.reason], [0, 'Completed']);
    await until('TERM logged', () => logLines(polite.logPath).some((l) => l.content === 'got TERM') || undefined);
    t = Date.now();
    await rt.stopContainer(stubborn.id, 1); // sleep as PID 1 ignores SIGTERM
    assert.ok(Date.now() - t >= 900, `killed after the grace period, not before (${Date.now() - t} ms)`);
    const s = await rt.containerStatus(stubborn.id);
    assert.deepEqual([s?.state, s?.exitCode, s?.reason], ['exited', 137, 'Error']);
  });

  it('execs in a running container, and enforces memory and CPU limits through its cgroup', async () => {
    const c = await rt.createContainer(sb.id, cfg('limited', {
      command: ['sleep', '600'],
      resources: { memoryLimitBytes: 64 * 1024 * 1024, cpuShares: 256, cpuQuota: 50_000, cpuPeriod: 100_000 },
    }), busybox);
    await rt.startContainer(c.id);
    const r = await rt.execSync(c.id, ['sh', '-c', 'echo out; echo err >&2; cat /proc/1/cmdline | tr "\\0" " "; exit 7'], 5000);
    assert.deepEqual([r.exitCode, r.stdout.toString(), r.stderr.toString(), r.timedOut], [7, 'out\nsleep 600 ', 'err\n', false]);
    const slow = await rt.execSync(c.id, ['sleep', '30'], 300);
    assert.equal(slow.timedOut, true);
    assert.equal(slow.exitCode, 137);
    const p = rt.exec(c.id, { cmd: ['cat'], stdin: true });
    p.stdin!.end('piped through\n');
    const out: Buffer[] = [];
    p.stdout.on('data', (d: Buffer) => out.push(d));
    assert.equal(await p.wait(), 0);
    assert.equal(Buffer.concat(out).toString(), 'piped through\n');
    const base = `${CGROUP_ROOT}/poduid-1/${c.id}`;
    assert.equal(readFileSync(`/sys/fs/cgroup/memory${base}/memory.limit_in_bytes`, 'utf8').trim(), String(64 * 1024 * 1024));
    assert.equal(readFileSync(`/sys/fs/cgroup/cpu${base}/cpu.shares`, 'utf8').trim(), '256');
    assert.equal(readFileSync(`/sys/fs/cgroup/cpu${base}/cpu.cfs_quota_us`, 'utf8').trim(), '50000');
    await rt.stopContainer(c.id, 0);
  });

  it('reports OOMKilled when a container exceeds its memory limit', async () => {
    const c = await rt.createContainer(sb.id, cfg('hog', {
      command: ['sh', '-c', 'x=$(head -c 100000000 /dev/zero | tr "\\0" a); echo survived'],
      resources: { memoryLimitBytes: 16 * 1024 * 1024 },
    }), busybox);
    await rt.startContainer(c.id);
    const s = await until('OOM exit', async () => { const st = await rt.containerStatus(c.id); return st?.reason ? st : undefined; }, 20_000);
    assert.deepEqual([s.exitCode, s.reason], [137, 'OOMKilled']);
  });

  it('joins a network namespace made outside, shared by the pod\'s containers', async () => {
    execFileSync('ip', ['netns', 'add', NETNS]);
    execFileSync('ip', ['-n', NETNS, 'link', 'set', 'lo', 'up']);
    execFileSync('ip', ['-n', NETNS, 'link', 'add', 'nvtesta0', 'type', 'veth', 'peer', 'name', 'nvtestb0']);
    const pod = await rt.createSandbox({ name: 'web', namespace: 'default', uid: 'uid-2', hostname: 'web', netnsPath: `/var/run/netns/${NETNS}` });
    assert.equal(pod.netnsPath, `/var/run/netns/${NETNS}`);
    const server = await rt.createContainer(pod.id, cfg('web', {}), web);
    await rt.startContainer(server.id);
    const client = await rt.createContainer(pod.id, cfg('client', { command: ['sleep', '600'] }), busybox);
    await rt.startContainer(client.id);
    const links = await rt.execSync(client.id, ['ip', 'link'], 5000);
    assert.match(links.stdout.toString(), /nvtesta0/);
    const page = await until('the web server', async () => {
      const r = await rt.execSync(client.id, ['wget', '-q', '-O', '-', 'http://127.0.0.1:80/'], 5000);
      return r.exitCode === 0 ? r.stdout.toString() : undefined;
    });
    assert.match(page, /navarch web/);
    await rt.removeSandbox(pod.id);
    assert.equal((await rt.listContainers({ sandboxId: pod.id })).length, 0);
    assert.ok(existsSync(`/var/run/netns/${NETNS}`), 'a namespace made outside stays');
  });

  it('leaves containers running when the agent goes away, and a new agent adopts them', async () => {
    const c = await rt.createContainer(sb.id, cfg('ticker', {
      command: ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.1; done'],
    }), busybox);
    await rt.startContainer(c.id);
    await until('first ticks', () => logLines(c.logPath).length >= 2 || undefined);
    await rt.close(); // the agent stops reading; the container must not notice
    await new Promise((r) => setTimeout(r, 500));
    rt = new RuncRuntime({ root: join(dir, 'runtime'), cgroupRoot: CGROUP_ROOT });
    await rt.init();
    const adopted = await rt.containerStatus(c.id);
    assert.equal(adopted?.state, 'running');
    assert.ok(rt.listSandboxes().some((s) => s.id === sb.id));
    const before = logLines(c.logPath).length;
    await until('ticks logged by the new agent', () => logLines(c.logPath).length > before + 2 || undefined);
    const ticks = logLines(c.logPath).map((l) => Number(l.content.split(' ')[1]));
    assert.deepEqual(ticks, ticks.map((_, i) => i), 'no tick lost or repeated across the restart');
    const exited = new Promise<ContainerEvent>((resolve) => rt.onEvent((e) => { if (e.type === 'exited') resolve(e); }));
    await rt.stopContainer(c.id, 0);
    assert.equal((await exited).containerId, c.id);
  });

  it('removes containers and the sandbox, leaving no mount, runc state or cgroup behind', async () => {
    const all = await rt.listContainers({ sandboxId: sb.id });
    assert.ok(all.length >= 6);
    await rt.removeSandbox(sb.id);
    assert.deepEqual(await rt.listContainers(), []);
    assert.deepEqual(rt.listSandboxes(), []);
    assert.equal(readFileSync('/proc/self/mountinfo', 'utf8').includes(dir), false);
    assert.equal(execFileSync('runc', ['--root', join(dir, 'runtime', 'runc'), 'list', '-q']).toString().trim(), '');
    assert.equal(existsSync(`/sys/fs/cgroup/memory${CGROUP_ROOT}/poduid-1`), false);
  });
});
