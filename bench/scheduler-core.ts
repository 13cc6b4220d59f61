/**
 * Scheduler core benchmark: pods per second of schedulePod over an in-memory Snapshot of 5,000
 * nodes (no API server, no binding), each placed pod recorded in the snapshot as the scheduler
 * would "assume" it. Workloads shaped like scheduler_perf's: SchedulingBasic, NodeAffinity,
 * PodAntiAffinity, TopologySpreading. Prints figures only.
 */
import { defaultProfile, type NodeView, type PodSpecView, type PodView, schedulePod, Snapshot } from '../src/scheduler/index.js';

const NODES = 5000;
const ZONES = ['zone-a', 'zone-b', 'zone-c'];

function node(i: number): NodeView {
  const name = `node-${i}`;
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': ZONES[i % ZONES.length], ...(i % 2 === 0 ? { pool: 'even' } : {}) } },
    status: { allocatable: { cpu: '4', memory: '32Gi', pods: 110 } },
  };
}

function pod(name: string, labels: Record<string, string>, extra: PodSpecView = {}): PodView {
  return {
    metadata: { name, namespace: 'bench', uid: name, labels },
    spec: { containers: [{ name: 'c', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }], ...extra },
  };
}

interface Workload { name: string; initPods: number; pods: number; make: (i: number) => PodView }

const workloads: Workload[] = [
  { name: 'SchedulingBasic', initPods: 1000, pods: 10000, make: (i) => pod(`basic-${i}`, { app: 'basic' }) },
  {
    name: 'NodeAffinity', initPods: 0, pods: 10000,
    make: (i) => pod(`affinity-${i}`, { app: 'affinity' }, {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['even'] }] }] } } },
    }),
  },
  {
    name: 'PodAntiAffinity', initPods: 0, pods: 1000,
    make: (i) => pod(`anti-${i}`, { color: 'green' }, {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { color: 'green' } }, topologyKey: 'kubernetes.io/hostname' }] } },
    }),
  },
  {
    name: 'TopologySpreading', initPods: 1000, pods: 5000,
    make: (i) => pod(`spread-${i}`, { app: 'spread' }, {
      topologySpreadConstraints: [{ maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }],
    }),
  },
];

function place(s: Snapshot, profile: ReturnType<typeof defaultProfile>, p: PodView): boolean {
  const r = schedulePod(p, s, profile);
  if (!('node' in r)) return false;
  s.assumePod(p, r.node);
  return true;
}

function run(w: Workload): string {
  const t0 = performance.now();
  const s = new Snapshot();
  for (let i = 0; i < NODES; i++) s.upsertNode(node(i));
  const profile = defaultProfile();
  for (let i = 0; i < w.initPods; i++) place(s, profile, pod(`init-${i}`, { app: 'init' }));
  const setupMs = performance.now() - t0;
  let failed = 0;
  const t1 = performance.now();
  for (let i = 0; i < w.pods; i++) if (!place(s, profile, w.make(i))) failed++;
  const ms = performance.now() - t1;
  const perSec = (w.pods / ms) * 1000;
  return `${w.name.padEnd(18)} ${String(NODES).padStart(5)} nodes ${String(w.pods).padStart(6)} pods  ${perSec.toFixed(0).padStart(7)} pods/s  ` +
    `${((ms * 1000) / w.pods).toFixed(0).padStart(5)} µs/pod  setup ${setupMs.toFixed(0)} ms${failed ? `  unschedulable ${failed}` : ''}`;
}

export async function runSchedulerCoreBench(): Promise<void> {
  process.stdout.write(`scheduler core (schedulePod over a Snapshot, one thread, no API), node ${process.version}\n`);
  for (const w of workloads) process.stdout.write(`${run(w)}\n`);
  const rss = process.memoryUsage().rss / 2 ** 20;
  process.stdout.write(`peak-ish RSS ${rss.toFixed(0)} MiB\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runSchedulerCoreBench();
