/**
 * A pod's sandbox as its worker holds it: found again after an agent restart (by the pod uid
 * label), or created with its network (CNI ADD with the pod's hostPorts) and the pod's /etc/hosts;
 * released with CNI DEL and the runtime's removal. Failures are recorded as the kubelet's
 * FailedCreatePodSandBox events; the worker decides when to try again.
 */
import type { Pod } from '../../api/types/core/pod/index.js';
import type { SandboxStatus } from '../runtime/index.js';
import { LABEL_POD_UID, type NetworkRequest, type WorkerDeps } from './deps.js';

/** The pod's host ports, as the CNI portmap plugin takes them. */
export function portMappings(pod: Pod): NonNullable<NetworkRequest['portMappings']> {
  const out: NonNullable<NetworkRequest['portMappings']> = [];
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort) continue;
      out.push({
        hostPort: p.hostPort, containerPort: p.containerPort ?? p.hostPort,
        protocol: (p.protocol ?? 'TCP') as 'TCP' | 'UDP' | 'SCTP', ...(p.hostIP ? { hostIP: p.hostIP } : {}),
      });
    }
  }
  return out;
}

export class PodSandbox {
  status?: SandboxStatus;
  /** The pod's IPs (the node's for host networking); empty until the network is up. */
  ips: string[] = [];

  constructor(private readonly uid: string, private readonly deps: WorkerDeps) {}

  get ready(): boolean {
    return this.status !== undefined && this.ips.length > 0;
  }

  /** The newest sandbox the runtime has for this pod, if any. */
  find(): SandboxStatus | undefined {
    const mine = this.deps.runtime.listSandboxes().filter((s) => s.config.labels?.[LABEL_POD_UID] === this.uid);
    mine.sort((a, b) => (b.config.attempt ?? 0) - (a.config.attempt ?? 0));
    return mine[0];
  }

  /** The sandbox in place with its network; false when it could not be made (an event says why). */
  async ensure(pod: Pod): Promise<boolean> {
    if (this.status && this.deps.runtime.sandboxStatus(this.status.id)) return true;
    const existing = this.find();
    if (existing) {
      this.status = existing;
      this.ips = pod.spec?.hostNetwork ? [this.deps.hostIP] : (pod.status?.podIPs ?? []).map((p) => p.ip ?? '').filter(Boolean);
      if (this.ips.length > 0 || !existing.netnsPath) return true;
      // Adopted without a known address: set the network up again.
      await this.deps.network.tearDown(this.request(existing)).catch(() => undefined);
      return this.setUpNetwork(pod, existing);
    }
    let sb: SandboxStatus;
    try {
      sb = await this.deps.runtime.createSandbox(this.deps.config.sandbox(pod));
    } catch (err) {
      this.deps.event(pod, undefined, 'Warning', 'FailedCreatePodSandBox', `Failed to create pod sandbox: ${(err as Error).message}`);
      return false;
    }
    this.status = sb;
    if (pod.spec?.hostNetwork || !sb.netnsPath) {
      this.ips = [this.deps.hostIP];
      return true;
    }
    return this.setUpNetwork(pod, sb);
  }

  /** Network and sandbox go (its containers with it). */
  async release(log: (line: string) => void): Promise<void> {
    const sb = this.status ?? this.find();
    if (sb) {
      if (sb.netnsPath) await this.deps.network.tearDown(this.request(sb)).catch((err: Error) => log(err.message));
      await this.deps.runtime.removeSandbox(sb.id);
    }
    this.status = undefined;
  }

  /** CNI arguments for a sandbox; DEL finds what ADD set up (ports included) by the sandbox id. */
  private request(sb: SandboxStatus, pod?: Pod): NetworkRequest {
    const ports = pod ? portMappings(pod) : [];
    return {
      sandboxId: sb.id, netnsPath: sb.netnsPath ?? '', name: sb.config.name, namespace: sb.config.namespace,
      uid: this.uid, ...(ports.length > 0 ? { portMappings: ports } : {}),
    };
  }

  private async setUpNetwork(pod: Pod, sb: SandboxStatus): Promise<boolean> {
    try {
      const { ips } = await this.deps.network.setUp(this.request(sb, pod));
      this.ips = ips;
      const hosts = this.deps.config.hosts(pod, ips);
      if (hosts !== undefined) await this.deps.runtime.writeSandboxHosts(sb.id, hosts);
      return true;
    } catch (err) {
      const msg = `Failed to create pod sandbox: plugin type="bridge" failed (add): ${(err as Error).message}`;
      this.deps.event(pod, undefined, 'Warning', 'FailedCreatePodSandBox', msg);
      await this.deps.network.tearDown(this.request(sb)).catch(() => undefined);
      await this.deps.runtime.removeSandbox(sb.id).catch(() => undefined);
      this.status = undefined;
      return false;
    }
  }
}
