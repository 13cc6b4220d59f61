/**
 * The service proxy: kube-proxy's iptables mode in the node agent. Services and EndpointSlices
 * become nat rules that DNAT ClusterIPs, NodePorts, external IPs and load balancer IPs to endpoints
 * (random spread, ClientIP affinity, Local traffic policies, hairpin masquerade) and filter rules
 * that REJECT ports without endpoints; an unreachable route covers the service CIDR. The rule
 * builder is pure; the applier writes only the proxy's own chains with iptables-restore, and only
 * those that changed; ServiceProxy keeps it all in step with the API through informers.
 */
export { ServiceProxy, uninstallServiceProxy, SERVICES, ENDPOINT_SLICES, type ServiceProxyOptions, type SyncStats } from './service-proxy.js';
export { buildProxyRules, buildRules, type ProxyRules, type RuleOptions, type TableRules } from './rule-builder.js';
export { rulesText, planRestore, type RestorePlan } from './restore-text.js';
export { IptablesApplier, type ApplyResult } from './iptables-applier.js';
export { buildModel, servicePortName } from './service-model.js';
export { CHAIN, isProxyChain, portChain, endpointChain } from './chain-names.js';
export { JUMPS, type Jump } from './jumps.js';
export { hostExec, type HostExec } from './host-exec.js';
export { ROUTE_PROTO } from './host-routes.js';
export { benchServiceProxy, type ProxyBenchResult, type ProxyBenchOptions } from './bench.js';
export type { Service, EndpointSlice, ServicePortInfo, ProxyEndpoint, Protocol } from './types.js';
