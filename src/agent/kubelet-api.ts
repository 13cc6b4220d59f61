/**
 * The node agent's kubelet API: the HTTPS server the API server reaches for `kubectl logs`, exec,
 * attach, cp and port-forward, fed from the agent's own pods — the informer of pods bound to this node, their
 * log directories, and the runtime's word on whether a container instance still runs.
 */
import type { SharedInformerFactory } from '../client/index.js';
import type { Pod } from '../api/types/core/pod/index.js';
import { startKubeletServer, type KubeletServer, type LogSource, type StreamSource } from './kubelet-server/index.js';
import { podLogDirectory } from './pod-config/index.js';
import type { Runtime } from './runtime/index.js';

export interface KubeletApiOptions {
  /** Issues the serving certificate for the node's names (signed by the cluster CA). */
  servingCert: (names: { hostnames: string[]; ips: string[]; commonName: string }) => Promise<{ cert: string; key: string }>;
  /** The cluster CA: only clients it signed get in. */
  clientCA: string;
  /** Default 10250; 0 picks a free port (tests). */
  port?: number;
  nodeName: string;
  nodeIP: string;
  factory: SharedInformerFactory;
  runtime: Runtime;
  logsRoot: string;
  log: (line: string) => void;
}

const PODS = { group: '', version: 'v1', resource: 'pods' };

/** The informer here is the pod workers' own (same resource and field selector), so nothing is listed twice. */
function logSource(opts: KubeletApiOptions): LogSource {
  const pods = opts.factory.forResource<Pod>(PODS, { fieldSelector: `spec.nodeName=${opts.nodeName}` });
  return {
    pod(namespace, name) {
      const pod = pods.store.getByName(namespace, name);
      return pod ? { pod, logDirectory: podLogDirectory(pod, opts.logsRoot) } : undefined;
    },
    async isRunning(containerID) {
      return (await opts.runtime.containerStatus(runtimeId(containerID)))?.state === 'running';
    },
  };
}

const runtimeId = (containerID: string): string => containerID.replace(/^[a-z]+:\/\//, '');

/** exec, attach and port-forward: commands run with runc exec, port-forward enters the sandbox's netns. */
function streamSource(runtime: Runtime): StreamSource {
  return {
    exec: (containerID, o) => runtime.exec(runtimeId(containerID), o),
    openStdin: (containerID) => runtime.openStdin?.(runtimeId(containerID)),
    resize: (containerID, width, height) => runtime.resizeTerminal?.(runtimeId(containerID), width, height),
    sandbox(podUID) {
      const sb = runtime.listSandboxes().find((s) => s.config.uid === podUID && s.state === 'ready');
      return sb ? { id: sb.id, netnsPath: sb.netnsPath } : undefined;
    },
  };
}

export async function startKubeletApi(opts: KubeletApiOptions): Promise<KubeletServer> {
  const serving = await opts.servingCert({ hostnames: [opts.nodeName, 'localhost'], ips: [opts.nodeIP, '127.0.0.1'], commonName: opts.nodeName });
  return startKubeletServer({
    cert: serving.cert, key: serving.key, clientCA: opts.clientCA, port: opts.port, logs: logSource(opts), streams: streamSource(opts.runtime),
    log: opts.log,
  });
}
