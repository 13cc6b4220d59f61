/**
 * What the pod routes between nodes should be (flannel's host-gw backend): for every other node with
 * a pod CIDR and an InternalIP, `<podCIDR> via <InternalIP>`; and how to get there from the routes
 * the kernel holds under our protocol number. Pure functions; the host side is ip-route.ts.
 */

/** The routing protocol number marking the pod routes between nodes (the proxy's /32 routes use 78). */
export const POD_ROUTE_PROTO = 79;

/** The parts of a Node the routes depend on. */
export interface NodeRouteView {
  metadata: { name?: string; deletionTimestamp?: string };
  spec?: { podCIDR?: string; podCIDRs?: string[]; providerID?: string };
  status?: { addresses?: Array<{ type?: string; address?: string }> };
}

export interface PodRoute {
  /** The other node's pod CIDR, canonical (`10.42.1.0/24`). */
  cidr: string;
  /** The next hop: the other node's InternalIP (host-gw), or its VTEP address on `dev` (overlay). */
  via: string;
  node: string;
  /** The overlay device, for routes through it. */
  dev?: string;
}

/** A route found in the kernel under POD_ROUTE_PROTO. */
export interface InstalledRoute { cidr: string; via?: string; dev?: string }

function parseIPv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** An IPv4 CIDR with its host bits cleared (`10.42.1.7/24` → `10.42.1.0/24`); undefined if not one. */
export function canonicalCidr4(s: string): string | undefined {
  const [ip, bitsText, extra] = s.trim().split('/');
  if (extra !== undefined || ip === undefined || bitsText === undefined || !/^\d{1,2}$/.test(bitsText)) return undefined;
  const base = parseIPv4(ip);
  const bits = Number(bitsText);
  if (base === undefined || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return `${formatIPv4((base & mask) >>> 0)}/${bits}`;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== undefined;
}

function internalIPv4(node: NodeRouteView): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP' && a.address && isIPv4(a.address))?.address;
}

function podCIDRv4(node: NodeRouteView): string | undefined {
  for (const c of [node.spec?.podCIDR, ...(node.spec?.podCIDRs ?? [])]) {
    const canonical = c ? canonicalCidr4(c) : undefined;
    if (canonical) return canonical;
  }
  return undefined;
}

export interface Self { nodeName: string; nodeIP: string; podCIDR: string }

/**
 * The routes this node needs: one per other node that has an IPv4 pod CIDR and InternalIP. Skipped:
 * this node, nodes being deleted, simulated nodes (providerID simulated://: no packets to route),
 * nodes claiming this node's own CIDR or next hop (a misconfiguration that must not hijack local
 * traffic), and a second node claiming a CIDR already routed (the first by name wins, so every node
 * picks the same one).
 */
export function desiredRoutes(nodes: readonly NodeRouteView[], self: Self): PodRoute[] {
  const own = canonicalCidr4(self.podCIDR);
  const byCidr = new Map<string, PodRoute>();
  const sorted = [...nodes].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  for (const node of sorted) {
    const name = node.metadata.name ?? '';
    if (name === self.nodeName || node.metadata.deletionTimestamp || node.spec?.providerID?.startsWith('simulated://')) continue;
    const cidr = podCIDRv4(node);
    const via = internalIPv4(node);
    if (!cidr || !via || cidr === own || via === self.nodeIP || byCidr.has(cidr)) continue;
    byCidr.set(cidr, { cidr, via, node: name });
  }
  return [...byCidr.values()];
}

/** Parses `ip -4 -o route show proto 79` (one route a line: `10.42.1.0/24 via 192.0.2.3 dev eth0 …`). */
export function parseRouteList(text: string): InstalledRoute[] {
  const out: InstalledRoute[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (!f[0]) continue;
    const dst = f[0] === 'unicast' ? f[1] : f[0];
    const cidr = dst === undefined ? undefined : canonicalCidr4(dst.includes('/') ? dst : `${dst}/32`);
    if (!cidr) continue;
    const via = f.indexOf('via');
    const dev = f.indexOf('dev');
    out.push({ cidr, ...(via > 0 && f[via + 1] ? { via: f[via + 1] } : {}), ...(dev > 0 && f[dev + 1] ? { dev: f[dev + 1] } : {}) });
  }
  return out;
}

export interface RouteChanges { add: PodRoute[]; remove: InstalledRoute[] }

/** Routes to (re)write — missing, or with another next hop or device — and installed ones no node wants any more. */
export function routeChanges(desired: readonly PodRoute[], installed: readonly InstalledRoute[]): RouteChanges {
  const have = new Map(installed.map((r) => [r.cidr, r]));
  const want = new Set(desired.map((r) => r.cidr));
  return {
    add: desired.filter((r) => have.get(r.cidr)?.via !== r.via || (r.dev !== undefined && have.get(r.cidr)?.dev !== r.dev)),
    remove: installed.filter((r) => !want.has(r.cidr)),
  };
}
