/**
 * A pod's sandbox config as the kubelet asks the runtime for it: name, namespace, uid and attempt,
 * the host name (none of its own on the host network), host namespaces, resolv.conf, the pod's
 * labels (plus io.kubernetes.pod.name/namespace/uid) and annotations, and the log directory
 * `/var/log/pods/<namespace>_<name>_<uid>` whose `<container>/<restartCount>.log` files hold the
 * containers' logs.
 */
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../../api/types/core/pod/index.js';
import type { SandboxConfig } from '../runtime/index.js';
import { podDNSConfig, type PodDNSOptions } from './dns.js';
import { CreatePodSandboxError } from './errors.js';
import { kernelHostname, podHostnameAndDomain } from './hostname.js';

export const POD_LOGS_ROOT = '/var/log/pods';

export interface SandboxOptions extends PodDNSOptions {
  /** Which attempt at a sandbox this is (0 first). */
  attempt?: number;
  /** Where pod log directories go (default /var/log/pods). */
  podLogsRoot?: string;
  /** The node's host name, for host-network pods (default this host's). */
  nodeHostname?: string;
}

export function podLogDirectory(pod: Pod, root = POD_LOGS_ROOT): string {
  const m = pod.metadata;
  return join(root, `${m.namespace ?? ''}_${m.name ?? ''}_${m.uid ?? ''}`);
}

export function containerLogPath(logDir: string, containerName: string, restartCount: number): string {
  return join(logDir, containerName, `${restartCount}.log`);
}

/** The sandbox config; throws CreatePodSandboxError when the pod's host name cannot be formed. */
export function sandboxConfig(pod: Pod, opts: SandboxOptions): SandboxConfig {
  const m = pod.metadata;
  const spec = pod.spec ?? {};
  let hostname: string;
  if (spec.hostNetwork) {
    hostname = opts.nodeHostname ?? osHostname();
  } else {
    try {
      const names = podHostnameAndDomain(pod, opts.clusterDomain);
      hostname = kernelHostname(names.hostname, names.domain, spec.setHostnameAsFQDN);
    } catch (err) {
      throw new CreatePodSandboxError((err as Error).message);
    }
  }
  return {
    name: m.name ?? '',
    namespace: m.namespace ?? '',
    uid: m.uid ?? '',
    attempt: opts.attempt ?? 0,
    hostname,
    hostNetwork: spec.hostNetwork === true,
    hostPID: spec.hostPID === true,
    ...(spec.shareProcessNamespace === true && spec.hostPID !== true ? { sharePid: true } : {}),
    hostIPC: spec.hostIPC === true,
    dns: podDNSConfig(pod, opts),
    logDirectory: podLogDirectory(pod, opts.podLogsRoot),
    labels: {
      ...(m.labels ?? {}),
      'io.kubernetes.pod.name': m.name ?? '',
      'io.kubernetes.pod.namespace': m.namespace ?? '',
      'io.kubernetes.pod.uid': m.uid ?? '',
    },
    annotations: { ...(m.annotations ?? {}) },
  };
}
