/**
 * Network benchmark (issue 8) on this machine's real node (`navarch up` as root, pods under runc), in
 * one run:
 *  - HTTP through a ClusterIP next to the same load straight to the pod IP: one pod of navarch/web:1
 *    (busybox httpd, one TCP connection per request, as httpd closes it), a fixed number of
 *    connections in flight from this process, requests/s and p99; the two interleaved in rounds;
 *  - cluster DNS at 10.43.0.10 (served by the node agent inside the `navarch up` process): queries/s
 *    and p99 from a load generator in a worker thread (the agent's measureDnsQps);
 *  - the service proxy programming 1,000 Services × 10 endpoints and then one endpoint change into a
 *    throwaway network namespace (the agent's benchServiceProxy).
 * Every load loop is bounded in count and time; traffic goes only to this cluster's pod and service.
 * Prints figures only. Also exports startRealNode, which the streaming benchmark shares.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KObject } from '../src/api/index.js';
import { resetNode } from '../src/agent/index.js';
import { askDns, measureDnsQps, type DnsBenchResult } from '../src/agent/dns/index.js';
import { startTestRegistry, type TestRegistry } from '../src/agent/images/index.js';
import { benchServiceProxy } from '../src/agent/proxy/index.js';
import { Clientset } from '../src/client/index.js';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../bin/navarch.js');
const PODS = { group: '', version: 'v1', resource: 'pods' };
const SERVICES = { group: '', version: 'v1', resource: 'services' };
const LOCK = join(tmpdir(), 'navarch-e2e-real-node.lock');
const CLUSTER_DNS = '10.43.0.10';

export interface PodLike extends KObject {
  status?: { podIP?: string; conditions?: Array<{ type?: string; status?: string }> };
}

export interface RealNode {
  dataDir: string;
  kubeconfig: string;
  clientset: Clientset;
  nodeName: string;
  /** Creates a pod in default and waits (≤ 120 s) until it is Ready; returns it with its IP. */
  readyPod(pod: Record<string, unknown>): Promise<PodLike & { status: { podIP: string } }>;
  stop(): Promise<void>;
}

export function pct(xs: ArrayLike<number>, p: number): number {
  const s = Array.from(xs).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Takes the real-node lock the e2e tests use (waiting ≤ 20 min for a live owner). */
async function lockRealNode(): Promise<() => void> {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch {
      let owner = 0;
      try { owner = Number(readFileSync(join(LOCK, 'pid'), 'utf8').trim()); } catch { /* being written */ }
      let alive = true;
      try { if (owner > 0) process.kill(owner, 0); } catch { alive = false; }
      if (!alive) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Cannot take ${LOCK}: pid ${owner} holds it`);
      else await sleep(500);
    }
  }
}

/**
 * `navarch up` on this machine as a child process (fresh data dir, a local registry with the test
 * images, a bridge and cluster CIDR unique to this run, the real-node lock held); stop() undoes it
 * all: the process, the node's containers and network (resetNode, as `navarch killall`), the registry.
 */
export async function startRealNode(tag: string): Promise<RealNode> {
  const unlock = await lockRealNode();
  let reg: TestRegistry | undefined;
  let child: ChildProcess | undefined;
  let clientset: Clientset | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), `navarch-bench-${tag}-`));
  const nodeName = `bench-${tag}`;
  let stopping: Promise<void> | undefined;
  // Ctrl-C or a kill: the node's containers would outlive this process, so undo it all first.
  const onSignal = (sig: NodeJS.Signals): void => {
    process.stderr.write(`${sig}: cleaning up the bench's node\n`);
    void stop().finally(() => process.exit(130));
  };
  const stop = (): Promise<void> => (stopping ??= stopOnce());
  const stopOnce = async (): Promise<void> => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    clientset?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child!.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    }
    await resetNode(dataDir).catch((err: unknown) => process.stderr.write(`resetNode: ${String(err)}\n`));
    await reg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    unlock();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    reg = await startTestRegistry();
    writeFileSync(join(dataDir, 'registries.yaml'), reg.mirrorYAML());
    const octet = 140 + (process.pid % 20);
    child = spawn(process.execPath, [BIN, 'up', '--data-dir', dataDir, '--https-port', '0', '--bind-address', '127.0.0.1',
      '--cluster-cidr', `10.${octet}.0.0/16`, '--cni-bridge', `nvb${tag.slice(0, 3)}${process.pid % 10000}`, '--node-name', nodeName,
      '--kubelet-port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((ok, fail) => {
      let buf: string | undefined = '';
      const t = setTimeout(() => fail(new Error(`navarch up: node not ready after 60 s: ${buf}`)), 60_000);
      child!.stderr?.on('data', (d: Buffer) => {
        if (buf === undefined) return; // ready: the rest of its log is read and dropped
        buf += d.toString();
        if (buf.includes(`node ${nodeName} ready`)) { buf = undefined; clearTimeout(t); ok(); }
      });
      child!.once('exit', (code) => { clearTimeout(t); fail(new Error(`navarch up exited ${code}: ${buf ?? ''}`)); });
    });
    const kubeconfig = join(dataDir, 'kubeconfig.yaml');
    clientset = Clientset.fromKubeconfig(kubeconfig);
    const cs = clientset;
    const pods = cs.resource<PodLike>(PODS).namespace('default');
    return {
      dataDir, kubeconfig, clientset: cs, nodeName, stop,
      async readyPod(pod) {
        const name = (pod.metadata as { name: string }).name;
        await pods.create(pod as PodLike);
        for (let i = 0; i < 600; i++) {
          const p = await pods.get(name);
          if (p.status?.podIP && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return p as PodLike & { status: { podIP: string } };
          await sleep(200);
        }
        throw new Error(`Cannot run the bench: pod ${name} not Ready after 120 s`);
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface HttpLoadResult { requests: number; errors: number; seconds: number; rps: number; p50Ms: number; p99Ms: number; latencies: number[] }

/** One HTTP/1.0 GET on a fresh connection; resolves with the bytes of the response. */
function getOnce(host: string, port: number, path: string): Promise<number> {
  return new Promise((ok, fail) => {
    const s = connect({ host, port });
    let n = 0;
    let head = '';
    s.setTimeout(5000, () => s.destroy(new Error('timeout')));
    s.on('connect', () => s.write(`GET ${path} HTTP/1.0\r\nHost: ${host}\r\n\r\n`));
    s.on('data', (d: Buffer) => { if (head.length < 16) head += d.toString('latin1', 0, 16); n += d.length; });
    s.on('end', () => (/^HTTP\/1\.\d 200/.test(head) ? ok(n) : fail(new Error(`bad reply ${JSON.stringify(head)}`))));
    s.on('error', fail);
  });
}

/** `width` connections in flight until `maxRequests` answered or `maxMs` passed. */
export async function httpLoad(host: string, port: number, opts: { width: number; maxRequests: number; maxMs: number }): Promise<HttpLoadResult> {
  const lat: number[] = [];
  let errors = 0;
  let issued = 0;
  const start = performance.now();
  const deadline = start + opts.maxMs;
  await Promise.all(Array.from({ length: opts.width }, async () => {
    while (issued < opts.maxRequests && performance.now() < deadline && errors < 1000) {
      issued++;
      const t = performance.now();
      try { await getOnce(host, port, '/'); lat.push(performance.now() - t); } catch { errors++; }
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  return { requests: lat.length, errors, seconds, rps: lat.length / seconds, p50Ms: pct(lat, 50), p99Ms: pct(lat, 99), latencies: lat };
}

/** Several rounds as one: requests over the time of all, percentiles over every latency. */
function merge(rs: HttpLoadResult[]): HttpLoadResult {
  const requests = rs.reduce((a, r) => a + r.requests, 0);
  const seconds = rs.reduce((a, r) => a + r.seconds, 0);
  const lat = rs.flatMap((r) => r.latencies);
  return { requests, errors: rs.reduce((a, r) => a + r.errors, 0), seconds, rps: requests / seconds, p50Ms: pct(lat, 50), p99Ms: pct(lat, 99), latencies: lat };
}

const row = (k: string, v: string): void => { process.stdout.write(`${k.padEnd(46)} ${v}\n`); };

export async function runNetworkBench(): Promise<void> {
  const node = await startRealNode('net');
  try {
    const cs = node.clientset;
    const pod = await node.readyPod({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'web', image: 'navarch/web:1', ports: [{ containerPort: 80 }] }] },
    });
    const svc = await cs.resource<KObject & { spec?: { clusterIP?: string } }>(SERVICES).namespace('default').create({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
    } as KObject);
    const clusterIP = svc.spec?.clusterIP ?? '';
    const podIP = pod.status.podIP;
    let reachable = false;
    const until = performance.now() + 20_000;
    for (let i = 0; i < 200 && !reachable && performance.now() < until; i++) {
      reachable = await getOnce(clusterIP, 80, '/').then(() => true, async () => { await sleep(100); return false; });
    }
    if (!reachable) throw new Error(`Cannot run the bench: ClusterIP ${clusterIP} did not answer within 20 s`);

    const width = 8;
    const round = { width, maxRequests: 100_000, maxMs: 4000 };
    await httpLoad(podIP, 80, { ...round, maxMs: 1000 }); // warm-up
    const direct: HttpLoadResult[] = [];
    const viaSvc: HttpLoadResult[] = [];
    for (let i = 0; i < 2; i++) { // ABBA order, so neither side always runs first
      if (i === 0) direct.push(await httpLoad(podIP, 80, round));
      viaSvc.push(await httpLoad(clusterIP, 80, round));
      if (i === 1) direct.push(await httpLoad(podIP, 80, round));
    }
    const d = merge(direct);
    const s = merge(viaSvc);

    // The node's DNS address is host-wide (navarch-dns0): make sure it answers before loading it.
    const dnsServer = { address: CLUSTER_DNS, port: 53 };
    let dnsUp = '';
    for (let i = 0; i < 20 && !dnsUp; i++) {
      dnsUp = await askDns(dnsServer, 'web.default.svc.cluster.local', 1, { timeoutMs: 500 }).then((r) => (r.msg.answers.length ? 'yes' : ''), () => '');
      if (!dnsUp) await sleep(250);
    }
    const dnsQuestions = [{ name: 'web.default.svc.cluster.local', qtype: 1 }, { name: 'kubernetes.default.svc.cluster.local', qtype: 1 }];
    const dns = dnsUp ? await measureDnsQps({ server: dnsServer, questions: dnsQuestions, queries: 200_000, window: 64, maxMs: 30_000 }) : undefined;
    const srv = dnsUp ? await measureDnsQps({ server: dnsServer, questions: [{ name: '_http._tcp.web.default.svc.cluster.local', qtype: 33 }], queries: 100_000, window: 64, maxMs: 30_000 }) : undefined;

    const proxy = await benchServiceProxy({ services: 1000, endpointsPerService: 10 });

    process.stdout.write(`network: navarch up on this machine (real node, runc), node ${process.version}, ${width} connections in flight, HTTP/1.0 (a connection per request), 2 rounds × 4 s each\n`);
    row(`HTTP straight to the pod IP ${podIP}`, `${Math.round(d.rps)} req/s   p50 ${d.p50Ms.toFixed(2)} ms   p99 ${d.p99Ms.toFixed(2)} ms   (${d.requests} requests, ${d.errors} errors)`);
    row(`HTTP through ClusterIP ${clusterIP}`, `${Math.round(s.rps)} req/s   p50 ${s.p50Ms.toFixed(2)} ms   p99 ${s.p99Ms.toFixed(2)} ms   (${s.requests} requests, ${s.errors} errors)`);
    row('ratio ClusterIP / pod IP (req/s)', `${(s.rps / d.rps).toFixed(2)}   (target ≥ 0.9)`);
    const dnsRow = (r: DnsBenchResult | undefined): string => (r
      ? `${Math.round(r.qps)} qps   p50 ${r.p50Ms.toFixed(2)} ms   p99 ${r.p99Ms.toFixed(2)} ms   lost ${r.lost}`
      : `not measured: no answer from ${CLUSTER_DNS} within 10 s`);
    row(`cluster DNS ${CLUSTER_DNS}, service A (window 64)`, `${dnsRow(dns)}   (target ≥ 20,000 qps)`);
    row(`cluster DNS ${CLUSTER_DNS}, SRV`, dnsRow(srv));
    row(`proxy: program ${proxy.services} services × ${proxy.endpoints / proxy.services} endpoints`,
      `${Math.round(proxy.buildMs + proxy.firstApplyMs)} ms   (build ${Math.round(proxy.buildMs)} + iptables-restore ${Math.round(proxy.firstApplyMs)}; ${proxy.natChains} nat chains, ${proxy.natRules} rules; target ≤ 2 s)`);
    row('proxy: one endpoint changed after that',
      `${(proxy.changeBuildMs + proxy.changeApplyMs).toFixed(0)} ms   (build ${proxy.changeBuildMs.toFixed(0)} + restore ${proxy.changeApplyMs.toFixed(0)} of ${proxy.changeChainsWritten} chains; target ≤ 100 ms)`);
    row('proxy: sync with nothing changed', `${proxy.noopSyncMs.toFixed(0)} ms`);
  } finally {
    await node.stop();
  }
}
