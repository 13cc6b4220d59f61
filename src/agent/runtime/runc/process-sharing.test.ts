/**
 * Real runc containers sharing processes and reading stdin: a sandbox with one PID namespace for its
 * containers (shareProcessNamespace), a container joining another's PID namespace (an ephemeral
 * container's target), and stdin FIFOs with stdin and stdinOnce.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImageStore, startTestRegistry, type TestRegistry } from '../../images/index.js';
import type { ContainerConfig, ContainerStatus, RuntimeImage } from '../runtime.js';
import { parseLogLine } from './cri-log.js';
import { RuncRuntime } from './runc-runtime.js';

const CGROUP_ROOT = `/navarch-test-share-${process.pid}`;

async function until<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function logText(path: string): string {
  if (!existsSync(path)) return '';
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => {
    const r = parseLogLine(l)!;
    return r.tag === 'F' ? `${r.content}\n` : r.content;
  }).join('');
}

function write(w: NodeJS.WritableStream, data: string): Promise<void> {
  return new Promise((resolve, reject) => w.write(data, (err) => (err ? reject(err) : resolve())));
}

describe('runc runtime: shared process namespaces, stdin and terminals', () => {
  let reg: TestRegistry;
  let dir: string;
  let rt: RuncRuntime;
  let busybox: RuntimeImage;
  const cfg = (name: string, extra: Partial<ContainerConfig>): ContainerConfig => ({ name, logPath: join(dir, 'logs', name, '0.log'), ...extra });
  const exited = (id: string): Promise<ContainerStatus> =>
    until(`${id} to exit`, async () => { const s = await rt.containerStatus(id); return s?.reason ? s : undefined; });
  const running = async (id: string): Promise<void> => { await until(`${id} to run`, async () => (await rt.containerStatus(id))?.state === 'running'); };

  before(async () => {
    reg = await startTestRegistry();
    dir = mkdtempSync(join(tmpdir(), 'navarch-share-'));
    const images = new ImageStore({ root: join(dir, 'images'), registries: reg.mirrorConfig() });
    await images.init();
    const img = await images.pull('busybox:1.36');
    busybox = { ref: 'busybox:1.36', id: img.id, repoDigest: img.repoDigests[0]!, layerDirs: images.layerDirs(img), config: img.config };
    rt = new RuncRuntime({ root: join(dir, 'runtime'), cgroupRoot: CGROUP_ROOT });
    await rt.init();
  });

  after(async () => {
    await rt?.close();
    const again = new RuncRuntime({ root: join(dir, 'runtime'), cgroupRoot: CGROUP_ROOT });
    await again.init().catch(() => undefined);
    for (const s of again.listSandboxes()) await again.removeSandbox(s.id).catch(() => undefined);
    await again.close();
    for (const h of readdirSync('/sys/fs/cgroup')) {
      try { rmdirSync(join('/sys/fs/cgroup', h, CGROUP_ROOT)); } catch { /* absent */ }
    }
    await reg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a sandbox sharing its PID namespace: each container sees the others, and removal ends the holder', async () => {
    const sb = await rt.createSandbox({ name: 'shared', namespace: 'default', uid: `share-${process.pid}`, hostname: 'shared', sharePid: true });
    const a = await rt.createContainer(sb.id, cfg('a', { command: ['sleep', '3601'] }), busybox);
    await rt.startContainer(a.id);
    await running(a.id);
    const b = await rt.createContainer(sb.id, cfg('b', { command: ['sh', '-c', 'ps -o pid,args'] }), busybox);
    await rt.startContainer(b.id);
    assert.equal((await exited(b.id)).exitCode, 0);
    const ps = logText(join(dir, 'logs', 'b', '0.log'));
    assert.match(ps, /sleep 3601/);
    assert.match(ps, /^\s*1 sh -c trap/m, 'PID 1 is the namespace holder');
    const holder = JSON.parse(readFileSync(join(dir, 'runtime', 'sandboxes', sb.id, 'sandbox.json'), 'utf8')) as { pidHolder?: number };
    assert.ok(holder.pidHolder && existsSync(`/proc/${holder.pidHolder}`));
    await rt.removeSandbox(sb.id);
    await until('the holder to end', () => !existsSync(`/proc/${holder.pidHolder}/cmdline`) || !readFileSync(`/proc/${holder.pidHolder}/cmdline`, 'utf8').startsWith('unshare'));
  });

  it('a container joins a running container\'s PID namespace; one that does not sees only its own', async () => {
    const sb = await rt.createSandbox({ name: 'target', namespace: 'default', uid: `target-${process.pid}`, hostname: 'target' });
    const t = await rt.createContainer(sb.id, cfg('t', { command: ['sleep', '3602'] }), busybox);
    await rt.startContainer(t.id);
    await running(t.id);
    const dbg = await rt.createContainer(sb.id, cfg('dbg', { command: ['sh', '-c', 'ps -o pid,args'], pidNamespaceOf: t.id }), busybox);
    await rt.startContainer(dbg.id);
    await exited(dbg.id);
    const seen = logText(join(dir, 'logs', 'dbg', '0.log'));
    assert.match(seen, /^\s*1 sleep 3602$/m, seen);
    const own = await rt.createContainer(sb.id, cfg('own', { command: ['sh', '-c', 'ps -o pid,args'] }), busybox);
    await rt.startContainer(own.id);
    await exited(own.id);
    assert.doesNotMatch(logText(join(dir, 'logs', 'own', '0.log')), /sleep 3602/);
    await rt.stopContainer(t.id, 0);
    await assert.rejects(rt.createContainer(sb.id, cfg('late', { command: ['true'], pidNamespaceOf: t.id }), busybox), /is not running/);
    await rt.removeSandbox(sb.id);
  });

  it('stdinOnce: the first writer\'s input reaches the container, and its end closes stdin', async () => {
    const sb = await rt.createSandbox({ name: 'in1', namespace: 'default', uid: `in1-${process.pid}`, hostname: 'in1' });
    const c = await rt.createContainer(sb.id, cfg('cat1', { command: ['cat'], stdin: true, stdinOnce: true }), busybox);
    await rt.startContainer(c.id);
    await running(c.id);
    const w = await rt.openStdin(c.id);
    assert.ok(w);
    await write(w, 'hello stdin\n');
    w.end();
    const s = await exited(c.id);
    assert.equal(s.exitCode, 0);
    assert.equal(logText(join(dir, 'logs', 'cat1', '0.log')), 'hello stdin\n');
    assert.equal(await rt.openStdin(c.id), undefined);
    await rt.removeSandbox(sb.id);
  });

  it('stdin without stdinOnce stays open across writers; a container without stdin has no writer', async () => {
    const sb = await rt.createSandbox({ name: 'in2', namespace: 'default', uid: `in2-${process.pid}`, hostname: 'in2' });
    const c = await rt.createContainer(sb.id, cfg('cat2', { command: ['cat'], stdin: true }), busybox);
    await rt.startContainer(c.id);
    await running(c.id);
    for (const word of ['one\n', 'two\n']) {
      const w = (await rt.openStdin(c.id))!;
      await write(w, word);
      await new Promise<void>((r) => w.end(r));
    }
    await until('both lines', () => logText(join(dir, 'logs', 'cat2', '0.log')) === 'one\ntwo\n');
    assert.equal((await rt.containerStatus(c.id))?.state, 'running');
    const plain = await rt.createContainer(sb.id, cfg('plain', { command: ['sleep', '3603'] }), busybox);
    await rt.startContainer(plain.id);
    assert.equal(await rt.openStdin(plain.id), undefined);
    const keeper = Number(readFileSync(join(dir, 'runtime', 'containers', c.id, 'stdin.keeper'), 'utf8').trim());
    assert.ok(readFileSync(`/proc/${keeper}/cmdline`, 'utf8').startsWith('sleep'));
    await rt.removeSandbox(sb.id);
    await until('the keeper to end', () => !existsSync(`/proc/${keeper}/cmdline`) || !readFileSync(`/proc/${keeper}/cmdline`, 'utf8').startsWith('sleep'));
  });

  it('tty: the container runs on a console of 80x24 that can be resized, and reads its stdin there', async () => {
    const sb = await rt.createSandbox({ name: 'tty', namespace: 'default', uid: `tty-${process.pid}`, hostname: 'tty' });
    const c = await rt.createContainer(sb.id, cfg('term', { command: ['sh'], stdin: true, stdinOnce: true, tty: true }), busybox);
    await rt.startContainer(c.id);
    await running(c.id);
    const w = (await rt.openStdin(c.id))!;
    await write(w, 'tty; stty size; echo "term=$TERM"\n');
    await until('the first size', () => /^24 80\r$/m.test(logText(join(dir, 'logs', 'term', '0.log'))));
    await rt.resizeTerminal(c.id, 132, 43);
    await write(w, 'stty size; exit 5\n');
    const s = await exited(c.id);
    assert.equal(s.exitCode, 5);
    const out = logText(join(dir, 'logs', 'term', '0.log'));
    assert.match(out, /^\/dev\/pts\/0\r$/m, out);
    assert.match(out, /^24 80\r$/m);
    assert.match(out, /^43 132\r$/m, 'resized');
    assert.match(out, /^term=xterm\r$/m);
    w.destroy();
    await rt.removeSandbox(sb.id);
  });

  it('tty without stdin: the console sees no end of input, so the shell keeps running until stopped', async () => {
    const sb = await rt.createSandbox({ name: 'tty2', namespace: 'default', uid: `tty2-${process.pid}`, hostname: 'tty2' });
    const c = await rt.createContainer(sb.id, cfg('term2', { command: ['sh'], tty: true }), busybox);
    await rt.startContainer(c.id);
    await running(c.id);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await rt.containerStatus(c.id))?.state, 'running');
    assert.equal(await rt.openStdin(c.id), undefined);
    await rt.stopContainer(c.id, 1);
    assert.equal((await exited(c.id)).exitCode, 137);
    await rt.removeSandbox(sb.id);
  });
});
