/**
 * `navarch up`: the server and this machine's node in one process — or, with --simulate-nodes N,
 * N simulated nodes instead of this host's node. Either way the node token is written to
 * <data-dir>/node-token so that `navarch agent --token …` can join more nodes.
 */
import { hostname } from 'node:os';
import { Clientset, componentUserAgent } from '../client/index.js';
import {
  ensureNodeToken, loadNodeTemplate, loadSimulationConfig, parseLabels, parseTaints, startNodeAgent, startSimulatedNodes,
  type NodeAgent, type NodeTemplate, type SimulatedNodes, type SimulationConfig,
} from '../agent/index.js';
import { clusterDnsAddress, defaultDataDir, runServer, type ServerFlags } from './server.js';

export { ensureNodeToken } from '../agent/index.js';

/** The flags shared by `navarch up` and `navarch agent` that describe simulated nodes. */

export interface SimulationFlags {
  /** How many simulated nodes to run (0: none). */
  simulateNodes?: number;
  /** A Node-shaped YAML file: labels, annotations, taints, capacity, allocatable. */
  nodeTemplate?: string;
  /** A YAML file of SimulationConfig knobs. */
  simulationConfig?: string;
  /** Extra labels `k=v,…` and taints `k=v:Effect,…` for every simulated node. */
  nodeLabels?: string;
  nodeTaints?: string;
}

export function simulationSetup(f: SimulationFlags): { template: NodeTemplate; config: SimulationConfig } {
  const template = loadNodeTemplate(f.nodeTemplate);
  Object.assign(template.labels, parseLabels(f.nodeLabels));
  const taints = parseTaints(f.nodeTaints);
  template.taints = [...template.taints.filter((t) => !taints.some((x) => x.key === t.key && x.effect === t.effect)), ...taints];
  return { template, config: loadSimulationConfig(f.simulationConfig) };
}

/** The flags of a real node (navarch up, navarch agent). */
export interface NodeFlags {
  nodeName?: string;
  nodeIP?: string;
  clusterDNS?: string;
  clusterDomain?: string;
  cniBridge?: string;
  /** The kubelet API's port (default 10250; 0 picks a free one). */
  kubeletPort?: number;
}

export interface UpFlags extends ServerFlags, SimulationFlags, NodeFlags {}

export interface RunningUp {
  url: string;
  kubeconfigPath: string;
  nodeToken: string;
  simulated?: SimulatedNodes;
  node?: NodeAgent;
  stop(): Promise<void>;
}

export async function runUp(flags: UpFlags, log: (line: string) => void): Promise<RunningUp> {
  const dataDir = flags.dataDir ?? defaultDataDir();
  const setup = flags.simulateNodes ? simulationSetup(flags) : undefined;
  const api = await runServer({ ...flags, dataDir }, log);
  const nodeToken = ensureNodeToken(dataDir, api);
  log(`node token: ${dataDir}/node-token`);
  let simulated: SimulatedNodes | undefined;
  let clientset: Clientset | undefined;
  if (setup && flags.simulateNodes) {
    clientset = Clientset.fromCredentials({ url: api.url, ca: api.pki.caCert, token: nodeToken, userAgent: componentUserAgent('kubelet') });
    try {
      simulated = await startSimulatedNodes({
        clientset, count: flags.simulateNodes, template: setup.template, config: setup.config, numbering: 'fixed', log,
      });
    } catch (err) {
      clientset.close();
      await api.stop();
      throw err;
    }
    log(`simulated nodes: ${describe(simulated.names)} registered`);
  }
  let node: NodeAgent | undefined;
  if (!simulated) {
    const nodeName = (flags.nodeName ?? hostname()).toLowerCase();
    const id = await api.pki.issueClientCert(`system:node:${nodeName}`, ['system:nodes']);
    clientset = Clientset.fromCredentials({ url: api.url, ca: api.pki.caCert, cert: id.cert, key: id.key, userAgent: componentUserAgent('kubelet') });
    try {
      node = await startNodeAgent({
        clientset, dataDir, nodeName, nodeIP: flags.nodeIP, clusterCIDR: flags.clusterCIDR, serviceCIDR: flags.serviceCIDR,
        clusterDNS: clusterDnsAddress(flags),
        clusterDomain: flags.clusterDomain, bridge: flags.cniBridge, controlPlane: true, log,
        clientCA: api.pki.caCert, kubeletServingCert: (names) => api.pki.issueServingCert(names), kubeletPort: flags.kubeletPort,
      });
    } catch (err) {
      clientset.close();
      await api.stop();
      throw err;
    }
  }
  return {
    url: api.url,
    kubeconfigPath: api.kubeconfigPath,
    nodeToken,
    simulated,
    node,
    async stop() {
      await simulated?.stop();
      await node?.stop();
      clientset?.close();
      await api.stop();
    },
  };
}

export function describe(names: string[]): string {
  if (names.length <= 4) return names.join(', ');
  return `${names.length} nodes (${names[0]} … ${names[names.length - 1]})`;
}
