/**
 * The VXLAN overlay for nodes that are not on this node's L2 segment (flannel's vxlan backend): one
 * device `navarch.1` (VNI 1, UDP 8472, no learning) whose address is this node's pod CIDR network
 * address (/32). For each remote node, a permanent neighbour entry maps the remote VTEP address (its
 * pod CIDR network address) to the remote VTEP MAC, and a forwarding entry sends that MAC to the
 * remote node's InternalIP; the pod route then goes `via <remote VTEP address> dev navarch.1 onlink`.
 * VTEP MACs are derived from node IPs (0a:58 + the four address bytes), so nodes need not publish them.
 */
import { canonicalCidr4 } from './route-plan.js';
import { VXLAN_DEVICE_NAME, type IpRoutes } from './ip-route.js';

export const VXLAN_DEVICE = VXLAN_DEVICE_NAME;
export const VXLAN_VNI = 1;
export const VXLAN_PORT = 8472;
/** VXLAN over IPv4 adds 50 bytes of headers. */
const VXLAN_OVERHEAD = 50;

export interface VxlanPeer { nodeIP: string; cidr: string }

/** The VTEP MAC of the node with this IPv4 address: locally administered, unicast. */
export function vtepMac(nodeIP: string): string {
  const bytes = nodeIP.split('.').map((x) => Number(x).toString(16).padStart(2, '0'));
  return ['0a', '58', ...bytes].join(':');
}

/** The VTEP address for a pod CIDR: its network address (`10.42.3.0/24` → `10.42.3.0`). */
export function vtepAddress(cidr: string): string {
  const c = canonicalCidr4(cidr);
  if (!c) throw new Error(`Cannot derive a VTEP address: ${cidr} is not an IPv4 CIDR`);
  return c.split('/')[0]!;
}

interface LinkJson { ifname?: string; mtu?: number; address?: string; linkinfo?: { info_kind?: string; info_data?: { id?: number; local?: string; port?: number } }; addr_info?: Array<{ local?: string; prefixlen?: number }> }

export class VxlanOverlay {
  constructor(private readonly ip: IpRoutes, private readonly self: { nodeIP: string; podCIDR: string }) {}

  private async json<T>(args: string[], tool: 'ip' | 'bridge' = 'ip'): Promise<T[]> {
    const r = await this.ip.run(['-j', ...args], tool);
    if (!r.ok) return [];
    try {
      return JSON.parse(r.stdout || '[]') as T[];
    } catch {
      return [];
    }
  }

  private async must(args: string[], tool: 'ip' | 'bridge' = 'ip'): Promise<void> {
    const r = await this.ip.run(args, tool);
    if (!r.ok) throw new Error(`Cannot set up the VXLAN overlay: ${tool} ${args.join(' ')}: ${r.stderr}`);
  }

  /** The MTU of the interface holding the node's address (1500 when not found). */
  private async underlayMtu(): Promise<number> {
    const links = await this.json<LinkJson>(['-4', 'addr', 'show']);
    return links.find((l) => l.addr_info?.some((a) => a.local === this.self.nodeIP))?.mtu ?? 1500;
  }

  /** Creates (or recreates, when its parameters differ) the device, with its MAC, MTU and address, up. */
  async ensure(): Promise<void> {
    const mac = vtepMac(this.self.nodeIP);
    const address = `${vtepAddress(this.self.podCIDR)}/32`;
    const [link] = await this.json<LinkJson>(['-d', 'link', 'show', 'dev', VXLAN_DEVICE]);
    const data = link?.linkinfo?.info_data;
    const fits = link && link.linkinfo?.info_kind === 'vxlan' && data?.id === VXLAN_VNI && data.local === this.self.nodeIP && data.port === VXLAN_PORT;
    if (link && !fits) await this.must(['link', 'del', VXLAN_DEVICE]);
    if (!fits) {
      await this.must(['link', 'add', VXLAN_DEVICE, 'type', 'vxlan', 'id', String(VXLAN_VNI), 'local', this.self.nodeIP,
        'dstport', String(VXLAN_PORT), 'nolearning']);
    }
    await this.must(['link', 'set', VXLAN_DEVICE, 'address', mac, 'mtu', String((await this.underlayMtu()) - VXLAN_OVERHEAD)]);
    const [addrs] = await this.json<LinkJson>(['-4', 'addr', 'show', 'dev', VXLAN_DEVICE]);
    for (const a of addrs?.addr_info ?? []) {
      if (`${a.local}/${a.prefixlen}` !== address) await this.must(['addr', 'del', `${a.local}/${a.prefixlen}`, 'dev', VXLAN_DEVICE]);
    }
    if (!addrs?.addr_info?.some((a) => `${a.local}/${a.prefixlen}` === address)) await this.must(['addr', 'add', address, 'dev', VXLAN_DEVICE]);
    await this.must(['link', 'set', VXLAN_DEVICE, 'up']);
  }

  /** Makes the neighbour and forwarding entries exactly those of `peers`. */
  async syncPeers(peers: readonly VxlanPeer[]): Promise<void> {
    const wantNeigh = new Map(peers.map((p) => [vtepAddress(p.cidr), vtepMac(p.nodeIP)]));
    const wantFdb = new Map(peers.map((p) => [vtepMac(p.nodeIP), p.nodeIP]));
    for (const n of await this.json<{ dst?: string; lladdr?: string }>(['neigh', 'show', 'dev', VXLAN_DEVICE])) {
      if (n.dst && wantNeigh.get(n.dst) !== n.lladdr) await this.ip.run(['neigh', 'del', n.dst, 'dev', VXLAN_DEVICE]);
    }
    for (const f of await this.json<{ mac?: string; dst?: string }>(['fdb', 'show', 'dev', VXLAN_DEVICE], 'bridge')) {
      if (f.mac && f.dst && wantFdb.get(f.mac) !== f.dst) await this.ip.run(['fdb', 'del', f.mac, 'dev', VXLAN_DEVICE, 'dst', f.dst], 'bridge');
    }
    for (const [mac, dst] of wantFdb) await this.must(['fdb', 'replace', mac, 'dev', VXLAN_DEVICE, 'dst', dst, 'self', 'permanent'], 'bridge');
    for (const [addr, mac] of wantNeigh) await this.must(['neigh', 'replace', addr, 'lladdr', mac, 'dev', VXLAN_DEVICE, 'nud', 'permanent']);
  }

  async exists(): Promise<boolean> {
    return (await this.json<LinkJson>(['link', 'show', 'dev', VXLAN_DEVICE])).length > 0;
  }

  /** Deletes the device (its routes, neighbours and forwarding entries go with it). */
  async remove(): Promise<void> {
    await removeVxlanDevice(this.ip);
  }
}

export async function removeVxlanDevice(ip: IpRoutes): Promise<void> {
  const r = await ip.run(['link', 'del', VXLAN_DEVICE]);
  if (!r.ok && !/Cannot find device|does not exist/i.test(r.stderr)) throw new Error(`Cannot remove ${VXLAN_DEVICE}: ${r.stderr}`);
}
