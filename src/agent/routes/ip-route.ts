/**
 * The host side of the pod routes: reading, writing and deleting the routes marked with
 * POD_ROUTE_PROTO through `ip route` (and `bridge` for the overlay), in this process's network
 * namespace or (tests) a named one (`-n NAME`). Every command is bounded in time.
 */
import { execFile } from 'node:child_process';
import { parseRouteList, POD_ROUTE_PROTO, type InstalledRoute, type PodRoute } from './route-plan.js';

/** vxlan.ts's device (named here too: vxlan.ts imports this file). */
export const VXLAN_DEVICE_NAME = 'navarch.1';
const NETNS_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export interface IpResult { ok: boolean; stdout: string; stderr: string }

export class IpRoutes {
  constructor(readonly netns?: string) {
    if (netns !== undefined && !NETNS_RE.test(netns)) throw new Error(`Cannot use network namespace "${netns}": not a valid name`);
  }

  run(args: string[], tool: 'ip' | 'bridge' = 'ip'): Promise<IpResult> {
    const full = this.netns ? ['-n', this.netns, ...args] : args;
    return new Promise((resolve) => {
      execFile(tool, full, { timeout: 10_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
        resolve({ ok: !err, stdout, stderr: stderr.trim() || (err?.message ?? '') });
      });
    });
  }

  /** The routes in the main table marked as pod routes. */
  async list(): Promise<InstalledRoute[]> {
    const r = await this.run(['-4', '-o', 'route', 'show', 'table', 'main', 'proto', String(POD_ROUTE_PROTO)]);
    if (!r.ok) throw new Error(`Cannot read the pod routes: ${r.stderr}`);
    return parseRouteList(r.stdout);
  }

  /**
   * How this node reaches a node address: `direct` when it is a neighbour on a directly connected
   * network (host-gw works), `routed` through a gateway (an overlay is needed), `unreachable` when
   * there is no route (or it is one of this node's own addresses).
   */
  async reach(ip: string): Promise<'direct' | 'routed' | 'unreachable'> {
    const r = await this.run(['-4', '-o', 'route', 'get', ip]);
    if (!r.ok) return 'unreachable';
    const f = r.stdout.trim().split(/\s+/);
    if (f[0] === 'local' || f[0] === 'unreachable' || f[0] === 'prohibit' || f[0] === 'blackhole' || !f.includes('dev')) return 'unreachable';
    if (f.includes(VXLAN_DEVICE_NAME)) return 'unreachable';
    return f.includes('via') ? 'routed' : 'direct';
  }

  /** Adds or replaces `<cidr> via <ip>` (`dev <dev> onlink` for the overlay); throws with ip's message on failure. */
  async replace(route: PodRoute): Promise<void> {
    const dev = route.dev ? ['dev', route.dev, 'onlink'] : [];
    const r = await this.run(['-4', 'route', 'replace', route.cidr, 'via', route.via, ...dev, 'proto', String(POD_ROUTE_PROTO)]);
    if (!r.ok) throw new Error(`Cannot route ${route.cidr} via ${route.via} (node ${route.node}): ${r.stderr}`);
  }

  /** Deletes one pod route; a route already gone is not an error. */
  async remove(route: InstalledRoute): Promise<void> {
    const r = await this.run(['-4', 'route', 'del', route.cidr, 'proto', String(POD_ROUTE_PROTO)]);
    if (!r.ok && !/No such process|not found/i.test(r.stderr)) throw new Error(`Cannot remove the route to ${route.cidr}: ${r.stderr}`);
  }
}

/** Removes every pod route this host holds and the VXLAN device (agent stop, `navarch killall`); returns how many routes. */
export async function removePodRoutes(netns?: string): Promise<number> {
  const ip = new IpRoutes(netns);
  const routes = await ip.list();
  for (const r of routes) await ip.remove(r);
  const r = await ip.run(['link', 'del', VXLAN_DEVICE_NAME]);
  if (!r.ok && !/Cannot find device|does not exist/i.test(r.stderr)) throw new Error(`Cannot remove ${VXLAN_DEVICE_NAME}: ${r.stderr}`);
  return routes.length;
}
