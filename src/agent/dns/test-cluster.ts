/**
 * For the DNS tests: an in-process API server, a fake upstream on loopback, and ClusterDns on
 * 127.0.0.1 (a free port) fed by informers over that API server; `ask` queries it.
 */
import { SharedInformerFactory, type Clientset } from '../../client/index.js';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';
import { ClusterDns } from './cluster-dns.js';
import { askDns, type AskOptions, type DnsReply } from './dns-client.js';
import type { ListenAddress } from './dns-server.js';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js';
import type { ResourceRecord } from './wire/index.js';

export interface TestDns {
  fx: ApiFixture;
  clientset: Clientset;
  dns: ClusterDns;
  upstream: FakeUpstream;
  server: ListenAddress;
  logs: string[];
  ask(name: string, qtype: number, o?: AskOptions): Promise<DnsReply>;
  stop(): Promise<void>;
}

export const SERVICES = { group: '', version: 'v1', resource: 'services' };
export const SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
export const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

export async function startTestDns(upstreamRecords: ResourceRecord[] = []): Promise<TestDns> {
  const fx = await startApiFixture();
  const logs: string[] = [];
  let upstream: FakeUpstream | undefined;
  let factory: SharedInformerFactory | undefined;
  let dns: ClusterDns | undefined;
  try {
    upstream = await startFakeUpstream(upstreamRecords);
    factory = new SharedInformerFactory(fx.clientset, { log: (l) => logs.push(l) });
    dns = new ClusterDns({
      informers: factory, listen: [{ address: '127.0.0.1', port: 0 }], upstreams: [upstream.address], upstreamTimeoutMs: 500,
      log: (l) => logs.push(l),
    });
    await dns.start();
  } catch (err) {
    await dns?.stop();
    await factory?.stop();
    await upstream?.stop();
    await fx.stop();
    throw err;
  }
  const server = dns.addresses[0];
  const d = dns;
  const f = factory;
  const u = upstream;
  return {
    fx, clientset: fx.clientset, dns: d, upstream: u, server, logs,
    ask: (name, qtype, o) => askDns(server, name, qtype, o),
    async stop() {
      await d.stop();
      await f.stop();
      await u.stop();
      await fx.stop();
    },
  };
}

/** Waits until the DNS server's view has caught up with a check (records arrive through informers). */
export async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  await eventually(async () => {
    try {
      return await check();
    } catch {
      return false;
    }
  }, 10_000, what);
}
