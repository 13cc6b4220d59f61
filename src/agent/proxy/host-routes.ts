/**
 * Routes for the service CIDR. An unreachable route covers the whole CIDR, so a packet to a service
 * IP that no Service has fails at once and never leaves the node. Because the node's own connections
 * look their route up before nat OUTPUT can DNAT them, each ClusterIP in use also gets a /32 route
 * (protocol 78, which marks the proxy's routes) on the pod bridge: the node's traffic then reaches
 * nat OUTPUT, and after DNAT it is routed to the endpoint. Also route_localnet, which NodePorts on
 * 127.0.0.1 need.
 */
import type { HostExec } from './host-exec.js';
import { parseCidr4 } from './ipv4.js';

/** The routing protocol number that marks the proxy's /32 routes. */
export const ROUTE_PROTO = 78;

export interface RouteState { unreachable: boolean; hostRoutes: Map<string, string> }

/** Reads the main table: whether the CIDR's unreachable route is there, and the proxy's /32 routes (ip → device). */
export async function readRoutes(exec: HostExec, serviceCIDR: string): Promise<RouteState> {
  const cidr = parseCidr4(serviceCIDR).text;
  const r = await exec.run('ip', ['-4', '-o', 'route', 'show', 'table', 'main']);
  if (!r.ok) throw new Error(`Cannot read the routing table: ${r.stderr}`);
  const hostRoutes = new Map<string, string>();
  let unreachable = false;
  for (const line of r.stdout.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'unreachable' && (f[1] === cidr || `${f[1]}/32` === cidr)) unreachable = true;
    const proto = f.indexOf('proto');
    if (proto > 0 && f[proto + 1] === String(ROUTE_PROTO)) {
      const dev = f.indexOf('dev');
      hostRoutes.set((f[0] ?? '').replace(/\/32$/, ''), dev > 0 ? f[dev + 1] ?? '' : '');
    }
  }
  return { unreachable, hostRoutes };
}

export interface RouteSyncResult { added: number; removed: number; warning?: string }

/**
 * Makes the routes match: the unreachable route for the CIDR, and a /32 route on `device` for
 * each of `clusterIPs` (others of the proxy's removed). A missing device is a warning, not an error:
 * the node's own traffic to ClusterIPs waits for the pod bridge; pods are not affected.
 */
export async function syncServiceRoutes(exec: HostExec, serviceCIDR: string, clusterIPs: ReadonlySet<string>, device: string): Promise<RouteSyncResult> {
  const cidr = parseCidr4(serviceCIDR).text;
  const state = await readRoutes(exec, cidr);
  const lines: string[] = [];
  if (!state.unreachable) lines.push(`route replace unreachable ${cidr}`);
  let removed = 0;
  for (const [ip, dev] of state.hostRoutes) {
    if (clusterIPs.has(ip) && dev === device) continue;
    lines.push(`route del ${ip}/32 proto ${ROUTE_PROTO}${dev ? ` dev ${dev}` : ''}`);
    removed++;
  }
  let warning: string | undefined;
  const adds: string[] = [];
  for (const ip of clusterIPs) if (state.hostRoutes.get(ip) !== device) adds.push(`route replace ${ip}/32 dev ${device} proto ${ROUTE_PROTO} scope link`);
  if (adds.length) {
    const exists = await exec.run('ip', ['link', 'show', 'dev', device]);
    if (exists.ok) {
      lines.push(...adds);
      await noRedirects(exec, device);
    } else {
      warning = `the node reaches ClusterIPs once ${device} exists (it does not yet)`;
    }
  }
  if (lines.length) {
    const r = await exec.run('ip', ['-force', '-batch', '-'], { input: `${lines.join('\n')}\n` });
    if (!r.ok) throw new Error(`Cannot set up the service routes: ${r.stderr}`);
  }
  return { added: warning ? 0 : adds.length, removed, warning };
}

/**
 * A pod's packet to a ClusterIP that is not DNATed (no endpoints) is routed back out the bridge it
 * came in by, and REJECTed there. The kernel would first send the pod an ICMP redirect, which also
 * spends the pod's ICMP rate-limit tokens, so the port-unreachable that REJECT sends next is
 * suppressed and the pod waits instead of being refused. Service IPs are never on the bridge's
 * link, so a redirect is wrong anyway. The kernel sends redirects when the device's setting OR
 * "all" says so: both are turned off (as hardening guides recommend for hosts that route).
 */
async function noRedirects(exec: HostExec, device: string): Promise<void> {
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(device)) return;
  for (const conf of ['all', device]) {
    const path = `/proc/sys/net/ipv4/conf/${conf}/send_redirects`;
    if ((await exec.readSysctl(path)) !== '0') await exec.writeSysctl(path, '0');
  }
}

/** Removes the proxy's /32 routes and the service CIDR's unreachable route. */
export async function removeServiceRoutes(exec: HostExec, serviceCIDR: string): Promise<void> {
  const cidr = parseCidr4(serviceCIDR).text;
  const state = await readRoutes(exec, cidr);
  const lines = [...state.hostRoutes.keys()].map((ip) => `route del ${ip}/32 proto ${ROUTE_PROTO}`);
  if (state.unreachable) lines.push(`route del unreachable ${cidr}`);
  if (!lines.length) return;
  const r = await exec.run('ip', ['-force', '-batch', '-'], { input: `${lines.join('\n')}\n` });
  if (!r.ok) throw new Error(`Cannot remove the service routes: ${r.stderr}`);
}

const ROUTE_LOCALNET = '/proc/sys/net/ipv4/conf/all/route_localnet';

/** Lets packets from 127.0.0.1 be DNATed out of the node (NodePorts on localhost); a warning if it cannot. */
export async function ensureRouteLocalnet(exec: HostExec): Promise<string | undefined> {
  if ((await exec.readSysctl(ROUTE_LOCALNET)) === '1') return undefined;
  if (await exec.writeSysctl(ROUTE_LOCALNET, '1')) return undefined;
  return 'NodePorts are not reachable on 127.0.0.1 (cannot set net.ipv4.conf.all.route_localnet)';
}
