/**
 * The node agent: what runs pods on a node — the real one (startNodeAgent: runc containers on a CNI
 * bridge, images, volumes, probes, cluster DNS, network policy) and the simulated nodes (no processes, for testing scheduling
 * and controllers at scale).
 */
export { startNodeAgent, type NodeAgent, type NodeAgentOptions } from './node-agent.js';
export { resetNode, readNodeRecord, type NodeRecord } from './reset-node.js';
export { kubeDnsBootstrapObject, runDnsBench } from './dns/index.js';
export { KUBELET_SERVING_CERT_PATH, kubeletServingCertHandler, servingCertFromServer } from './kubelet-cert/index.js';
export {
  startSimulatedNodes, loadSimulationConfig, loadNodeTemplate, parseTaints, parseLabels, ensureNodeToken,
  parseNodeToken, fetchTrustedCA, cacertsHandler, NODE_TOKEN_FILE,
  type SimulatedNodes, type SimulatedNodesOptions, type SimulationConfig, type NodeTemplate, type NodeToken,
} from './simulated-nodes/index.js';
