/**
 * The node agent's pod networking, through the CNI plugins (`cni/`): each pod
 * sandbox's network namespace joined to the node's bridge with an address from its pod CIDR,
 * hostPorts, and masquerading of traffic leaving the cluster. Service proxying (proxy/), network
 * policy (netpol/) and cluster DNS (dns/) are folders of their own.
 */
export {
  PodNetwork, POD_INTERFACE, CniPluginError, DEFAULT_CNI_BIN_DIRS,
  type PodNetworkOptions, type PodNetworkRequest, type PodNetworkStatus, type PortMapping, type PortProtocol,
} from './cni/index.js';
