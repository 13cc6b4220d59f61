/**
 * Pod networking through CNI: runs the standard plugins (bridge, host-local, portmap, loopback from
 * Debian's containernetworking-plugins) per the CNI 1.0 specification to give each pod sandbox an
 * address from the node's pod CIDR on a bridge, its hostPorts, and masquerading outside the cluster.
 */
export { PodNetwork, POD_INTERFACE } from './pod-network.js';
export type { PodNetworkOptions, PodNetworkRequest, PodNetworkStatus, PortMapping, PortProtocol } from './types.js';
export { CniPluginError } from './plugin-error.js';
export { DEFAULT_CNI_BIN_DIRS } from './plugin-finder.js';
