/**
 * ResourceQuota and LimitRanger end to end: an in-process API server with both plugins in its
 * admission chain, the ResourceQuota controller running against it, and the real kubectl.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import type { KObject } from '../../api/index.js';
import { Clientset, SharedInformerFactory } from '../../client/index.js';
import { ResourceQuotaController, type ResourceQuota } from '../../controllers/resourcequota/index.js';
import { eventually } from '../../testing/index.js';
import { startApiServer, type RunningApiServer } from '../index.js';
import { AdmissionChain } from './admission.js';
import { LimitRanger } from './limit-ranger.js';
import { ResourceQuotaAdmission } from './resource-quota.js';
import { quotaAccess } from './resource-quota-access.js';

const run = promisify(execFile);
const QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas' };
const PODS = { group: '', version: 'v1', resource: 'pods' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

interface Cluster {
  server: RunningApiServer;
  cs: Clientset;
  k(args: string[], stdin?: string): Promise<string>;
  /** kubectl that is expected to fail: its stderr. */
  kFails(args: string[], stdin?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Until the server wires them itself: the built-in chain wrapped between LimitRanger (mutating,
 * early) and ResourceQuota (last), the plugins under test disabled by name so they never run twice.
 */
async function startCluster(): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), `navarch-quota-${process.pid}-`));
  const server = await startApiServer({
    dataDir, datastoreEndpoint: 'memory://', bindAddress: '127.0.0.1', httpsPort: 0,
    disableAdmissionPlugins: ['ServiceAccount', 'LimitRanger', 'ResourceQuota'],
  });
  const registry = server.registry;
  const builtin = registry.admission;
  const chain = new AdmissionChain([
    new LimitRanger({ cache: registry.cache, backend: registry.backend }),
    {
      name: 'builtin', admit: (a) => builtin.admit(a), validate: (a) => builtin.validate(a),
      abort: (a) => builtin.abort(a), committed: (a) => builtin.committed(a),
    },
    new ResourceQuotaAdmission(quotaAccess({ cache: registry.cache, backend: registry.backend, registry: () => registry })),
  ]);
  (registry as unknown as { admission: AdmissionChain }).admission = chain;
  const cs = Clientset.fromKubeconfig(server.kubeconfigPath);
  const informers = new SharedInformerFactory(cs, { log: () => undefined });
  const controller = new ResourceQuotaController(cs, informers, { log: () => undefined });
  informers.start();
  await controller.start();
  const kubectl = async (args: string[], stdin?: string): Promise<{ stdout: string; stderr: string; ok: boolean }> => {
    const child = run('kubectl', ['--kubeconfig', server.kubeconfigPath, ...args], { timeout: 30_000 });
    if (stdin !== undefined) child.child.stdin?.end(stdin);
    try {
      const { stdout, stderr } = await child;
      return { stdout, stderr, ok: true };
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      return { stdout: e.stdout ?? '', stderr: e.stderr ?? e.message, ok: false };
    }
  };
  return {
    server, cs,
    async k(args, stdin) {
      const r = await kubectl(args, stdin);
      if (!r.ok) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    },
    async kFails(args, stdin) {
      const r = await kubectl(args, stdin);
      if (r.ok) throw new Error(`kubectl ${args.join(' ')} should have failed; it printed: ${r.stdout}`);
      return r.stderr.trim();
    },
    async stop() {
      await controller.stop();
      await informers.stop();
      cs.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const quotaUsed = async (c: Cluster, ns: string, name: string): Promise<Record<string, string | number> | undefined> =>
  (await c.cs.resource<ResourceQuota>(QUOTAS).namespace(ns).get(name)).status?.used;

async function waitForUsed(c: Cluster, ns: string, name: string, want: Record<string, string>): Promise<void> {
  let last: unknown;
  try {
    await eventually(async () => isDeepStrictEqual(last = await quotaUsed(c, ns, name), want), 10_000, `quota ${ns}/${name} to have used ${JSON.stringify(want)}`);
  } catch (err) {
    throw new Error(`${(err as Error).message}; it has ${JSON.stringify(last)}`);
  }
}

const NOTES_QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: my-namespace-quota
spec:
  hard:
    cpu: "2"
    memory: 2Gi
`;

const NOTES_POD = `apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
    - name: my-container
      image: my-image
      resources:
        limits:
          cpu: "2"
          memory: "2Gi"
        requests:
          cpu: "1"
          memory: "1Gi"
`;

const LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: container-limits
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
      memory: 512Mi
    defaultRequest:
      cpu: 250m
      memory: 256Mi
    min:
      cpu: 100m
    max:
      memory: 1Gi
`;

describe('ResourceQuota and LimitRange with kubectl', { timeout: 120_000 }, () => {
  let c: Cluster;
  before(async () => { c = await startCluster(); });
  after(async () => { await c?.stop(); });

  it("enforces the notes' namespace quota: usage, refusals and describe", async () => {
    const ns = `quota-${process.pid}`;
    await c.k(['create', 'namespace', ns]);
    await c.k(['apply', '-n', ns, '-f', '-'], NOTES_QUOTA);
    await waitForUsed(c, ns, 'my-namespace-quota', { cpu: '0', memory: '0' });

    assert.equal(await c.kFails(['run', 'nginx', '--image=nginx', '-n', ns]),
      'Error from server (Forbidden): pods "nginx" is forbidden: failed quota: my-namespace-quota: must specify cpu for: nginx; memory for: nginx');

    await c.k(['apply', '-n', ns, '-f', '-'], NOTES_POD);
    // Admission charged the quota before the pod was stored.
    assert.deepEqual(await quotaUsed(c, ns, 'my-namespace-quota'), { cpu: '1', memory: '1Gi' });

    const big = NOTES_POD.replace('name: my-pod', 'name: big').replace('cpu: "1"', 'cpu: "1.5"');
    assert.equal(await c.kFails(['apply', '-n', ns, '-f', '-'], big),
      `Error from server (Forbidden): error when creating "STDIN": pods "big" is forbidden: exceeded quota: my-namespace-quota, requested: cpu=1500m, used: cpu=1, limited: cpu=2`);

    const quota = await c.k(['get', 'quota', '-n', ns]);
    assert.match(quota, /my-namespace-quota\s+\S+\s+cpu: 1\/2, memory: 1Gi\/2Gi/);
    const described = await c.k(['describe', 'quota', 'my-namespace-quota', '-n', ns]);
    assert.match(described, /Resource\s+Used\s+Hard/);
    assert.match(described, /cpu\s+1\s+2\n/);
    assert.match(described, /memory\s+1Gi\s+2Gi\n/);
    const nsDescribed = await c.k(['describe', 'namespace', ns]);
    assert.match(nsDescribed, /Resource Quotas\n\s+Name:\s+my-namespace-quota\n/);
    assert.match(nsDescribed, /memory\s+1Gi\s+2Gi/);

    // Deleting the pod gives its share back (the controller recalculates).
    await c.k(['delete', 'pod', 'my-pod', '-n', ns, '--grace-period=0', '--force', '--wait=false']);
    await waitForUsed(c, ns, 'my-namespace-quota', { cpu: '0', memory: '0' });
  });

  it('applies LimitRange defaults and refuses pods outside its bounds', async () => {
    const ns = `limits-${process.pid}`;
    await c.k(['create', 'namespace', ns]);
    await c.k(['apply', '-n', ns, '-f', '-'], LIMITS);
    await c.k(['run', 'nginx', '--image=nginx', '-n', ns]);
    const pod = await c.cs.resource(PODS).namespace(ns).get('nginx') as KObject & { spec: { containers: Array<{ resources?: unknown }> }; status?: { qosClass?: string } };
    assert.deepEqual(pod.spec.containers[0].resources, { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } });
    assert.equal(pod.metadata.annotations?.['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx');
    assert.equal(pod.status?.qosClass, 'Burstable');

    const bad = `apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  containers:
  - name: c
    image: busybox
    resources:
      requests:
        cpu: 50m
      limits:
        memory: 2Gi
`;
    assert.equal(await c.kFails(['apply', '-n', ns, '-f', '-'], bad),
      'Error from server (Forbidden): error when creating "STDIN": pods "bad" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi]');

    const described = await c.k(['describe', 'namespace', ns]);
    assert.match(described, /Resource Limits/);
    assert.match(described, /Container\s+cpu\s+100m\s+-\s+250m\s+500m\s+-/);
    assert.match(described, /Container\s+memory\s+-\s+1Gi\s+256Mi\s+512Mi\s+-/);
  });

  it('counts defaulted pods, object counts of any kind, and never lets simultaneous creates overrun', async () => {
    const ns = `mixed-${process.pid}`;
    await c.cs.resource(NAMESPACES).create({ metadata: { name: ns } });
    await c.k(['apply', '-n', ns, '-f', '-'], LIMITS);
    await c.cs.resource<ResourceQuota>(QUOTAS).namespace(ns).create({
      metadata: { name: 'compute' }, spec: { hard: { pods: '3', 'limits.cpu': '10', 'requests.memory': '1Gi' } },
    });
    await c.cs.resource<ResourceQuota>(QUOTAS).namespace(ns).create({ metadata: { name: 'objects' }, spec: { hard: { 'count/deployments.apps': '1' } } });
    await waitForUsed(c, ns, 'compute', { 'limits.cpu': '0', pods: '0', 'requests.memory': '0' });
    await waitForUsed(c, ns, 'objects', { 'count/deployments.apps': '0' });

    // Six at once for three slots: exactly three get in, each with the LimitRange's defaults counted.
    const pods = c.cs.resource(PODS).namespace(ns);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => pods.create({ metadata: { name: `p${i}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as KObject)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 3);
    for (const r of results) if (r.status === 'rejected') assert.match(String(r.reason), /exceeded quota: compute, requested: pods=1, used: pods=3, limited: pods=3/);
    assert.deepEqual(await quotaUsed(c, ns, 'compute'), { 'limits.cpu': '1500m', pods: '3', 'requests.memory': '768Mi' });

    // A create that fails after admission (the name is taken) gives its charge back.
    await c.k(['delete', 'pod', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5', '-n', ns, '--grace-period=0', '--force', '--ignore-not-found', '--wait=false']);
    await waitForUsed(c, ns, 'compute', { 'limits.cpu': '0', pods: '0', 'requests.memory': '0' });
    await pods.create({ metadata: { name: 'dup' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as KObject);
    await assert.rejects(pods.create({ metadata: { name: 'dup' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } as KObject), /already exists/);
    await waitForUsed(c, ns, 'compute', { 'limits.cpu': '500m', pods: '1', 'requests.memory': '256Mi' });

    await c.k(['create', 'deployment', 'd1', '--image=busybox', '-n', ns]);
    await waitForUsed(c, ns, 'objects', { 'count/deployments.apps': '1' });
    assert.equal(await c.kFails(['create', 'deployment', 'd2', '--image=busybox', '-n', ns]),
      'error: failed to create deployment: deployments.apps "d2" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1');
    await c.k(['delete', 'deployment', 'd1', '-n', ns, '--wait=false']);
    await waitForUsed(c, ns, 'objects', { 'count/deployments.apps': '0' });
  });
});
