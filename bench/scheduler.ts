/**
 * Scheduler benchmark through the API server: an in-process server on SQLite, 5,000 Node objects
 * created directly (no agent), the in-process scheduler, and workloads shaped like
 * scheduler_perf's — SchedulingBasic (10,000 pods), NodeAffinity (10,000), PodAntiAffinity
 * (1,000), TopologySpreading (5,000). Each is timed from its first pod create to its last binding
 * and printed as pods/s, with the process's peak RSS (server and scheduler together). An optional
 * scale factor shrinks every size: `npm run bench -- scheduler 0.1`; a workload name after it
 * runs only that one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '../src/apiserver/index.js';
import { Clientset } from '../src/client/index.js';
import { startScheduler, type PodSpecView, type PodView } from '../src/scheduler/index.js';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

interface Workload { name: string; pods: number; make: (ns: string, i: number) => PodView }

function pod(ns: string, name: string, labels: Record<string, string>, extra: PodSpecView = {}): PodView {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }], ...extra },
  };
}

const workloads: Workload[] = [
  { name: 'SchedulingBasic', pods: 10000, make: (ns, i) => pod(ns, `basic-${i}`, { app: 'basic' }) },
  {
    name: 'NodeAffinity', pods: 10000,
    make: (ns, i) => pod(ns, `affinity-${i}`, { app: 'affinity' }, {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['even'] }] }] } } },
    }),
  },
  {
    name: 'PodAntiAffinity', pods: 1000,
    make: (ns, i) => pod(ns, `anti-${i}`, { color: 'green' }, {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { color: 'green' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    }),
  },
  {
    name: 'TopologySpreading', pods: 5000,
    make: (ns, i) => pod(ns, `spread-${i}`, { app: 'spread' }, {
      topologySpreadConstraints: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }],
    }),
  },
];

/** Runs fn over 0..n-1 with at most `width` calls in flight. */
async function parallel(n: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, n) }, async () => {
    while (next < n) await fn(next++);
  }));
}

const stamp = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

export async function runSchedulerBench(): Promise<void> {
  const scale = Number(process.argv[3] ?? '1') || 1;
  const only = process.argv[4];
  const numNodes = Math.max(3, Math.round(5000 * scale));
  const dataDir = mkdtempSync(join(tmpdir(), 'navarch-sched-bench-'));
  // No controller makes ServiceAccounts here: the bench measures scheduling, as kube-scheduler's does.
  const srv = await startApiServer({ dataDir, httpsPort: 0, bindAddress: '127.0.0.1', disableAdmissionPlugins: ['ServiceAccount'] });
  const cs = Clientset.fromKubeconfig(srv.kubeconfigPath);
  try {
    process.stdout.write(`scheduler through the API server (SQLite, in-process scheduler, ${numNodes} Node objects), node ${process.version}\n`);
    const t0 = performance.now();
    const nodes = cs.resource(NODES);
    await parallel(numNodes, 32, async (i) => {
      const name = `node-${i}`;
      await nodes.create({
        apiVersion: 'v1', kind: 'Node',
        metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[i % ZONES.length], ...(i % 2 === 0 ? { pool: 'even' } : {}) } },
      });
      await nodes.patch(name, 'merge', {
        status: {
          capacity: { cpu: '4', memory: '32Gi', pods: '110' }, allocatable: { cpu: '4', memory: '32Gi', pods: '110' },
          conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'simulated', lastHeartbeatTime: stamp(), lastTransitionTime: stamp() }],
        },
      }, { subresource: 'status' });
    });
    process.stdout.write(`nodes created in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    const sched = startScheduler(cs, { log: () => {} });
    await sched.synced;
    for (const w of workloads) {
      if (only && w.name !== only) continue;
      const n = Math.max(1, Math.round(w.pods * scale));
      const ns = w.name.toLowerCase();
      await cs.resource(NAMESPACES).create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      const pods = cs.resource<PodView>(PODS).namespace(ns);
      const boundBefore = sched.stats.bound;
      const start = performance.now();
      let createdAt = 0;
      const creating = parallel(n, 32, (i) => pods.create(w.make(ns, i))).then(() => { createdAt = performance.now(); });
      let last = -1;
      let lastChange = performance.now();
      while (sched.stats.bound - boundBefore < n) {
        await new Promise((r) => setTimeout(r, 20));
        const b = sched.stats.bound;
        if (b !== last) { last = b; lastChange = performance.now(); }
        if (performance.now() - lastChange > 30_000) break; // stuck: report what was bound
      }
      await creating;
      const ms = performance.now() - start;
      const bound = sched.stats.bound - boundBefore;
      const rss = process.resourceUsage().maxRSS / 1024;
      process.stdout.write(`${w.name.padEnd(18)} ${String(numNodes).padStart(5)} nodes ${String(n).padStart(6)} pods  ` +
        `${((bound / ms) * 1000).toFixed(0).padStart(6)} pods/s  (${(ms / 1000).toFixed(1)} s; creates done at ${(createdAt - start) / 1000 > 0 ? ((createdAt - start) / 1000).toFixed(1) : '?'} s)` +
        `${bound < n ? `  bound only ${bound}` : ''}  peak RSS ${rss.toFixed(0)} MiB\n`);
    }
    await sched.stop();
  } finally {
    cs.close();
    await srv.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
