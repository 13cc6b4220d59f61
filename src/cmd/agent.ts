/**
 * `navarch agent --server URL --token T`: joins this machine (or, with --simulate-nodes N, N
 * simulated nodes) to a running server. The token is the server's <data-dir>/node-token: the agent
 * sends it as a bearer token, and trusts the server's CA only if it matches the hash the token
 * carries (or the CA given with --server-ca).
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Clientset } from '../client/index.js';
import {
  fetchTrustedCA, parseNodeToken, startNodeAgent, startSimulatedNodes, type NodeAgent, type SimulatedNodes,
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
  const clientset = Clientset.fromCredentials({ url: flags.server, ca, token: token.raw });
  if (!flags.simulateNodes) {
    let node: NodeAgent;
    try {
      node = await startNodeAgent({
        clientset, dataDir: flags.dataDir ?? defaultDataDir(), nodeName: (flags.nodeName ?? hostname()).toLowerCase(),
        nodeIP: flags.nodeIP, clusterCIDR: flags.clusterCIDR, clusterDNS: flags.clusterDNS, clusterDomain: flags.clusterDomain,
        bridge: flags.cniBridge, log,
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
