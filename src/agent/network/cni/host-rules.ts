/**
 * What a node needs around the CNI plugins: forwarding enabled (ip_forward, bridged traffic seen by
 * iptables), masquerading of pod traffic that leaves the cluster CIDR (one chain per network in the
 * nat table; pod-to-pod traffic keeps its source address, as flannel does in k3s), forwarding of pod
 * traffic accepted even where the FORWARD policy is DROP, and an unreachable route for the cluster
 * CIDR so traffic to pod addresses that exist nowhere never leaves the host. Every rule carries a
 * comment naming the network, and `removeHostRules` takes them all away again.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile, writeFile, access } from 'node:fs/promises';

export interface HostRulesParams {
  networkName: string;
  podCIDR: string;
  clusterCIDR: string;
}

export function chainNames(networkName: string): { masquerade: string; forward: string } {
  const h = createHash('sha256').update(networkName).digest('hex').slice(0, 12);
  return { masquerade: `NAVARCH-MASQ-${h}`, forward: `NAVARCH-FWD-${h}` };
}

function run(file: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 30_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      resolve({ ok: !error, out: stdout, err: stderr.trim() || (error?.message ?? '') });
    });
  });
}

async function iptables(table: string, args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  return run('iptables', ['-w', '5', '-t', table, ...args]);
}

async function mustIptables(table: string, args: string[]): Promise<void> {
  const r = await iptables(table, args);
  if (!r.ok) throw new Error(`Cannot set up pod network rules: iptables -t ${table} ${args.join(' ')}: ${r.err}`);
}

/** Makes `chain` hold exactly `rules`. */
async function syncChain(table: string, chain: string, rules: string[][]): Promise<void> {
  const exists = (await iptables(table, ['-n', '-L', chain])).ok;
  if (!exists) await mustIptables(table, ['-N', chain]);
  await mustIptables(table, ['-F', chain]);
  for (const r of rules) await mustIptables(table, ['-A', chain, ...r]);
}

async function ensureJump(table: string, parent: string, comment: string, chain: string): Promise<void> {
  const rule = ['-m', 'comment', '--comment', comment, '-j', chain];
  if ((await iptables(table, ['-C', parent, ...rule])).ok) return;
  await mustIptables(table, ['-A', parent, ...rule]);
}

async function removeChain(table: string, parent: string, comment: string, chain: string): Promise<void> {
  const rule = ['-m', 'comment', '--comment', comment, '-j', chain];
  for (let i = 0; i < 10 && (await iptables(table, ['-D', parent, ...rule])).ok; i++);
  if (!(await iptables(table, ['-n', '-L', chain])).ok) return;
  await iptables(table, ['-F', chain]);
  const r = await iptables(table, ['-X', chain]);
  if (!r.ok) throw new Error(`Cannot remove iptables chain ${chain}: ${r.err}`);
}

const comments = (name: string) => ({
  masquerade: `navarch pod network ${name}: masquerade traffic leaving the cluster`,
  forward: `navarch pod network ${name}: forward pod traffic`,
});

export async function ensureHostRules(p: HostRulesParams): Promise<void> {
  const chains = chainNames(p.networkName);
  const c = comments(p.networkName);
  await syncChain('nat', chains.masquerade, [
    ['!', '-s', p.podCIDR, '-j', 'RETURN'],
    ['-d', p.clusterCIDR, '-j', 'RETURN'],
    ['-d', '224.0.0.0/4', '-j', 'RETURN'],
    ['-j', 'MASQUERADE'],
  ]);
  await ensureJump('nat', 'POSTROUTING', c.masquerade, chains.masquerade);
  await syncChain('filter', chains.forward, [
    ['-s', p.podCIDR, '-j', 'ACCEPT'],
    ['-d', p.podCIDR, '-j', 'ACCEPT'],
  ]);
  await ensureJump('filter', 'FORWARD', c.forward, chains.forward);
}

export async function removeHostRules(networkName: string): Promise<void> {
  const chains = chainNames(networkName);
  const c = comments(networkName);
  await removeChain('nat', 'POSTROUTING', c.masquerade, chains.masquerade);
  await removeChain('filter', 'FORWARD', c.forward, chains.forward);
}

async function writeSysctl(path: string, value: string): Promise<void> {
  const current = (await readFile(path, 'utf8').catch(() => '')).trim();
  if (current === value) return;
  await writeFile(path, `${value}\n`);
}

/**
 * Turns on IPv4 forwarding and makes bridged traffic pass iptables (services reaching a pod on the
 * same bridge need it). Returns warnings for what could not be done but is not fatal.
 */
export async function enableForwarding(): Promise<string[]> {
  const warnings: string[] = [];
  try {
    await writeSysctl('/proc/sys/net/ipv4/ip_forward', '1');
  } catch (err) {
    throw new Error(`Cannot enable IPv4 forwarding for pods: ${(err as Error).message}`);
  }
  const bridgeNf = '/proc/sys/net/bridge/bridge-nf-call-iptables';
  if (!(await exists(bridgeNf))) await run('modprobe', ['br_netfilter']);
  try {
    await writeSysctl(bridgeNf, '1');
  } catch (err) {
    warnings.push(`bridged pod traffic bypasses iptables (the br_netfilter module is missing: ${(err as Error).message}); `
      + 'a pod reaching a service backed by a pod on the same node may fail');
  }
  return warnings;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

/** Adds `unreachable <cidr>` unless a route for exactly that prefix exists. */
export async function ensureUnreachableRoute(cidr: string): Promise<void> {
  const shown = await run('ip', ['-4', 'route', 'show', 'exact', cidr, 'table', 'main']);
  if (shown.ok && shown.out.trim() !== '') return;
  const r = await run('ip', ['route', 'add', 'unreachable', cidr]);
  if (!r.ok && !/File exists/i.test(r.err)) throw new Error(`Cannot add the unreachable route for ${cidr}: ${r.err}`);
}

/** Removes the route if it is the unreachable one this module adds. */
export async function removeUnreachableRoute(cidr: string): Promise<void> {
  const shown = await run('ip', ['-4', 'route', 'show', 'exact', cidr, 'table', 'main']);
  if (!shown.ok || !/^unreachable\b/m.test(shown.out)) return;
  await run('ip', ['route', 'del', 'unreachable', cidr]);
}

/** Deletes a link if present. */
export async function deleteLink(name: string): Promise<void> {
  if (!(await exists(`/sys/class/net/${name}`))) return;
  const r = await run('ip', ['link', 'del', name]);
  if (!r.ok && (await exists(`/sys/class/net/${name}`))) throw new Error(`Cannot delete link ${name}: ${r.err}`);
}

/**
 * The MTU of the interface the default IPv4 route leaves by, so pods do not send packets larger
 * than the node's uplink carries; undefined when there is no default route.
 */
export async function defaultRouteMtu(): Promise<number | undefined> {
  const r = await run('ip', ['-4', '-o', 'route', 'show', 'default']);
  const dev = r.ok ? /\bdev (\S+)/.exec(r.out)?.[1] : undefined;
  if (dev === undefined || dev.includes('/')) return undefined;
  const mtu = Number((await readFile(`/sys/class/net/${dev}/mtu`, 'utf8').catch(() => '')).trim());
  return Number.isInteger(mtu) && mtu >= 576 ? mtu : undefined;
}
