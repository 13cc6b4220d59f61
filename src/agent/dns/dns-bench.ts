/**
 * The cluster DNS benchmark (`npm run bench -- dns` once hooked in bench/): an in-process API server
 * with Services and EndpointSlices, ClusterDns on 127.0.0.1 with a fake upstream on loopback, and a
 * load generator in a worker thread (its own event loop, the second core) measuring queries per
 * second and latency for cluster names, headless names, SRV, NXDOMAIN and cached forwarded names.
 * Prints figures; asserts nothing.
 */
import { Worker } from 'node:worker_threads';
import { SharedInformerFactory } from '../../client/index.js';
import { ClusterDns } from './cluster-dns.js';
import type { DnsBenchResult, MeasureOptions } from './dns-bench-client.js';
import { startFakeUpstream } from './fake-upstream.js';
import { CLASS_IN, RRType } from './wire/index.js';

export type { DnsBenchResult, MeasureOptions } from './dns-bench-client.js';

/** Runs the load generator in a worker thread. */
export function measureDnsQps(o: MeasureOptions): Promise<DnsBenchResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./dns-bench-worker.js', import.meta.url), { workerData: o });
    w.once('message', (r: DnsBenchResult) => { resolve(r); void w.terminate(); });
    w.once('error', reject);
  });
}

const SERVICES = { group: '', version: 'v1', resource: 'services' };
const SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

export async function runDnsBench(opts: { queries?: number; window?: number; print?: (line: string) => void } = {}): Promise<Record<string, DnsBenchResult>> {
  const print = opts.print ?? ((l: string) => process.stdout.write(`${l}\n`));
  const queries = opts.queries ?? 200_000;
  const window = opts.window ?? 64;
  // Test support, loaded only when the benchmark runs (the agent never pulls the API server in).
  const { startApiFixture } = await import('../../testing/index.js');
  const fx = await startApiFixture();
  const upstream = await startFakeUpstream([
    { name: 'example.com', type: RRType.A, class: CLASS_IN, ttl: 300, data: { t: 'A', address: '192.0.2.1' } },
  ]);
  const factory = new SharedInformerFactory(fx.clientset, { log: () => undefined });
  const dns = new ClusterDns({ informers: factory, listen: [{ address: '127.0.0.1', port: 0 }], upstreams: [upstream.address], log: () => undefined });
  const results: Record<string, DnsBenchResult> = {};
  try {
    const svc = fx.clientset.resource(SERVICES).namespace('default');
    for (let i = 0; i < 50; i++) {
      await svc.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: `web-${i}` }, spec: { ports: [{ name: 'http', port: 80 }] } });
    }
    await svc.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] } });
    await fx.clientset.resource(SLICES).namespace('default').create({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'db-1', labels: { 'kubernetes.io/service-name': 'db' } },
      addressType: 'IPv4', ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
      endpoints: Array.from({ length: 10 }, (_, i) => ({ addresses: [`10.42.0.${i + 10}`], conditions: { ready: true } })),
    });
    await dns.start();
    await new Promise((r) => setTimeout(r, 500));
    const server = dns.addresses[0];
    const scenarios: Array<[string, MeasureOptions['questions']]> = [
      ['service A (50 names)', Array.from({ length: 50 }, (_, i) => ({ name: `web-${i}.default.svc.cluster.local`, qtype: RRType.A }))],
      ['headless A (10 endpoints)', [{ name: 'db.default.svc.cluster.local', qtype: RRType.A }]],
      ['SRV', [{ name: '_http._tcp.web-1.default.svc.cluster.local', qtype: RRType.SRV }]],
      ['NXDOMAIN (search path)', [{ name: 'example.com.default.svc.cluster.local', qtype: RRType.A }]],
      ['forwarded, cached', [{ name: 'example.com', qtype: RRType.A }]],
    ];
    print(`cluster DNS on ${server.address}:${server.port}: ${queries} queries per scenario, window ${window}, client in a worker thread`);
    for (const [name, questions] of scenarios) {
      const r = await measureDnsQps({ server, questions, queries, window });
      results[name] = r;
      print(`  ${name.padEnd(28)} ${Math.round(r.qps).toString().padStart(7)} qps   p50 ${r.p50Ms.toFixed(2)} ms   p99 ${r.p99Ms.toFixed(2)} ms   lost ${r.lost}`);
    }
    print(`  upstream queries: ${upstream.queries.length}`);
  } finally {
    await dns.stop();
    await factory.stop();
    await upstream.stop();
    await fx.stop();
  }
  return results;
}
