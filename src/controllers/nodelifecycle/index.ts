/**
 * Node lifecycle: the node lifecycle controller, which watches nodes' heartbeats (their Ready
 * condition and their Lease in kube-node-lease), marks silent nodes Unknown and their pods not
 * Ready, and keeps the node taints that follow node health and cordoning; and the taint eviction
 * controller, which deletes pods from nodes with NoExecute taints they do not tolerate, after
 * their tolerationSeconds.
 */
export { NodeLifecycleController, type NodeLifecycleOptions } from './node-lifecycle-controller.js';
export { TaintEvictionController, type TaintEvictionOptions } from './taint-eviction-controller.js';
export {
  TAINT_NOT_READY, TAINT_UNREACHABLE, TAINT_UNSCHEDULABLE, TAINT_MEMORY_PRESSURE, TAINT_DISK_PRESSURE, TAINT_PID_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
} from './taints.js';
export { NODE_LEASE_NAMESPACE } from './types.js';
