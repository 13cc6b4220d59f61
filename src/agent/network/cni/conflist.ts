/**
 * The CNI network configuration list of a navarch node: the bridge plugin (host-local IPAM over the
 * node's pod CIDR, the bridge as the pods' default gateway, hairpin mode for pods reaching themselves
 * through a service) followed by portmap for hostPorts. Masquerading is not the bridge plugin's
 * (it would also masquerade pod-to-pod traffic to other nodes): host-rules.ts does it outside the
 * cluster CIDR. Also a standalone loopback configuration for each pod's `lo`.
 */
import { parseIPv4Cidr } from './cidr.js';

export const CNI_VERSION = '1.0.0';

export interface PluginConf {
  type: string;
  capabilities?: Record<string, boolean>;
  [field: string]: unknown;
}

export interface NetworkConfigList {
  cniVersion: string;
  name: string;
  plugins: PluginConf[];
}

/** A single network configuration (one plugin). */
export interface NetworkConfig extends PluginConf {
  cniVersion: string;
  name: string;
}

export interface ConflistParams {
  networkName: string;
  bridge: string;
  podCIDR: string;
  ipamDataDir: string;
  mtu?: number;
  cniVersion?: string;
}

export function buildConflist(p: ConflistParams): NetworkConfigList {
  const pod = parseIPv4Cidr(p.podCIDR);
  const bridge: PluginConf = {
    type: 'bridge',
    bridge: p.bridge,
    isGateway: true,
    ipMasq: false,
    hairpinMode: true,
    ...(p.mtu !== undefined ? { mtu: p.mtu } : {}),
    ipam: {
      type: 'host-local',
      ranges: [[{ subnet: pod.text }]],
      routes: [{ dst: '0.0.0.0/0' }],
      dataDir: p.ipamDataDir,
    },
  };
  const portmap: PluginConf = { type: 'portmap', capabilities: { portMappings: true }, snat: true };
  return { cniVersion: p.cniVersion ?? CNI_VERSION, name: p.networkName, plugins: [bridge, portmap] };
}

export function loopbackConfig(cniVersion = CNI_VERSION): NetworkConfig {
  return { cniVersion, name: 'cni-loopback', type: 'loopback' };
}

/** Plugin types a configuration list needs (IPAM plugins included). */
export function pluginTypes(list: NetworkConfigList): string[] {
  const out = new Set<string>();
  for (const p of list.plugins) {
    out.add(p.type);
    const ipam = p.ipam as { type?: unknown } | undefined;
    if (ipam && typeof ipam.type === 'string' && ipam.type !== '') out.add(ipam.type);
  }
  return [...out];
}
