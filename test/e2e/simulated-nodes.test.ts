// `navarch up --simulate-nodes 3` and `navarch agent --simulate-nodes 2` as processes, seen through
// the real kubectl: nodes Ready, pods bound by hand (no scheduler here) going Running, Completed,
// and away on deletion; leases in kube-node-lease renewed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { eventually, NAVARCH_BIN, startCluster, type Cluster } from './harness.js';

interface NodeList { items: Array<{ metadata: { name: string; labels: Record<string, string> }; spec: { podCIDR?: string; taints?: Array<{ key: string; effect: string }> } }> }
interface LeaseList { items: Array<{ metadata: { name: string }; spec: { holderIdentity: string; leaseDurationSeconds: number; renewTime: string } }> }

const configDir = mkdtempSync(join(tmpdir(), 'navarch-sim-'));
const simConfig = join(configDir, 'simulation.yaml');
writeFileSync(simConfig, 'startupDelaySeconds: 1\nrunSeconds: 30\nterminationDelaySeconds: 1\nleaseRenewSeconds: 1\n');
const template = join(configDir, 'node.yaml');
writeFileSync(template, 'metadata:\n  labels:\n    pool: batch\nspec:\n  taints:\n  - {key: dedicated, value: sim, effect: PreferNoSchedule}\nstatus:\n  capacity: {cpu: "16"}\n');

function pod(name: string, node: string, extra: { restartPolicy?: string; annotations?: Record<string, string> } = {}): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, annotations: extra.annotations ?? {} },
    spec: { nodeName: node, restartPolicy: extra.restartPolicy ?? 'Always', containers: [{ name: 'main', image: 'busybox:1.36' }] },
  });
}

describe('simulated nodes (navarch up --simulate-nodes, navarch agent)', () => {
  let c: Cluster;
  let agent: ChildProcess | undefined;

  before(async () => {
    c = await startCluster('sqlite', {
      command: 'up',
      extraArgs: ['--simulate-nodes', '3', '--simulation-config', simConfig, '--node-template', template],
    });
  });
  after(async () => {
    if (agent && agent.exitCode === null) {
      const exited = new Promise((r) => agent?.once('exit', r));
      agent.kill('SIGTERM');
      await exited;
    }
    await c?.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('shows three Ready nodes with ROLES <none> and VERSION v1.32.0', async () => {
    const out = await eventually(async () => {
      const r = await c.kubectl(['get', 'nodes', '--no-headers']);
      const lines = r.stdout.trim().split('\n').filter(Boolean);
      return lines.length === 3 && lines.every((l) => /\sReady\s+<none>\s+\S+\s+v1\.32\.0$/.test(l)) ? r.stdout : '';
    }, 15_000, 'three Ready nodes');
    assert.deepEqual(out.trim().split('\n').map((l) => l.split(/\s+/)[0]), ['sim-node-0', 'sim-node-1', 'sim-node-2']);
    const nodes = JSON.parse(await c.k('get', 'nodes', '-o', 'json')) as NodeList;
    const n1 = nodes.items[1];
    assert.equal(n1.metadata.labels['kubernetes.io/hostname'], 'sim-node-1');
    assert.equal(n1.metadata.labels['topology.kubernetes.io/zone'], 'zone-b');
    assert.equal(n1.metadata.labels.pool, 'batch');
    assert.equal(n1.spec.podCIDR, '10.42.1.0/24');
    assert.deepEqual(n1.spec.taints?.map((t) => `${t.key}:${t.effect}`), ['dedicated:PreferNoSchedule']);
    const cpu = await c.k('get', 'node', 'sim-node-0', '-o', 'jsonpath={.status.allocatable.cpu} {.status.capacity.memory}');
    assert.equal(cpu, '16 256Gi');
  });

  it('runs a pod bound to sim-node-1: Running with an IP from its pod CIDR', async () => {
    await c.kubectl(['apply', '-f', '-'], { input: pod('web', 'sim-node-1') });
    const line = await eventually(async () => {
      const r = await c.kubectl(['get', 'pod', 'web', '-o', 'wide', '--no-headers']);
      return /\s1\/1\s+Running\s/.test(r.stdout) ? r.stdout : '';
    }, 15_000, 'pod web Running');
    const cols = line.trim().split(/\s+/);
    assert.match(cols[5], /^10\.42\.1\.\d+$/, `IP column of: ${line}`);
    assert.equal(cols[6], 'sim-node-1');
    const status = JSON.parse(await c.k('get', 'pod', 'web', '-o', 'jsonpath={.status}')) as {
      hostIP: string; conditions: Array<{ type: string; status: string }>; containerStatuses: Array<{ ready: boolean; started: boolean; containerID: string; state: { running?: { startedAt: string } } }>;
    };
    assert.equal(status.hostIP, '10.200.0.2');
    for (const t of ['Initialized', 'ContainersReady', 'Ready', 'PodScheduled']) {
      assert.equal(status.conditions.find((x) => x.type === t)?.status, 'True', t);
    }
    assert.equal(status.containerStatuses[0].ready, true);
    assert.match(status.containerStatuses[0].containerID, /^simulated:\/\/[0-9a-f]{64}$/);
    assert.ok(status.containerStatuses[0].state.running?.startedAt);
  });

  it('completes a pod with restartPolicy Never after its run time', async () => {
    await c.kubectl(['apply', '-f', '-'], {
      input: pod('job-1', 'sim-node-2', { restartPolicy: 'Never', annotations: { 'navarch.io/simulated-runtime-seconds': '1' } }),
    });
    await eventually(async () => /\s0\/1\s+Completed\s/.test((await c.kubectl(['get', 'pod', 'job-1', '--no-headers'])).stdout), 15_000, 'job-1 Completed');
    const term = await c.k('get', 'pod', 'job-1', '-o', 'jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}');
    assert.equal(term, 'Succeeded 0 Completed');
  });

  it('deletes a running pod with the default grace period', async () => {
    await c.kubectl(['apply', '-f', '-'], { input: pod('doomed', 'sim-node-0') });
    await eventually(async () => /Running/.test((await c.kubectl(['get', 'pod', 'doomed', '--no-headers'])).stdout), 15_000, 'doomed Running');
    const r = await c.kubectl(['delete', 'pod', 'doomed', '--timeout=20s']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /pod "doomed" deleted/);
    const gone = await c.kubectl(['get', 'pod', 'doomed']);
    assert.match(gone.stderr, /NotFound|not found/);
  });

  it('renews the nodes\' leases in kube-node-lease', async () => {
    const read = async (): Promise<LeaseList> => JSON.parse(await c.k('get', 'leases', '-n', 'kube-node-lease', '-o', 'json')) as LeaseList;
    const first = await read();
    assert.deepEqual(first.items.map((l) => l.metadata.name).sort(), ['sim-node-0', 'sim-node-1', 'sim-node-2']);
    assert.equal(first.items[0].spec.leaseDurationSeconds, 40);
    assert.equal(first.items[0].spec.holderIdentity, first.items[0].metadata.name);
    const before0 = first.items.find((l) => l.metadata.name === 'sim-node-0')?.spec.renewTime ?? '';
    await eventually(async () => {
      const now = (await read()).items.find((l) => l.metadata.name === 'sim-node-0')?.spec.renewTime ?? '';
      return Date.parse(now) > Date.parse(before0);
    }, 10_000, 'a renewed lease');
  });

  it('joins two more nodes with navarch agent --server --token', async () => {
    const token = readFileSync(join(c.dataDir, 'node-token'), 'utf8').trim();
    assert.match(token, /^K10[0-9a-f]{64}::server:[0-9a-f]+$/);
    agent = spawn(process.execPath, [
      NAVARCH_BIN, 'agent', '--server', c.url, '--token', token, '--server-ca', join(c.dataDir, 'tls', 'ca.crt'),
      '--simulate-nodes', '2', '--simulation-config', simConfig,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    agent.stderr?.on('data', (d: Buffer) => { log += d.toString(); });
    await eventually(async () => {
      const r = await c.kubectl(['get', 'nodes', '--no-headers']);
      const ready = r.stdout.split('\n').filter((l) => /\sReady\s/.test(l)).map((l) => l.split(/\s+/)[0]);
      return ready.length === 5 && ready.includes('sim-node-3') && ready.includes('sim-node-4');
    }, 20_000, `five Ready nodes (agent output: ${log})`);
    await c.kubectl(['apply', '-f', '-'], { input: pod('on-agent', 'sim-node-4') });
    await eventually(async () => /\sRunning\s+0\s+\S+\s+10\.42\.4\.\d+\s+sim-node-4/.test((await c.kubectl(['get', 'pod', 'on-agent', '-o', 'wide', '--no-headers'])).stdout), 15_000, 'a pod running on the agent\'s node');
  });

  it('refuses an agent with a wrong token', async () => {
    const bad = spawn(process.execPath, [
      NAVARCH_BIN, 'agent', '--server', c.url, '--token', 'not-the-token', '--server-ca', join(c.dataDir, 'tls', 'ca.crt'), '--simulate-nodes', '1',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    bad.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((r) => bad.once('exit', r));
    assert.equal(code, 1);
    assert.match(err, /Unauthorized|401/);
  });
});
