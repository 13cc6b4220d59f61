/**
 * NetworkPolicy enforcement on a node (networking.k8s.io/v1, Kubernetes' semantics): for each pod
 * running here that a policy isolates, a chain of iptables rules keyed by its address decides what
 * it may receive and send; replies of allowed connections, traffic from the node itself and a
 * pod's traffic to itself always pass. The enforcer follows pods, namespaces and policies through
 * informers and rewrites only its own chains, atomically, when what they should hold changes.
 */
export { NetworkPolicyEnforcer, removeNetworkPolicyRules, type NetworkPolicyEnforcerOptions } from './enforcer.js';
export { iptablesRunner, type IptablesRunner, type IptablesRunnerOptions } from './iptables-runner.js';
export { DISPATCH_CHAIN as NETWORK_POLICY_CHAIN, type Ruleset } from './ruleset.js';
