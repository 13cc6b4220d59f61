/**
 * Pods benchmark on this machine's real node, in one run:
 *  - `navarch up` (fresh data dir) to the node agent's "ready" line and to the Node being Ready in the API;
 *  - pod start latency, create → Ready as seen by a watch, for 100 busybox pods created at 5 pods/s
 *    with the image already present: p50 and p99 (the API server, controllers, scheduler and agent
 *    share one process and this machine's 2 cores);
 *  - the same container run bare: `runc run --detach` of the same rootfs and command, median of 20;
 *  - RSS of the `navarch up` process idle (before the pods, after they are gone) and with 100 pods.
 * Images come from a local registry (Debian's docker-registry on loopback). Prints figures only.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { KObject } from '../src/api/index.js';
import { resetNode } from '../src/agent/index.js';
import { ImageStore, startTestRegistry } from '../src/agent/images/index.js';
import { Clientset, SharedInformerFactory } from '../src/client/index.js';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../bin/navarch.js');
const PODS = { group: '', version: 'v1', resource: 'pods' };
const run = promisify(execFile);
const COUNT = 100;
const RATE = 5;

interface PodLike extends KObject { status?: { conditions?: Array<{ type?: string; status?: string }> } }

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

function ready(p: PodLike): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

async function bareRunc(images: ImageStore, dir: string): Promise<number> {
  const img = images.find('busybox:1.36') ?? await images.pull('busybox:1.36');
  const bundle = join(dir, 'bundle');
  mkdirSync(bundle, { recursive: true });
  await run('runc', ['spec', '--bundle', bundle]);
  const spec = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8')) as { root: { path: string; readonly: boolean }; process: { args: string[]; terminal: boolean } };
  spec.root = { path: images.layerDirs(img)[0], readonly: true };
  spec.process.args = ['sleep', '3600'];
  spec.process.terminal = false;
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
  const root = join(dir, 'runc-state');
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const id = `navarch-bench-${process.pid}-${i}`;
    const t = performance.now();
    // stdio ignored: a detached container would otherwise hold our pipes open until it ends.
    const code = await new Promise<number | null>((ok) => {
      spawn('runc', ['--root', root, 'run', '--detach', '--bundle', bundle, id], { stdio: 'ignore' }).once('exit', ok);
    });
    if (code !== 0) throw new Error(`runc run exited ${code}`);
    times.push(performance.now() - t);
    await run('runc', ['--root', root, 'delete', '--force', id]).catch(() => undefined);
  }
  return pct(times, 50);
}

export async function runPodsBench(): Promise<void> {
  const reg = await startTestRegistry();
  const dataDir = mkdtempSync(join(tmpdir(), 'navarch-bench-pods-'));
  const work = mkdtempSync(join(tmpdir(), 'navarch-bench-runc-'));
  writeFileSync(join(dataDir, 'registries.yaml'), reg.mirrorYAML());
  let child: ChildProcess | undefined;
  let clientset: Clientset | undefined;
  let factory: SharedInformerFactory | undefined;
  try {
    const octet = 100 + (process.pid % 20);
    const t0 = performance.now();
    child = spawn(process.execPath, [BIN, 'up', '--data-dir', dataDir, '--https-port', '0', '--bind-address', '127.0.0.1',
      '--cluster-cidr', `10.${octet}.0.0/16`, '--cni-bridge', `nvb${process.pid % 10000}`, '--node-name', 'bench-node', '--kubelet-port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const upMs = await new Promise<number>((ok, fail) => {
      let buf = '';
      child!.stderr?.on('data', (d: Buffer) => {
        buf += d.toString();
        if (/node bench-node ready/.test(buf)) ok(performance.now() - t0);
      });
      child!.once('exit', (code) => fail(new Error(`navarch up exited ${code}: ${buf}`)));
    });
    clientset = Clientset.fromKubeconfig(join(dataDir, 'kubeconfig.yaml'));
    const node = await clientset.resource<{ metadata: object; status?: { conditions?: Array<{ type: string; status: string }> } }>({ group: '', version: 'v1', resource: 'nodes' }).get('bench-node');
    const nodeReadyMs = performance.now() - t0;
    const nodeReady = node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
    process.stdout.write(`navarch up → node agent ready (fresh data dir)   ${Math.round(upMs)} ms\n`);
    process.stdout.write(`navarch up → Node Ready in the API                ${Math.round(nodeReadyMs)} ms (Ready=${nodeReady})\n`);
    await new Promise((r) => setTimeout(r, 3000));
    process.stdout.write(`RSS of navarch up, idle (no pods)                 ${rssMiB(child.pid!).toFixed(0)} MiB\n`);

    const pods = clientset.resource<PodLike>(PODS).namespace('default');
    const created = new Map<string, number>();
    const readyAt = new Map<string, number>();
    factory = new SharedInformerFactory(clientset);
    const inf = factory.forResource<PodLike>(PODS, { namespace: 'default' });
    const seen = (p: PodLike): void => {
      const n = p.metadata.name ?? '';
      if (ready(p) && !readyAt.has(n)) readyAt.set(n, performance.now());
    };
    inf.addEventHandler({ onAdd: seen, onUpdate: (_o, p) => seen(p) });
    factory.start();
    await factory.waitForCacheSync(10_000);
    const mk = (name: string) => ({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
      spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
    });
    // The image first, so the measured pods start with it present.
    await pods.create(mk('warm-up'));
    for (let i = 0; i < 600 && !readyAt.has('warm-up'); i++) await new Promise((r) => setTimeout(r, 100));
    await pods.delete('warm-up', { gracePeriodSeconds: 0 });

    const images = new ImageStore({ root: join(dataDir, 'agent', 'images'), registries: reg.mirrorConfig() });
    await images.init();
    const bare = await bareRunc(images, work);
    
    const start = performance.now();
    for (let i = 0; i < COUNT; i++) {
      const name = `p-${i}`;
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      created.set(name, performance.now());
      await pods.create(mk(name));
    }
    for (let i = 0; i < 1200 && readyAt.size < COUNT + 1; i++) await new Promise((r) => setTimeout(r, 100));
    const lat = [...created].filter(([n]) => readyAt.has(n)).map(([n, t]) => readyAt.get(n)! - t);
    process.stdout.write(`pod start, create → Ready, ${COUNT} pods at ${RATE}/s   p50 ${Math.round(pct(lat, 50))} ms   p99 ${Math.round(pct(lat, 99))} ms   (${lat.length}/${COUNT} Ready)\n`);
    process.stdout.write(`bare runc run --detach, same rootfs and command (median of 20)  ${Math.round(bare)} ms   ratio p50/bare ${(pct(lat, 50) / bare).toFixed(1)}×\n`);
    process.stdout.write(`RSS of navarch up with ${COUNT} pods running        ${rssMiB(child.pid!).toFixed(0)} MiB\n`);

    await Promise.all([...created.keys()].map((n) => pods.delete(n, { gracePeriodSeconds: 0 }).catch(() => undefined)));
    for (let i = 0; i < 600 && inf.store.list().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 3000));
    process.stdout.write(`RSS of navarch up, idle after the pods are gone    ${rssMiB(child.pid!).toFixed(0)} MiB\n`);
  } finally {
    await factory?.stop();
    clientset?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await resetNode(dataDir).catch(() => undefined);
    await reg.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
