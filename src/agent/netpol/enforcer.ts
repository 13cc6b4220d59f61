/**
 * NetworkPolicyEnforcer: keeps this node's filter table enforcing the cluster's NetworkPolicies
 * for the pods running here. Informers over every pod, namespace and NetworkPolicy feed it; each
 * change schedules one coalesced re-sync, which compiles the wanted chains and, when they differ
 * from what was applied last, writes them in one iptables-restore transaction. A periodic check
 * compares with the live table too (and repairs it if something else changed it); failures are
 * retried with back-off. stop() leaves the rules in place (pods stay isolated while the agent is
 * away); uninstall() removes every chain and jump.
 */
import type { KObject } from '../../api/index.js';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { NetworkPolicyLike } from '../../api/types/networking/index.js';
import type { HandlerRegistration, Informer, SharedInformerFactory } from '../../client/index.js';
import { ClusterSnapshot } from './cluster-snapshot.js';
import { compilePodRules } from './compile.js';
import { iptablesRunner, type IptablesRunner } from './iptables-runner.js';
import { firstHost, formatIPv4, parseCidr4 } from './ipv4.js';
import { podIPv4s } from './pod-facts.js';
import { parseFilterTable, planRemoval, planRestore } from './restore-plan.js';
import { buildRuleset, type LocalPod, type Ruleset } from './ruleset.js';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };
const NETWORK_POLICIES = { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' };

export interface NetworkPolicyEnforcerOptions {
  informers: SharedInformerFactory;
  nodeName: string;
  /** The node's own addresses: pods always accept traffic from them (kubelet probes). */
  nodeIPs: string[];
  /** This node's pod CIDR; its first address (the bridge's gateway) counts as a node address. */
  podCIDR: string;
  log: (line: string) => void;
  /** Where the rules are applied (default: this host's filter table). */
  iptables?: IptablesRunner;
  /** How long events are gathered into one re-sync (default 100 ms). */
  coalesceMs?: number;
  /** How often the live table is checked against the wanted rules (default 60 s). */
  verifyEveryMs?: number;
}

const MAX_RETRY_MS = 30_000;

export class NetworkPolicyEnforcer {
  private readonly pods: Informer<Pod>;
  private readonly namespaces: Informer<KObject>;
  private readonly policies: Informer<NetworkPolicyLike>;
  private readonly iptables: IptablesRunner;
  private readonly nodeIPs: string[];
  private registrations: HandlerRegistration[] = [];
  private ready = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private verifyTimer?: NodeJS.Timeout;
  private pendingVerify = false;
  private retryMs = 0;
  private queue: Promise<void> = Promise.resolve();
  private lastApplied?: string;
  private wakeStart?: () => void;

  constructor(private readonly opts: NetworkPolicyEnforcerOptions) {
    this.pods = opts.informers.forResource<Pod>(PODS);
    this.namespaces = opts.informers.forResource<KObject>(NAMESPACES);
    this.policies = opts.informers.forResource<NetworkPolicyLike>(NETWORK_POLICIES);
    this.iptables = opts.iptables ?? iptablesRunner();
    const cidr = parseCidr4(opts.podCIDR);
    const gateway = cidr ? firstHost(cidr) : undefined;
    this.nodeIPs = [...opts.nodeIPs, ...(gateway === undefined ? [] : [formatIPv4(gateway)])];
  }

  /**
   * Watches pods, namespaces and policies; resolves once the informers have synced and the first
   * sync was tried (a failure is logged and retried). The informer factory is started by its owner.
   */
  async start(): Promise<void> {
    if (this.registrations.length > 0) return;
    this.stopped = false;
    const kick = { onAdd: () => this.kick(), onUpdate: () => this.kick(), onDelete: () => this.kick() };
    this.registrations = [this.pods, this.namespaces, this.policies].map((i) => (i as Informer<KObject>).addEventHandler(kick));
    const stopped = new Promise<boolean[]>((resolve) => { this.wakeStart = () => resolve([false]); });
    const synced = await Promise.race([
      Promise.all([this.pods, this.namespaces, this.policies].map((i) => i.waitForSync())), stopped,
    ]);
    this.wakeStart = undefined;
    if (this.stopped || !synced.every(Boolean)) return;
    this.ready = true;
    this.verifyTimer = setInterval(() => { this.pendingVerify = true; this.kick(); }, this.opts.verifyEveryMs ?? 60_000);
    this.verifyTimer.unref?.();
    await this.enqueue(true).catch(() => undefined);
  }

  /** Stops watching; the rules stay as they are. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    for (const r of this.registrations.splice(0)) r.remove();
    this.wakeStart?.();
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.verifyTimer);
    await this.queue;
  }

  /** Stops and removes every chain and jump this enforcer made. */
  async uninstall(): Promise<void> {
    await this.stop();
    await removeNetworkPolicyRules(this.iptables);
    this.lastApplied = undefined;
  }

  /** Compiles and applies the rules now from the informers' caches, checking the live table; throws on failure. */
  async syncNow(): Promise<void> {
    await this.enqueue(true);
  }

  /** The rules wanted for the current caches. */
  wantedRules(): Ruleset {
    const snap = new ClusterSnapshot(this.pods.store.values(), this.namespaces.store.values(), this.policies.store.values());
    const byIP = new Map<string, Pod>();
    for (const pod of snap.pods) {
      if (pod.spec?.nodeName !== this.opts.nodeName) continue;
      for (const ip of podIPv4s(pod)) {
        const other = byIP.get(ip);
        if (!other || prefer(pod, other)) byIP.set(ip, pod);
      }
    }
    const local: LocalPod[] = [];
    const compiled = new Map<Pod, ReturnType<typeof compilePodRules>>();
    for (const [ip, pod] of [...byIP].sort(([a], [b]) => ipOrder(a, b))) {
      let rules = compiled.get(pod);
      if (!rules) { rules = compilePodRules(snap, pod); compiled.set(pod, rules); }
      if (rules.ingress || rules.egress) local.push({ ip, ref: `${pod.metadata.namespace}/${pod.metadata.name}`, rules });
    }
    return buildRuleset(local, this.nodeIPs);
  }

  private kick(): void {
    if (!this.ready || this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const verify = this.pendingVerify;
      this.pendingVerify = false;
      this.enqueue(verify).catch(() => undefined);
    }, this.opts.coalesceMs ?? 100);
  }

  private enqueue(verify: boolean): Promise<void> {
    const run = this.queue.then(() => this.syncOnce(verify));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async syncOnce(verify: boolean): Promise<void> {
    try {
      const wanted = this.wantedRules();
      const text = JSON.stringify([...wanted]);
      if (!verify && text === this.lastApplied) return;
      const plan = planRestore(wanted, parseFilterTable(await this.iptables.saveFilter()));
      if (plan !== undefined) {
        await this.iptables.restore(plan);
        this.opts.log(`network policy: rules applied for ${wanted.size - 1} pod chain(s) on node ${this.opts.nodeName}`);
      }
      this.lastApplied = text;
      this.retryMs = 0;
    } catch (err) {
      this.lastApplied = undefined;
      this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs === 0 ? 1000 : this.retryMs * 2);
      this.opts.log(`network policy: ${(err as Error).message}; retrying in ${this.retryMs / 1000}s`);
      if (!this.stopped) {
        const t = setTimeout(() => { this.pendingVerify = true; this.kick(); }, this.retryMs);
        t.unref?.();
      }
      throw err;
    }
  }
}

/** Of two pods claiming one address: the one not being deleted, else the newer. */
function prefer(a: Pod, b: Pod): boolean {
  const da = a.metadata.deletionTimestamp !== undefined;
  const db = b.metadata.deletionTimestamp !== undefined;
  if (da !== db) return db;
  return (a.metadata.creationTimestamp ?? '') > (b.metadata.creationTimestamp ?? '');
}

function ipOrder(a: string, b: string): number {
  const n = (s: string) => s.split('.').reduce((acc, x) => acc * 256 + Number(x), 0);
  return n(a) - n(b);
}

/** Removes every network policy chain and jump from a filter table; false when there was none. */
export async function removeNetworkPolicyRules(iptables: IptablesRunner = iptablesRunner()): Promise<boolean> {
  const plan = planRemoval(parseFilterTable(await iptables.saveFilter()));
  if (plan === undefined) return false;
  await iptables.restore(plan);
  return true;
}
