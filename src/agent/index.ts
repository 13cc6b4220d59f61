/**
 * The node agent: what runs pods on a node. For now the simulated nodes (no processes, for testing
 * scheduling and controllers at scale); image handling and the runc runtime live beside it and are
 * reached through their own index files until the real agent is assembled here.
 */
export {
  startSimulatedNodes, loadSimulationConfig, loadNodeTemplate, parseTaints, parseLabels, ensureNodeToken,
  parseNodeToken, fetchTrustedCA, cacertsHandler, NODE_TOKEN_FILE,
  type SimulatedNodes, type SimulatedNodesOptions, type SimulationConfig, type NodeTemplate, type NodeToken,
} from './simulated-nodes/index.js';
