/**
 * Simulated nodes (kwok-like): Node objects with leases and heartbeats, and a driver that moves the
 * pods bound to them through Pending → Running → Succeeded/Failed and through graceful deletion,
 * with no process behind any of it. What `navarch up --simulate-nodes N` and `navarch agent
 * --simulate-nodes N` run; scheduling and controllers are tested at scale on these.
 */
export { startSimulatedNodes, type SimulatedNodes, type SimulatedNodesOptions } from './simulated-nodes.js';
export {
  loadSimulationConfig, parseSimulationConfig, loadNodeTemplate, parseNodeTemplate, parseTaints, parseLabels,
  DEFAULT_SIMULATION, DEFAULT_CAPACITY, RUNTIME_SECONDS_ANNOTATION, EXIT_CODE_ANNOTATION, type SimulationConfig, type NodeTemplate,
} from './config.js';
export {
  buildNode, buildLease, nodeName, nodeIP, podCIDR, nodeConditions, now, microNow, KUBELET_VERSION, NODE_LEASE_NAMESPACE,
} from './node-object.js';
export {
  ensureNodeToken, parseNodeToken, caHash, cacertsHandler, fetchTrustedCA, NODE_TOKEN_FILE, NODE_USER,
  type NodeToken, type TokenRegistry,
} from './node-token.js';
export { WorkQueue } from './work-queue.js';
export type { NodeObject, NodeCondition, PodObject, LeaseObject, Taint } from './types.js';
