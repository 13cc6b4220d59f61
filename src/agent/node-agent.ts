/**
 * The node agent (the kubelet's job on this machine): registers the Node with its real capacity and
 * keeps its Lease, and runs the pods bound to it as runc containers on the CNI bridge network, with
 * images from registries, volumes, probes and lifecycle hooks; proxies Services, serves cluster DNS and
 * enforces NetworkPolicies. Parts are
 * assembled here; each lives in its own folder (runtime/, images/, network/, proxy/, netpol/, dns/, volumes/, probes/,
 * pod-config/, pods/, node/, routes/ — pod routes to the other nodes).
 *
 * State under <dataDir>/agent: runtime/ (sandboxes, containers), images/, cni/, pods/ (volumes),
 * pod-logs/ (container logs). Containers outlive the agent; a new agent adopts them.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { KObject } from '../api/index.js';
import { isNotFound, type Clientset, SharedInformerFactory } from '../client/index.js';
import { EventRecorder } from '../controllers/index.js';
import type { Container, Pod } from '../api/types/core/pod/index.js';
import { ImageGC, ImageStore, loadRegistriesConfig } from './images/index.js';
import { PodNetwork } from './network/index.js';
import { NetworkPolicyEnforcer } from './netpol/index.js';
import { ClusterDns, ensureDnsAddress, isNodeLocalDnsService } from './dns/index.js';
import { ServiceProxy } from './proxy/index.js';
import { PodRoutes, type NodeRouteView } from './routes/index.js';
import { hostFacts, NodeHeartbeat, resources } from './node/index.js';
import { containerConfig, hostsFile, sandboxConfig, type ConfigMapView, type SecretView, type ServiceView } from './pod-config/index.js';
import { ProbeManager, runLifecycleHandler, probeKillingMessage } from './probes/index.js';
import { ApiPodStatusWriter, ImagePuller, PodWorkers, containerRef as containerRefOf, podRef as podRefOf, type WorkerDeps } from './pods/index.js';
import { RuncRuntime } from './runtime/index.js';
import { VolumeManager } from './volumes/index.js';
import { networkNameFor, writeNodeRecord } from './reset-node.js';
import { startKubeletApi, type KubeletApiOptions } from './kubelet-api.js';
import { localPathNodeAnnotations, localPathStorageDir, startLocalPathCleaner } from './local-path/index.js';

export interface NodeAgentOptions {
  clientset: Clientset;
  /** The navarch data dir; the agent keeps its state under <dataDir>/agent. */
  dataDir: string;
  nodeName: string;
  nodeIP?: string;
  clusterCIDR?: string;
  /** The service range (default 10.43.0.0/16): ClusterIPs the proxy serves, others rejected at once. */
  serviceCIDR?: string;
  clusterDNS?: string;
  clusterDomain?: string;
  /** The pods' bridge (default cni0). */
  bridge?: string;
  /** The server's own node (navarch up): labelled as a control-plane node. */
  controlPlane?: boolean;
  /**
   * The kubelet API (logs, exec…): its serving certificate and the CA whose clients it admits. Without
   * them the node serves no kubelet API and `kubectl logs` cannot reach it.
   */
  kubeletServingCert?: KubeletApiOptions['servingCert'];
  clientCA?: string;
  /** Default 10250; 0 picks a free port. */
  kubeletPort?: number;
  log: (line: string) => void;
}

export interface NodeAgent {
  nodeName: string;
  podCIDR: string;
  stop(): Promise<void>;
}

const SERVICES = { group: '', version: 'v1', resource: 'services' };
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
const SECRETS = { group: '', version: 'v1', resource: 'secrets' };

async function getOrUndefined<T>(clientset: Clientset, gvr: { group: string; version: string; resource: string }, ns: string, name: string): Promise<T | undefined> {
  try {
    return await clientset.resource<T & { metadata: Record<string, unknown> }>(gvr).namespace(ns).get(name);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

async function runtimeVersion(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('runc', ['--version'], { timeout: 10_000 });
    const m = /runc version (\S+)/.exec(stdout);
    return `runc://${m ? m[1] : 'unknown'}`;
  } catch {
    return 'runc://unknown';
  }
}

function readHostResolvConf(): string {
  try {
    return readFileSync('/etc/resolv.conf', 'utf8');
  } catch {
    return '';
  }
}

/** What this host must offer to run pods; throws a message saying what is missing and what to do. */
export function checkHost(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('Cannot run pods on this machine: the node agent needs root (runc, network namespaces, iptables). '
      + 'Run navarch as root, or pass --simulate-nodes N for simulated nodes that need no privileges.');
  }
  if (!existsSync('/sys/fs/cgroup/memory') && !existsSync('/sys/fs/cgroup/cgroup.controllers')) {
    throw new Error('Cannot run pods on this machine: no cgroup filesystem at /sys/fs/cgroup (memory controller). '
      + 'Mount cgroups (v1 with the memory controller, or v2), or pass --simulate-nodes N.');
  }
}

/**
 * The cluster DNS this node serves at the cluster DNS address (held on a local interface). A node that
 * cannot serve it still runs pods: the failure is logged, and names then fail to resolve in pods.
 */
async function startClusterDns(factory: SharedInformerFactory, address: string, clusterDomain: string, log: (line: string) => void): Promise<ClusterDns | undefined> {
  try {
    await ensureDnsAddress(address);
    const dns = new ClusterDns({ informers: factory, listen: [{ address, port: 53 }], clusterDomain, log });
    await dns.start();
    return dns;
  } catch (err) {
    log(`cannot serve cluster DNS at ${address}: ${(err as Error).message}`);
    return undefined;
  }
}

export async function startNodeAgent(opts: NodeAgentOptions): Promise<NodeAgent> {
  const started = performance.now();
  checkHost();
  const { clientset, log, nodeName } = opts;
  const root = join(opts.dataDir, 'agent');
  const clusterCIDR = opts.clusterCIDR ?? '10.42.0.0/16';
  const clusterDomain = opts.clusterDomain ?? 'cluster.local';
  const clusterDNS = [opts.clusterDNS ?? '10.43.0.10'];
  const logsRoot = join(root, 'pod-logs');
  const hostResolvConf = readHostResolvConf();

  mkdirSync(root, { recursive: true });
  const runtime = new RuncRuntime({ root: join(root, 'runtime') });
  await runtime.init();
  const images = new ImageStore({ root: join(root, 'images'), registries: await loadRegistriesConfig(join(opts.dataDir, 'registries.yaml')) });
  await images.init();
  const facts = hostFacts(opts.dataDir, opts.nodeIP);
  const factory = new SharedInformerFactory(clientset, { log });
  const kubeletApi = opts.kubeletServingCert && opts.clientCA
    ? await startKubeletApi({
      servingCert: opts.kubeletServingCert, clientCA: opts.clientCA, port: opts.kubeletPort, nodeName, nodeIP: facts.internalIP,
      factory, runtime, logsRoot, log,
    }).catch((err: Error) => {
      // Pods still run; only logs, exec and port-forward cannot reach this node.
      log(`node ${nodeName} serves no kubelet API (kubectl logs and exec cannot reach its pods): ${err.message}`);
      return undefined;
    })
    : undefined;
  const heartbeat = new NodeHeartbeat({
    clientset, clusterCIDR, log,
    input: {
      name: nodeName, facts, runtimeVersion: await runtimeVersion(), controlPlane: opts.controlPlane, kubeletPort: kubeletApi?.port,
      annotations: localPathNodeAnnotations(opts.dataDir),
    },
    images: () => images.list().map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.size })),
  });
  await heartbeat.register();
  const podCIDR = heartbeat.podCIDR;
  const bridge = opts.bridge ?? 'cni0';
  const networkName = networkNameFor(bridge);
  writeNodeRecord(opts.dataDir, { nodeName, podCIDR, clusterCIDR, bridge, networkName, serviceCIDR: opts.serviceCIDR ?? '10.43.0.0/16' });
  const network = new PodNetwork({ dataDir: root, podCIDR, clusterCIDR, bridge, networkName });
  await network.init();
  await network.gc(new Set(runtime.listSandboxes().map((s) => s.id)));
  for (const w of network.warnings) log(`node ${nodeName}: ${w}`);

  const volumes = new VolumeManager({ root: join(root, 'pods'), clientset, nodeName, log });
  const services = factory.forResource<KObject & ServiceView>(SERVICES);
  const recorder = new EventRecorder(clientset, { component: 'kubelet', host: nodeName }, { log });
  const allocatable = resources(facts).allocatable;
  let workers: PodWorkers | undefined;

  const probes = new ProbeManager({
    exec: (id, cmd, timeoutMs) => runtime.execSync(id, cmd, timeoutMs),
    onResult: (uid, name, kind, outcome) => {
      const w = workers?.get(uid);
      if (!w) return;
      if ((kind === 'liveness' || kind === 'startup') && outcome.result === 'failure') w.requestKill(name, probeKillingMessage(name, kind, w.restartPolicy !== 'Never'));
      else w.kick();
    },
    onEvent: (pod: Pod, container: string, type: 'Normal' | 'Warning', reason: string, message: string) => {
      recorder.event(containerRefOf(pod, container), type, reason, message);
    },
  });

  const envContext = (pod: Pod, podIPs: string[]) => ({
    configMap: (ns: string, name: string) => getOrUndefined<ConfigMapView>(clientset, CONFIGMAPS, ns, name),
    secret: (ns: string, name: string) => getOrUndefined<SecretView>(clientset, SECRETS, ns, name),
    services: async (ns: string) => services.store.list().filter((s) => s.metadata.namespace === ns),
    nodeAllocatable: allocatable,
    hostIPs: [facts.internalIP],
    podIPs,
    recordEvent: (e: { type: 'Normal' | 'Warning'; reason: string; message: string }) => recorder.event(podRefOf(pod), e.type, e.reason, e.message),
  });

  const deps: WorkerDeps = {
    runtime,
    network,
    volumes: {
      setUp: (pod, podIPs) => volumes.setUpPod(pod, podIPs) as Promise<Map<string, unknown>>,
      mounts: (pod, c, vols, env) => volumes.containerMounts(pod, c, vols as Map<string, never>, env),
      refresh: (pod) => volumes.refreshPod(pod),
      tearDown: (uid) => volumes.tearDownPod(uid),
    },
    probes: {
      add: (pod, c, containerId, podIP, startedAt) => probes.addContainer({ podUid: pod.metadata.uid ?? '', pod, container: c, containerId, podIP, startedAt }),
      removeContainer: (uid, name) => probes.removeContainer(uid, name),
      removePod: (uid) => probes.removePod(uid),
      ready: (uid, name) => probes.readiness(uid, name),
      started: (uid, name) => probes.started(uid, name),
    },
    hooks: {
      run: async (kind, pod, c: Container, containerId, podIP, timeoutMs) => {
        const handler = kind === 'postStart' ? c.lifecycle?.postStart : c.lifecycle?.preStop;
        if (!handler) return undefined;
        const r = await runLifecycleHandler(handler, { pod, container: c, containerId, podIP }, {
          exec: (id, cmd, t) => runtime.execSync(id, cmd, t), kind, timeoutMs,
        });
        for (const e of r.events) recorder.event(containerRefOf(pod, c.name ?? ''), e.type, e.reason, e.message);
        return r.ok ? undefined : r.message ?? `${kind} hook failed`;
      },
    },
    images: new ImagePuller(images, (ns, name) => getOrUndefined(clientset, SECRETS, ns, name)),
    config: {
      sandbox: (pod) => sandboxConfig(pod, { clusterDNS, clusterDomain, hostResolvConf, podLogsRoot: logsRoot, nodeIPs: [facts.internalIP] }),
      hosts: (pod, podIPs) => hostsFile(pod, podIPs, { clusterDomain }),
      container: (pod, c, image, attempt, podIPs, logDir) => containerConfig(pod, c, {
        env: envContext(pod, podIPs), image, attempt, logDirectory: logDir,
        resources: { memoryCapacityBytes: facts.memoryKi * 1024 },
      }),
    },
    status: new ApiPodStatusWriter(clientset),
    event: (pod, container, type, reason, message) => {
      recorder.event(container ? containerRefOf(pod, container) : podRefOf(pod), type, reason, message);
    },
    hostIP: facts.internalIP,
    log,
  };
  workers = new PodWorkers({ nodeName, factory, deps, volumesOnDisk: () => volumes.podsOnDisk() });
  const podRoutes = new PodRoutes({
    nodes: factory.forResource<KObject & NodeRouteView>({ group: '', version: 'v1', resource: 'nodes' }),
    nodeName, nodeIP: facts.internalIP, podCIDR, log: (l) => log(`node ${nodeName}: ${l}`),
  });
  const netpol = new NetworkPolicyEnforcer({ informers: factory, nodeName, nodeIPs: [facts.internalIP], podCIDR, log: (l) => log(`node ${nodeName}: ${l}`) });
  factory.start();
  await factory.waitForCacheSync(30_000);
  const proxy = new ServiceProxy({
    informers: factory, nodeName, nodeIPs: [facts.internalIP], clusterCIDR, serviceCIDR: opts.serviceCIDR ?? '10.43.0.0/16',
    bridge: network.bridge, log: (l) => log(`node ${nodeName}: ${l}`), skip: (svc) => isNodeLocalDnsService(svc as Parameters<typeof isNodeLocalDnsService>[0]),
  });
  // Policies, services, routes and DNS before any pod starts (a pod must not start unpoliced); they
  // do not depend on each other, so they start together.
  const [, , , dns] = await Promise.all([
    netpol.start(), proxy.start(), podRoutes.start(),
    startClusterDns(factory, clusterDNS[0], clusterDomain, (l) => log(`node ${nodeName}: ${l}`)),
  ]);
  await workers.start();
  heartbeat.start();
  const imageGC = new ImageGC({
    store: images,
    log: (line) => log(`node ${nodeName}: ${line}`),
    event: (type, reason, message) => recorder.event({ kind: 'Node', name: nodeName, uid: nodeName }, type, reason, message),
  });
  const stopImageGC = imageGC.start(async () => new Set((await runtime.listContainers()).map((c) => c.imageId)));
  const cleaner = startLocalPathCleaner({ clientset, nodeName, storageDir: localPathStorageDir(opts.dataDir), log });
  log(`node ${nodeName} ready: pods on ${podCIDR} (bridge ${network.bridge}) in ${Math.round(performance.now() - started)} ms`);
  return {
    nodeName,
    podCIDR,
    async stop() {
      stopImageGC();
      heartbeat.stop();
      await cleaner.stop();
      await kubeletApi?.close();
      workers?.stop();
      probes.close();
      await netpol.stop();
      await proxy.stop();
      await podRoutes.stop();
      await dns?.stop();
      await factory.stop();
      await recorder.flush();
      await runtime.close();
    },
  };
}
