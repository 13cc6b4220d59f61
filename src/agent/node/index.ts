/**
 * This host as a Node: its facts (cores, memory, disk, addresses, node info), the Node object the
 * kubelet would write, and the registration, Lease and status heartbeat.
 */
export { hostFacts, resources, primaryIPv4, type HostFacts } from './host-facts.js';
export { buildRealNode, freePodCIDR, nodeStatus, type NodeImage, type NodeSpecInput } from './node-object.js';
export { NodeHeartbeat, type NodeHeartbeatOptions } from './node-heartbeat.js';
