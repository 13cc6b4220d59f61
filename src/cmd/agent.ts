/**
 * `navarch agent --server URL --token T`: joins nodes to a running server. The token is the
 * server's <data-dir>/node-token: the agent sends it as a bearer token, and trusts the server's
 * CA only if it matches the hash the token carries (or the CA given with --server-ca). So far
 * only simulated nodes (--simulate-nodes N) can join.
 */
import { readFileSync } from 'node:fs';
import { Clientset } from '../client/index.js';
import { fetchTrustedCA, parseNodeToken, startSimulatedNodes, type SimulatedNodes } from '../agent/index.js';
import { describe, simulationSetup, type SimulationFlags } from './up.js';

export interface AgentFlags extends SimulationFlags {
  server?: string;
  token?: string;
  /** A PEM file to trust instead of fetching /cacerts. */
  serverCa?: string;
}

export interface RunningAgent {
  simulated: SimulatedNodes;
  stop(): Promise<void>;
}

export async function runAgent(flags: AgentFlags, log: (line: string) => void): Promise<RunningAgent> {
  if (!flags.server) throw new Error('Cannot run navarch agent: --server URL is required');
  if (!flags.token) throw new Error('Cannot run navarch agent: --token is required (the server\'s <data-dir>/node-token)');
  if (!flags.simulateNodes || flags.simulateNodes < 1) {
    throw new Error('Cannot run navarch agent: only simulated nodes can join so far; pass --simulate-nodes N');
  }
  const setup = simulationSetup(flags);
  const token = parseNodeToken(flags.token);
  const ca = flags.serverCa ? readFileSync(flags.serverCa, 'utf8') : await fetchTrustedCA(flags.server, token);
  const clientset = Clientset.fromCredentials({ url: flags.server, ca, token: token.raw });
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
