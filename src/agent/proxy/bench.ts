/**
 * The proxy's benchmark (bench/ calls it): builds the rules for N Services × M endpoints (default
 * 1,000 × 10), writes them into a throwaway network namespace, then changes one endpoint and writes
 * again, and finally syncs with nothing changed. Returns the figures; asserts nothing. Needs root.
 */
import { execFileSync } from 'node:child_process';
import { hostExec } from './host-exec.js';
import { IptablesApplier } from './iptables-applier.js';
import { buildProxyRules, type ProxyRules } from './rule-builder.js';
import type { EndpointSlice, Service } from './types.js';

export interface ProxyBenchOptions { services?: number; endpointsPerService?: number }

export interface ProxyBenchResult {
  services: number;
  endpoints: number;
  natChains: number;
  natRules: number;
  /** Building the rules from the API objects. */
  buildMs: number;
  /** The first (full) iptables-restore of everything. */
  firstApplyMs: number;
  /** One endpoint of one Service replaced: rebuilding, and writing the chains that changed. */
  changeBuildMs: number;
  changeApplyMs: number;
  changeChainsWritten: number;
  /** A sync with nothing changed (build + comparison; no iptables-restore). */
  noopSyncMs: number;
}

const ip = (base: string, n: number): string => `${base}.${(n >> 8) & 255}.${n & 255}`;

function objects(services: number, perService: number, changed?: number): { svcs: Service[]; slices: EndpointSlice[] } {
  const svcs: Service[] = [];
  const slices: EndpointSlice[] = [];
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    svcs.push({
      apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'bench', name },
      spec: {
        type: i % 10 === 0 ? 'NodePort' : 'ClusterIP', clusterIP: ip('10.43', i + 10),
        ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080, ...(i % 10 === 0 ? { nodePort: 30000 + i / 10 } : {}) }],
      },
    });
    const endpoints = Array.from({ length: perService }, (_, j) => ({
      addresses: [ip('10.42', i * perService + j + (i === changed && j === 0 ? 50_000 : 0))], conditions: { ready: true }, nodeName: 'bench-node',
    }));
    slices.push({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
      metadata: { namespace: 'bench', name: `${name}-abcde`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4', endpoints, ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
    });
  }
  return { svcs, slices };
}

const OPTS = { nodeName: 'bench-node', nodeIPs: ['192.0.2.1'], clusterCIDR: '10.42.0.0/16', serviceCIDR: '10.43.0.0/16' };

function timed<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

export async function benchServiceProxy(o: ProxyBenchOptions = {}): Promise<ProxyBenchResult> {
  const services = o.services ?? 1000;
  const per = o.endpointsPerService ?? 10;
  const ns = `navarch-proxybench-${process.pid}`;
  execFileSync('ip', ['netns', 'add', ns], { stdio: 'ignore', timeout: 10_000 });
  try {
    const applier = new IptablesApplier(hostExec(ns));
    const first = objects(services, per);
    const [rules, buildMs] = timed(() => buildProxyRules(first.svcs, first.slices, OPTS));
    const [, firstApplyMs] = await timedAsync(() => applier.apply(rules));
    const second = objects(services, per, Math.floor(services / 2));
    const [changed, changeBuildMs] = timed(() => buildProxyRules(second.svcs, second.slices, OPTS));
    const [res, changeApplyMs] = await timedAsync(() => applier.apply(changed));
    const [, noopSyncMs] = await timedAsync(async () => applier.apply(buildProxyRules(second.svcs, second.slices, OPTS)));
    return {
      services, endpoints: services * per, natChains: rules.nat.size, natRules: countRules(rules),
      buildMs, firstApplyMs, changeBuildMs, changeApplyMs, changeChainsWritten: res.writtenChains, noopSyncMs,
    };
  } finally {
    execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore', timeout: 30_000 });
  }
}

function countRules(r: ProxyRules): number {
  let n = 0;
  for (const lines of r.nat.values()) n += lines.length;
  return n;
}
