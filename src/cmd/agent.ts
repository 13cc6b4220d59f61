/**
 * `navarch agent --server URL --token T`: joins this machine (or, with --simulate-nodes N, N
 * simulated nodes) to a running server. The token is the server's <data-dir>/node-token: the agent
 * sends it as a bearer token, and trusts the server's CA only if it matches the hash the token
 * carries (or the CA given with --server-ca). The node's kubelet API serves a certificate the server
 * signs for it (POST /v1-navarch/serving-kubelet.crt with the node token), so `kubectl logs` and
 * `exec` reach pods on agent nodes over verified TLS.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Clientset, componentUserAgent } from '../client/index.js';
import {
  fetchTrustedCA, parseNodeToken, servingCertFromServer, startNodeAgent, startSimulatedNodes, type NodeAgent, type SimulatedNodes,
} from '../agent/index.js';
import { defaultDataDir } from './server.js';
import { describe, simulationSetup, type NodeFlags, type SimulationFlags } from './up.js';

export interface AgentFlags extends SimulationFlags, NodeFlags {
  server?: string;
  token?: string;
  /** A PEM file to trust instead of fetching /cacerts. */
  serverCa?: string;
  dataDir?: string;
  clusterCIDR?: string;
}

export interface RunningAgent {
  simulated?: SimulatedNodes;
  node?: NodeAgent;
  stop(): Promise<void>;
}

export async function runAgent(flags: AgentFlags, log: (line: string) => void): Promise<RunningAgent> {
  if (!flags.server) throw new Error('Cannot run navarch agent: --server URL is required');
  if (!flags.token) throw new Error('Cannot run navarch agent: --token is required (the server\'s <data-dir>/node-token)');
  const token = parseNodeToken(flags.token);
  const ca = flags.serverCa ? readFileSync(flags.serverCa, 'utf8') : await fetchTrustedCA(flags.server, token);
  const clientset = Clientset.fromCredentials({ url: flags.server, ca, token: token.raw, userAgent: componentUserAgent('kubelet') });
  if (!flags.simulateNodes) {
    let node: NodeAgent;
    const nodeName = (flags.nodeName ?? hostname()).toLowerCase();
    try {
      node = await startNodeAgent({
        clientset, dataDir: flags.dataDir ?? defaultDataDir(), nodeName,
        nodeIP: flags.nodeIP, clusterCIDR: flags.clusterCIDR, clusterDNS: flags.clusterDNS, clusterDomain: flags.clusterDomain,
        bridge: flags.cniBridge, log,
        // The kubelet API: a serving certificate the server signs with the cluster CA (asked for with
        // the node token), admitting clients the cluster CA signed (the API server's kubelet client).
        kubeletServingCert: servingCertFromServer({ server: flags.server, ca, token: token.raw }, nodeName),
        clientCA: ca, kubeletPort: flags.kubeletPort,
      });
    } catch (err) {
      clientset.close();
      throw err;
    }
    log(`navarch agent: node ${node.nodeName} joined ${flags.server}`);
    return {
      node,
      async stop() {
        await node.stop();
        clientset.close();
      },
    };
  }
  const setup = simulationSetup(flags);
  let simulated: SimulatedNodes;
  try {
    simulated = await startSimulatedNodes({
      clientset, count: flags.simulateNodes, template: setup.template, config: setup.config, numbering: 'free', log,
    });
  } catch (err) {
    clientset.close();
    throw err;
  }
  log(`navarch agent: simulated nodes ${describe(simulated.names)} joined ${flags.server}`);
  return {
    simulated,
    async stop() {
      await simulated.stop();
      clientset.close();
    },
  };
}
