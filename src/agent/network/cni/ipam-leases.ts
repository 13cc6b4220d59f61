/**
 * Reads the host-local IPAM plugin's leases: one file per reserved address under
 * `<dataDir>/<network>/`, holding the container ID and (since plugins 0.8) the interface name.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseIPv4 } from './cidr.js';

export interface IpamLease {
  ip: string;
  containerId: string;
  ifName?: string;
}

export async function listLeases(ipamDataDir: string, networkName: string): Promise<IpamLease[]> {
  const dir = join(ipamDataDir, networkName);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: IpamLease[] = [];
  for (const n of names) {
    if (parseIPv4(n) === undefined) continue; // "lock", "last_reserved_ip.0"
    const text = await readFile(join(dir, n), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const [id, ifName] = text.split(/\r?\n/).map((s) => s.trim());
    if (!id) continue;
    out.push({ ip: n, containerId: id, ...(ifName ? { ifName } : {}) });
  }
  return out;
}
