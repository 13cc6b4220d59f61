/**
 * The cluster DNS address on this node: a dummy interface (navarch-dns0) holding the cluster DNS
 * IP (10.43.0.10 by default) as a /32, so the DNS server can bind it and pods reach it through the
 * host, as NodeLocal DNSCache binds the kube-dns IP on a dummy interface. Kernels built without the
 * dummy driver get an empty bridge instead, which holds a local address just as well. `netns` runs
 * the same in a named network namespace (tests).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const DNS_INTERFACE = 'navarch-dns0';

export interface DnsAddressOptions {
  /** Interface name (default navarch-dns0). */
  iface?: string;
  /** A named network namespace (`ip -n`) instead of the host's. */
  netns?: string;
}

async function ip(args: string[], o: DnsAddressOptions): Promise<string> {
  const full = o.netns ? ['-n', o.netns, ...args] : args;
  try {
    const { stdout } = await run('ip', full, { timeout: 10_000 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`ip ${full.join(' ')}: ${(e.stderr ?? '').trim() || e.message}`);
  }
}

async function linkExists(iface: string, o: DnsAddressOptions): Promise<boolean> {
  try {
    await ip(['link', 'show', 'dev', iface], o);
    return true;
  } catch {
    return false;
  }
}

/** Makes `address` (IPv4 or IPv6) a local address of the dummy interface, creating it if needed; idempotent. */
export async function ensureDnsAddress(address: string, o: DnsAddressOptions = {}): Promise<void> {
  const iface = o.iface ?? DNS_INTERFACE;
  try {
    if (!(await linkExists(iface, o))) {
      try {
        await ip(['link', 'add', iface, 'type', 'dummy'], o);
      } catch (err) {
        if (!/Unknown device type/i.test((err as Error).message)) throw err;
        await ip(['link', 'add', iface, 'type', 'bridge'], o);
      }
    }
    await ip(['link', 'set', iface, 'up'], o);
    const prefix = address.includes(':') ? 128 : 32;
    await ip(['addr', 'replace', `${address}/${prefix}`, 'dev', iface], o);
  } catch (err) {
    throw new Error(`Cannot add the cluster DNS address ${address} to ${iface}: ${(err as Error).message}`);
  }
}

/** Removes the dummy interface and with it its addresses; nothing to do when it is absent. */
export async function removeDnsAddress(o: DnsAddressOptions = {}): Promise<void> {
  const iface = o.iface ?? DNS_INTERFACE;
  if (!(await linkExists(iface, o))) return;
  await ip(['link', 'del', iface], o);
}
