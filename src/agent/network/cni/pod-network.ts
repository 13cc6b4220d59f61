/**
 * PodNetwork: a node's pod network through the CNI plugins of Debian's containernetworking-plugins.
 * Each pod sandbox gets `eth0` on a Linux bridge with an address from the node's pod CIDR
 * (bridge + host-local), its hostPorts (portmap, reachable on 127.0.0.1 too) and `lo` up (loopback).
 * Attachments are cached on disk so teardown works after an agent restart or once the pod's
 * namespace is gone, and `gc` releases what sandboxes that no longer exist still hold.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildConflist, loopbackConfig, pluginTypes, CNI_VERSION, type NetworkConfigList } from './conflist.js';
import { cidrContains, cidrWithin, parseIPv4Cidr, type IPv4Cidr } from './cidr.js';
import { enableForwarding, ensureHostRules, ensureUnreachableRoute, removeHostRules, removeUnreachableRoute, deleteLink, defaultRouteMtu } from './host-rules.js';
import { listLeases } from './ipam-leases.js';
import { KeyedLock } from './keyed-lock.js';
import { isNetnsAlive } from './netns.js';
import { addNetworkList, delNetworkList, runNetwork, type PluginRunner, type RuntimeConf } from './plugin-chain.js';
import { execPlugin } from './plugin-exec.js';
import { DEFAULT_CNI_BIN_DIRS, findPlugins } from './plugin-finder.js';
import { podStatusFromResult } from './result.js';
import { ResultCache, type CachedAttachment } from './result-cache.js';
import type { PodNetworkOptions, PodNetworkRequest, PodNetworkStatus, PortMapping } from './types.js';

/** The pod's interface inside its namespace. */
export const POD_INTERFACE = 'eth0';

const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const BRIDGE_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}$/;
const SUPPORTED_VERSIONS = [CNI_VERSION, '0.4.0'] as const;

export class PodNetwork {
  /** Problems init() found that do not stop pods from running. */
  readonly warnings: string[] = [];
  readonly networkName: string;
  readonly bridge: string;
  /** Where the configuration list is written (for people and tools; PodNetwork keeps its own copy). */
  readonly conflistPath: string;
  private readonly podCIDR: IPv4Cidr;
  private readonly clusterCIDR: IPv4Cidr;
  private readonly stateDir: string;
  private readonly ipamDir: string;
  private readonly cache: ResultCache;
  private readonly lock = new KeyedLock();
  private runner?: PluginRunner;
  private conflist: NetworkConfigList;

  constructor(private readonly opts: PodNetworkOptions) {
    this.networkName = opts.networkName ?? 'navarch';
    this.bridge = opts.bridge ?? 'cni0';
    if (!NAME_RE.test(this.networkName)) throw new Error(`Cannot use network name "${this.networkName}": only letters, digits, '_', '.' and '-' are allowed`);
    if (!BRIDGE_RE.test(this.bridge)) throw new Error(`Cannot use bridge name "${this.bridge}": at most 15 letters, digits, '_', '.' or '-'`);
    this.podCIDR = parseIPv4Cidr(opts.podCIDR);
    this.clusterCIDR = parseIPv4Cidr(opts.clusterCIDR);
    if (!cidrWithin(this.podCIDR, this.clusterCIDR)) {
      throw new Error(`Cannot use pod CIDR ${this.podCIDR.text}: it is not inside the cluster CIDR ${this.clusterCIDR.text}`);
    }
    if (this.podCIDR.prefix > 30) throw new Error(`Cannot use pod CIDR ${this.podCIDR.text}: it has no room for pods`);
    this.stateDir = join(opts.dataDir, 'cni');
    this.ipamDir = join(this.stateDir, 'ipam');
    this.conflistPath = join(this.stateDir, 'net.d', `10-${this.networkName}.conflist`);
    this.cache = new ResultCache(join(this.stateDir, 'results'));
    this.conflist = this.buildConflist(CNI_VERSION);
  }

  private buildConflist(cniVersion: string, mtu = this.opts.mtu): NetworkConfigList {
    return buildConflist({
      networkName: this.networkName, bridge: this.bridge, podCIDR: this.podCIDR.text, ipamDataDir: this.ipamDir,
      cniVersion, ...(mtu !== undefined ? { mtu } : {}),
    });
  }

  /**
   * Finds the plugins, picks the CNI version they all speak, writes the configuration list (MTU: the
   * option, else the default route's interface's) and prepares the host: forwarding, masquerading outside the cluster CIDR, the cluster CIDR's
   * unreachable route. Safe to call again (e.g. at every agent start).
   */
  async init(): Promise<void> {
    const types = [...pluginTypes(this.conflist), 'loopback'];
    const found = await findPlugins(this.opts.cniBinDirs ?? DEFAULT_CNI_BIN_DIRS, types);
    const runner: PluginRunner = { ...found, timeoutMs: this.opts.pluginTimeoutMs ?? 60_000 };
    const version = await this.negotiateVersion(runner);
    // Without a configured MTU, pods get the uplink's (as flannel does), not the veth default of 1500.
    this.conflist = this.buildConflist(version, this.opts.mtu ?? (await defaultRouteMtu()));
    await mkdir(join(this.stateDir, 'net.d'), { recursive: true });
    await mkdir(this.ipamDir, { recursive: true });
    await writeFile(this.conflistPath, `${JSON.stringify(this.conflist, null, 2)}\n`);
    this.warnings.splice(0, this.warnings.length, ...(await enableForwarding()));
    await ensureHostRules({ networkName: this.networkName, podCIDR: this.podCIDR.text, clusterCIDR: this.clusterCIDR.text });
    await ensureUnreachableRoute(this.clusterCIDR.text);
    this.runner = runner;
  }

  private async negotiateVersion(runner: PluginRunner): Promise<string> {
    const common = new Set<string>(SUPPORTED_VERSIONS);
    for (const [type, binary] of runner.binaries) {
      const out = await execPlugin({ binary, command: 'VERSION', path: runner.searchPath, config: { cniVersion: CNI_VERSION }, timeoutMs: 10_000 });
      const supported = (out as { supportedVersions?: unknown } | undefined)?.supportedVersions;
      const list = Array.isArray(supported) ? supported.filter((v): v is string => typeof v === 'string') : [];
      for (const v of [...common]) if (!list.includes(v)) common.delete(v);
      if (common.size === 0) {
        throw new Error(`Cannot set up pod networking: CNI plugin "${type}" (${binary}) speaks CNI ${list.join(', ') || 'no known version'}; `
          + `navarch needs ${SUPPORTED_VERSIONS.join(' or ')} (containernetworking-plugins 1.0 or newer)`);
      }
    }
    return SUPPORTED_VERSIONS.find((v) => common.has(v))!;
  }

  private requireRunner(what: string, req: PodNetworkRequest): PluginRunner {
    if (!this.runner) throw new Error(`Cannot ${what} the network of pod ${req.namespace}/${req.name}: PodNetwork.init() has not run`);
    if (!NAME_RE.test(req.sandboxId)) throw new Error(`Cannot ${what} the network of pod ${req.namespace}/${req.name}: invalid sandbox ID "${req.sandboxId}"`);
    return this.runner;
  }

  /** Attaches the sandbox's namespace to the pod network: ADD of the list (bridge, portmap) and of loopback. */
  async setUp(req: PodNetworkRequest): Promise<PodNetworkStatus> {
    const runner = this.requireRunner('set up', req);
    return this.lock.run(req.sandboxId, async () => {
      const fail = (err: unknown): Error => new Error(`Cannot set up the network of pod ${req.namespace}/${req.name}: ${(err as Error).message}`, { cause: err });
      if (!(await isNetnsAlive(req.netnsPath))) throw fail(new Error(`${req.netnsPath} is not a network namespace`));
      // A sandbox set up before (an agent that restarted half-way): start from a clean slate.
      const previous = await this.cache.read(this.networkName, req.sandboxId, POD_INTERFACE);
      if (previous) await this.del(runner, req, previous).catch((err) => { throw fail(err); });

      const rt: RuntimeConf = {
        containerId: req.sandboxId, netns: req.netnsPath, ifName: POD_INTERFACE, args: cniArgs(req),
        capabilityArgs: capabilityArgs(req.portMappings),
      };
      try {
        await runNetwork(runner, 'ADD', loopbackConfig(this.conflist.cniVersion), { ...rt, ifName: 'lo', capabilityArgs: {} });
      } catch (err) {
        throw fail(err);
      }
      const attachment: CachedAttachment = {
        kind: 'NavarchCniAttachment', version: 1, networkName: this.networkName, sandboxId: req.sandboxId,
        ifName: POD_INTERFACE, netnsPath: req.netnsPath, args: rt.args, capabilityArgs: rt.capabilityArgs, config: this.conflist,
      };
      await this.cache.write(attachment);
      let status: PodNetworkStatus;
      try {
        const result = await addNetworkList(runner, this.conflist, rt);
        status = podStatusFromResult(result, POD_INTERFACE);
        const outside = status.ips.filter((ip) => !cidrContains(this.podCIDR, ip));
        if (outside.length > 0) throw new Error(`the plugins gave ${outside.join(', ')}, outside the pod CIDR ${this.podCIDR.text}`);
        await this.cache.write({ ...attachment, result });
      } catch (err) {
        // Undo what the first plugins did so the address and any port rules are not leaked.
        await delNetworkList(runner, this.conflist, rt, undefined)
          .then(() => this.cache.remove(this.networkName, req.sandboxId, POD_INTERFACE))
          .catch(() => undefined);
        throw fail(err);
      }
      return status;
    });
  }

  /**
   * Detaches the sandbox: DEL of the list with what ADD was given, which releases its address and
   * port mappings. Idempotent; works when the namespace is already gone.
   */
  async tearDown(req: PodNetworkRequest): Promise<void> {
    const runner = this.requireRunner('tear down', req);
    return this.lock.run(req.sandboxId, async () => {
      const cached = await this.cache.read(this.networkName, req.sandboxId, POD_INTERFACE);
      try {
        await this.del(runner, req, cached);
      } catch (err) {
        throw new Error(`Cannot tear down the network of pod ${req.namespace}/${req.name}: ${(err as Error).message}`, { cause: err });
      }
    });
  }

  private async del(runner: PluginRunner, req: PodNetworkRequest, cached: CachedAttachment | undefined): Promise<void> {
    const netnsPath = req.netnsPath || cached?.netnsPath || '';
    const rt: RuntimeConf = {
      containerId: req.sandboxId,
      netns: (await isNetnsAlive(netnsPath)) ? netnsPath : '',
      ifName: POD_INTERFACE,
      args: cached?.args ?? cniArgs(req),
      capabilityArgs: cached?.capabilityArgs ?? capabilityArgs(req.portMappings),
    };
    await delNetworkList(runner, cached?.config ?? this.conflist, rt, cached?.result);
    await this.cache.remove(this.networkName, req.sandboxId, POD_INTERFACE);
  }

  /** The addresses a sandbox was given, from the cache (e.g. after an agent restart). */
  async status(sandboxId: string): Promise<PodNetworkStatus | undefined> {
    const cached = await this.cache.read(this.networkName, sandboxId, POD_INTERFACE);
    if (cached?.result === undefined) return undefined;
    return podStatusFromResult(cached.result, POD_INTERFACE);
  }

  /**
   * Releases what sandboxes not in `liveSandboxIds` still hold: cached attachments, and addresses
   * host-local leased to containers it knows nothing else about (a crash between ADD and the cache).
   * `liveSandboxIds` must include sandboxes being set up at the time.
   */
  async gc(liveSandboxIds: Set<string>): Promise<void> {
    if (!this.runner) throw new Error('Cannot collect stale pod networks: PodNetwork.init() has not run');
    const errors: string[] = [];
    const done = new Set<string>();
    for (const a of await this.cache.list(this.networkName)) {
      if (liveSandboxIds.has(a.sandboxId)) continue;
      done.add(a.sandboxId);
      await this.tearDown({ sandboxId: a.sandboxId, netnsPath: a.netnsPath, name: `sandbox-${a.sandboxId}`, namespace: 'stale', uid: '' })
        .catch((err: Error) => errors.push(err.message));
    }
    for (const lease of await listLeases(this.ipamDir, this.networkName)) {
      if (liveSandboxIds.has(lease.containerId) || done.has(lease.containerId) || !NAME_RE.test(lease.containerId)) continue;
      done.add(lease.containerId);
      await this.tearDown({ sandboxId: lease.containerId, netnsPath: '', name: `sandbox-${lease.containerId}`, namespace: 'stale', uid: '' })
        .catch((err: Error) => errors.push(err.message));
    }
    if (errors.length > 0) throw new Error(`Cannot release the networks of ${errors.length} stale sandboxes: ${errors.join('; ')}`);
  }

  /**
   * Removes what init() and the plugins left on the host for this network: its iptables chains, the
   * unreachable route, the bridge, the configuration file and the IPAM state. Tear pods down first.
   * For tests and for a node leaving the cluster, not for agent shutdown (pods outlive the agent).
   */
  async uninstall(): Promise<void> {
    await removeHostRules(this.networkName);
    await removeUnreachableRoute(this.clusterCIDR.text);
    await deleteLink(this.bridge);
    await rm(this.conflistPath, { force: true });
    await rm(join(this.ipamDir, this.networkName), { recursive: true, force: true });
    this.runner = undefined;
  }
}

/** CNI_ARGS as the kubelet's CNI plugin sets them. */
function cniArgs(req: PodNetworkRequest): string {
  return [
    'IgnoreUnknown=1', `K8S_POD_NAMESPACE=${req.namespace}`, `K8S_POD_NAME=${req.name}`,
    `K8S_POD_INFRA_CONTAINER_ID=${req.sandboxId}`, ...(req.uid ? [`K8S_POD_UID=${req.uid}`] : []),
  ].join(';');
}

/** The portMappings capability argument: only mappings with a host port, protocols in lower case. */
function capabilityArgs(mappings: PortMapping[] | undefined): Record<string, unknown> {
  const pm = (mappings ?? []).filter((m) => m.hostPort > 0).map((m) => ({
    hostPort: m.hostPort, containerPort: m.containerPort, protocol: m.protocol.toLowerCase(), hostIP: m.hostIP ?? '',
  }));
  return pm.length > 0 ? { portMappings: pm } : {};
}
