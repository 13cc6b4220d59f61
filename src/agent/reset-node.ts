/**
 * Undoing what a node agent left on this host (`navarch killall`, and tests' clean-up): every pod
 * container stopped and removed with its sandbox and cgroups, mounts under the agent's folder
 * unmounted, the pod network (bridge, iptables chains, route, IP leases), the service proxy's
 * and network policy's chains and routes, and the cluster DNS interface removed. The agent
 * records what it set up in <dataDir>/agent/node.json; without that file only containers and
 * mounts are cleaned.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PodNetwork } from './network/index.js';
import { removeNetworkPolicyRules } from './netpol/index.js';
import { removeDnsAddress } from './dns/index.js';
import { removePodRoutes } from './routes/index.js';
import { uninstallServiceProxy } from './proxy/index.js';
import { RuncRuntime } from './runtime/index.js';

export interface NodeRecord {
  nodeName: string;
  podCIDR: string;
  clusterCIDR: string;
  bridge: string;
  networkName: string;
  /** Absent in records of older agents (the default range then). */
  serviceCIDR?: string;
}

export function nodeRecordPath(dataDir: string): string {
  return join(dataDir, 'agent', 'node.json');
}

export function writeNodeRecord(dataDir: string, rec: NodeRecord): void {
  writeFileSync(nodeRecordPath(dataDir), `${JSON.stringify(rec, null, 1)}\n`);
}

export function readNodeRecord(dataDir: string): NodeRecord | undefined {
  try {
    return JSON.parse(readFileSync(nodeRecordPath(dataDir), 'utf8')) as NodeRecord;
  } catch {
    return undefined;
  }
}

/** The CNI network name for a bridge: `navarch` for the default cni0, else one per bridge. */
export function networkNameFor(bridge: string): string {
  return bridge === 'cni0' ? 'navarch' : `navarch-${bridge}`;
}

/** Mount points at or below dir, deepest first. */
function mountsUnder(dir: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const target = line.split(' ')[4]?.replace(/\\040/g, ' ');
    if (target && (target === dir || target.startsWith(`${dir}/`))) out.push(target);
  }
  return out.sort((a, b) => b.length - a.length);
}

export async function resetNode(dataDir: string, log: (line: string) => void = () => undefined): Promise<void> {
  const root = join(dataDir, 'agent');
  const runtime = new RuncRuntime({ root: join(root, 'runtime') });
  await runtime.init();
  const sandboxes = runtime.listSandboxes();
  for (const sb of sandboxes) {
    for (const c of await runtime.listContainers({ sandboxId: sb.id, state: 'running' })) await runtime.stopContainer(c.id, 0).catch(() => undefined);
    await runtime.removeSandbox(sb.id).catch((err: Error) => log(`cannot remove sandbox ${sb.id}: ${err.message}`));
  }
  await runtime.close();
  for (const m of mountsUnder(root)) await promisify(execFile)('umount', ['-l', m]).catch(() => undefined);
  const rec = readNodeRecord(dataDir);
  if (rec) {
    const network = new PodNetwork({ dataDir: root, podCIDR: rec.podCIDR, clusterCIDR: rec.clusterCIDR, bridge: rec.bridge, networkName: rec.networkName });
    await network.gc(new Set()).catch(() => undefined);
    await network.uninstall();
    // Host-wide set-up, made only after the record was written: a data dir that never ran a real node
    // (simulated nodes, a server) must not take away another node's rules.
    await removeNetworkPolicyRules().catch((err: Error) => log(`cannot remove the network policy rules: ${err.message}`));
    await uninstallServiceProxy({ serviceCIDR: rec.serviceCIDR ?? '10.43.0.0/16' }).catch((err: Error) => log(`cannot remove the service proxy rules: ${err.message}`));
    await removeDnsAddress().catch((err: Error) => log(`cannot remove the cluster DNS interface: ${err.message}`));
    await removePodRoutes().catch((err: Error) => log(`cannot remove the routes to other nodes' pods (and the VXLAN device): ${err.message}`));
  }
  log(`removed ${sandboxes.length} pod sandbox(es)${rec ? ` and the pod network on ${rec.bridge}` : ''}`);
}
