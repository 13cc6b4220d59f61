/**
 * Rollout benchmark (issue 5): `navarch up --simulate-nodes 100` as a child process (simulated pods
 * become Running and Ready 0.5 s after binding), a 1,000-replica Deployment (RollingUpdate, maxSurge
 * 25%, maxUnavailable 25%) made ready, then `kubectl set image`. Prints the seconds from the image
 * change to the rollout being complete as `kubectl rollout status` judges it (observedGeneration
 * caught up, updatedReplicas = replicas = availableReplicas) and the API requests the server counted
 * meanwhile (/metrics apiserver_request_total, summed before and after; the top 5 by verb and
 * resource). The simulated nodes' own heartbeats are part of that count. Prints figures only.
 * `npm run bench -- rollout N` runs the simulated nodes with N concurrent status writers.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KObject } from '../src/api/index.js';
import { Clientset, SharedInformerFactory } from '../src/client/index.js';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../bin/navarch.js');
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const NODES = 100;
const REPLICAS = 1000;
const STARTUP_DELAY_SECONDS = 0.5;
const NAME = 'big';

interface DeploymentLike extends KObject {
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number };
}

/** apiserver_request_total by its labels, from the Prometheus text. */
export function parseRequestCounts(text: string): Map<string, { labels: Record<string, string>; n: number }> {
  const out = new Map<string, { labels: Record<string, string>; n: number }>();
  for (const line of text.split('\n')) {
    const m = /^apiserver_request_total\{(.*)\}\s+(\d+(?:\.\d+)?)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    out.set(m[1], { labels, n: Number(m[2]) });
  }
  return out;
}

/** The counts of `after` minus those of `before`, grouped by keyOf(labels). */
export function requestDelta(before: string, after: string, keyOf: (l: Record<string, string>) => string): Map<string, number> {
  const b = parseRequestCounts(before);
  const out = new Map<string, number>();
  for (const [k, v] of parseRequestCounts(after)) {
    const d = v.n - (b.get(k)?.n ?? 0);
    if (d > 0) out.set(keyOf(v.labels), (out.get(keyOf(v.labels)) ?? 0) + d);
  }
  return out;
}

function complete(d: DeploymentLike | undefined, image: string): boolean {
  const want = d?.spec?.replicas ?? -1;
  const s = d?.status;
  const tpl = (d as { spec?: { template?: { spec?: { containers?: Array<{ image?: string }> } } } } | undefined)?.spec?.template?.spec?.containers?.[0]?.image;
  return !!d && !!s && tpl === image && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
    && s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want;
}

function kubectl(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`kubectl ${args.join(' ')}: ${stderr || err.message}`)); else ok(stdout);
    });
  });
}

async function until(what: string, maxMs: number, check: () => boolean): Promise<number> {
  const t = performance.now();
  for (let i = 0; i < maxMs / 20 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`Cannot finish the rollout bench: ${what} not reached after ${maxMs / 1000} s`);
  return performance.now() - t;
}

export async function runRolloutBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'navarch-bench-rollout-'));
  const simConfig = join(dataDir, 'simulation.yaml');
  // An optional argument: the simulated nodes' concurrent status writers (the simulator's default: 8).
  const workers = Number(process.argv[3] ?? '0');
  writeFileSync(simConfig, `startupDelaySeconds: ${STARTUP_DELAY_SECONDS}\n${workers > 0 ? `workers: ${workers}\n` : ''}`);
  let child: ChildProcess | undefined;
  let clientset: Clientset | undefined;
  let factory: SharedInformerFactory | undefined;
  try {
    child = spawn(process.execPath, [BIN, 'up', '--data-dir', dataDir, '--https-port', '0', '--bind-address', '127.0.0.1',
      '--simulate-nodes', String(NODES), '--simulation-config', simConfig], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((ok, fail) => {
      let buf: string | undefined = '';
      const t = setTimeout(() => fail(new Error(`navarch up: no simulated nodes after 120 s: ${buf}`)), 120_000);
      child!.stderr?.on('data', (d: Buffer) => {
        if (buf === undefined) return; // started: the rest of its log is read and dropped
        buf += d.toString();
        if (/simulated nodes: .* registered/.test(buf)) { buf = undefined; clearTimeout(t); ok(); }
      });
      child!.once('exit', (code) => { clearTimeout(t); fail(new Error(`navarch up exited ${code}: ${buf ?? ''}`)); });
    });
    const kubeconfig = join(dataDir, 'kubeconfig.yaml');
    clientset = Clientset.fromKubeconfig(kubeconfig);
    const cs = clientset;
    factory = new SharedInformerFactory(cs, { log: () => undefined });
    const inf = factory.forResource<DeploymentLike>(DEPLOYMENTS, { namespace: 'default' });
    factory.start();
    await factory.waitForCacheSync(30_000);
    const current = (): DeploymentLike | undefined => inf.store.list().find((d) => d.metadata.name === NAME);

    const t0 = performance.now();
    await cs.resource<DeploymentLike>(DEPLOYMENTS).namespace('default').create({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: NAME, namespace: 'default' },
      spec: {
        replicas: REPLICAS, selector: { matchLabels: { app: NAME } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        template: { metadata: { labels: { app: NAME } }, spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }] } },
      },
    } as DeploymentLike);
    await until(`${REPLICAS} available replicas`, 300_000, () => complete(current(), 'busybox:1.36'));
    const createdMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 2000)); // let the last status writes settle

    const metrics = async (): Promise<string> => (await cs.rest.request('GET', '/metrics')).text;
    const before = await metrics();
    const t1 = performance.now();
    await kubectl(kubeconfig, ['set', 'image', `deployment/${NAME}`, 'c=busybox:latest']);
    const setMs = performance.now() - t1;
    // The lowest availableReplicas the Deployment reports while rolling (maxUnavailable 25% means ≥ 750).
    let minAvailable = REPLICAS;
    const reg = inf.addEventHandler({
      onUpdate: (_o, d) => { if (d.metadata.name === NAME) minAvailable = Math.min(minAvailable, d.status?.availableReplicas ?? 0); },
    });
    const samples: string[] = [];
    const sampler = setInterval(() => {
      const st = current()?.status;
      samples.push(`${Math.round((performance.now() - t1) / 1000)}s ${st?.updatedReplicas ?? 0}/${st?.availableReplicas ?? 0}/${st?.replicas ?? 0}`);
    }, 5000);
    try {
      await until('rollout complete', 300_000, () => complete(current(), 'busybox:latest'));
    } finally {
      clearInterval(sampler);
      reg.remove();
    }
    const rolloutMs = performance.now() - t1;
    const after = await metrics();

    const total = [...requestDelta(before, after, () => 'all').values()].reduce((a, b) => a + b, 0);
    const byVerb = [...requestDelta(before, after, (l) => `${l.verb} ${l.resource}${l.subresource ? `/${l.subresource}` : ''}`)]
      .sort((a, b) => b[1] - a[1]);
    const row = (k: string, v: string): void => { process.stdout.write(`${k.padEnd(60)} ${v}\n`); };
    process.stdout.write(`rollout: navarch up --simulate-nodes ${NODES} (startup delay ${STARTUP_DELAY_SECONDS} s${workers > 0 ? `, ${workers} status workers` : ''}), node ${process.version}\n`);
    row(`Deployment of ${REPLICAS} created → all available`, `${(createdMs / 1000).toFixed(1)} s`);
    row('kubectl set image (process wall time)', `${Math.round(setMs)} ms`);
    row('set image → rollout complete (maxSurge/maxUnavailable 25%)', `${(rolloutMs / 1000).toFixed(1)} s   (target ≤ 10 s)`);
    row('lowest availableReplicas during the rollout', `${minAvailable}   (maxUnavailable 25%: ≥ ${REPLICAS - Math.floor(REPLICAS / 4)})`);
    row('API requests during the rollout', `${total}  (${Math.round(total / (rolloutMs / 1000))}/s)`);
    for (const [k, n] of byVerb.slice(0, 5)) row(`  ${k}`, String(n));
    if (samples.length) process.stdout.write(`progress every 5 s (updated/available/replicas): ${samples.join(', ')}\n`);
  } finally {
    await factory?.stop();
    clientset?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child!.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
