/**
 * API benchmark: pod creates per second, cached GETs per second, LIST latency of 10,000 pods, watch
 * events per second delivered to 100 watchers, and the server's RSS idle and holding 10,000 pods —
 * on SQLite and on etcd. Prints figures; asserts nothing.
 */
import { startTestEtcd } from '../src/storage/index.js';
import { loadKubeconfig, RestClient } from '../src/client/index.js';
import { startBenchServer } from './server-process.js';

const PODS = Number(process.env.BENCH_PODS ?? 10_000);
const CONCURRENCY = 64;

function pod(i: number): unknown {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `bench-${i}`, labels: { app: 'bench', shard: String(i % 10) } },
    // Left to a scheduler that does not exist, so the figures are the API server's own.
    spec: { schedulerName: 'bench-unscheduled', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await fn(next++);
  }));
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function measure(label: string, datastore: string | undefined): Promise<Record<string, string>> {
  const srv = await startBenchServer(datastore);
  const c = new RestClient(loadKubeconfig(srv.kubeconfig), CONCURRENCY);
  const base = '/api/v1/namespaces/default/pods';
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idle = srv.rssMiB();
    let failures = 0;
    const createMs = await timed(() => pool(PODS, CONCURRENCY, async (i) => {
      const r = await c.request('POST', base, { body: pod(i) });
      if (r.status !== 201) failures++;
    }));
    // Watch delivery: 100 watchers from now on, then a burst of label updates.
    let watchEvents = 0;
    const list = JSON.parse((await c.request('GET', `${base}?limit=1`)).text) as { metadata: { resourceVersion: string } };
    const watchers = Array.from({ length: 100 }, () => c.watch(`${base}?watch=true&resourceVersion=${list.metadata.resourceVersion}`, () => { watchEvents++; }));
    await new Promise((r) => setTimeout(r, 500));
    const UPDATES = Math.min(PODS, 2000);
    const deliverStart = performance.now();
    await pool(UPDATES, CONCURRENCY, async (i) => {
      await c.request('PATCH', `${base}/bench-${i}`, { body: { metadata: { labels: { touched: 'yes' } } }, contentType: 'application/merge-patch+json' });
    });
    const expected = UPDATES * 100;
    while (watchEvents < expected && performance.now() - deliverStart < 60_000) await new Promise((r) => setTimeout(r, 20));
    const deliverMs = performance.now() - deliverStart;
    for (const stop of watchers) stop();
    const getN = 20_000;
    const getMs = await timed(() => pool(getN, CONCURRENCY, async (i) => {
      await c.request('GET', `${base}/bench-${i % PODS}?resourceVersion=0`);
    }));
    const lists: number[] = [];
    for (let i = 0; i < 5; i++) {
      lists.push(await timed(async () => {
        const r = await c.request('GET', base);
        if (r.status !== 200) throw new Error(`Cannot list: ${r.status} ${r.text.slice(0, 300)}`);
      }));
    }
    lists.sort((a, b) => a - b);
    const full = srv.rssMiB();
    return {
      store: label,
      'pod creates/s': `${Math.round(PODS / (createMs / 1000))}${failures ? ` (${failures} failed)` : ''}`,
      'cached GETs/s': String(Math.round(getN / (getMs / 1000))),
      [`LIST ${PODS} pods (median of 5)`]: `${Math.round(lists[2])} ms`,
      'watch events/s (100 watchers)': `${Math.round(watchEvents / (deliverMs / 1000))}${watchEvents < expected ? ` (${watchEvents}/${expected} delivered)` : ''}`,
      'RSS idle': `${Math.round(idle)} MiB`,
      [`RSS with ${PODS} pods`]: `${Math.round(full)} MiB`,
    };
  } finally {
    c.close();
    await srv.stop();
  }
}

export async function runApiBench(): Promise<void> {
  const rows = [await measure('sqlite', undefined)];
  const etcd = await startTestEtcd();
  try {
    rows.push(await measure('etcd', etcd.url));
  } finally {
    await etcd.stop();
  }
  const keys = Object.keys(rows[0]);
  const width = Math.max(...keys.map((k) => k.length));
  for (const k of keys) {
    process.stdout.write(`${k.padEnd(width)}  ${rows.map((r) => String(r[k] ?? '').padEnd(26)).join('')}\n`);
  }
}
