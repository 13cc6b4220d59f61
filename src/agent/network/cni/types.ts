/**
 * The vocabulary of pod networking through CNI: what the agent configures per node
 * (PodNetworkOptions), what it asks per pod sandbox (PodNetworkRequest, PortMapping) and what it gets
 * back (PodNetworkStatus).
 */

export interface PodNetworkOptions {
  /** State lives under `<dataDir>/cni`: the conflist, host-local IPAM leases, cached ADD results. */
  dataDir: string;
  /** This node's pod range (spec.podCIDR), e.g. 10.42.0.0/24. Pod IPs come from it. */
  podCIDR: string;
  /** The whole cluster's pod range, e.g. 10.42.0.0/16: traffic inside it is never masqueraded. */
  clusterCIDR: string;
  /** Linux bridge the pods attach to; default 'cni0' (k3s' name). */
  bridge?: string;
  /** CNI network name; default 'navarch'. Names the IPAM directory and portmap's iptables rules. */
  networkName?: string;
  mtu?: number;
  /** Where the plugin binaries are looked up, in order; default ['/usr/lib/cni', '/opt/cni/bin']. */
  cniBinDirs?: string[];
  /** Time limit of one plugin run; default 60 s. */
  pluginTimeoutMs?: number;
}

export type PortProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface PortMapping {
  hostPort: number;
  containerPort: number;
  protocol: PortProtocol;
  hostIP?: string;
}

export interface PodNetworkRequest {
  sandboxId: string;
  /** The pod's network namespace: a bind-mounted nsfs file (as `ip netns add` makes). */
  netnsPath: string;
  name: string;
  namespace: string;
  uid: string;
  portMappings?: PortMapping[];
}

export interface PodNetworkStatus {
  /** Pod addresses without prefix length, e.g. ['10.42.0.5']. */
  ips: string[];
  /** The pod's default gateway: the bridge's address. */
  gateway?: string;
  /** The pod's interface inside its namespace ('eth0'). */
  interfaceName: string;
}
