/**
 * Runs one CNI plugin binary as the CNI 1.0 specification asks: the operation and its parameters in
 * CNI_* environment variables, the network configuration on stdin, the result (or an error object)
 * on stdout. Bounded in time; a plugin that hangs is killed.
 */
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { CniPluginError, pluginErrorFromOutput } from './plugin-error.js';

export type CniCommand = 'ADD' | 'DEL' | 'CHECK' | 'VERSION';

export interface PluginInvocation {
  /** Absolute path of the plugin binary. */
  binary: string;
  command: CniCommand;
  containerId?: string;
  netns?: string;
  ifName?: string;
  /** `K=V;K=V` pairs for CNI_ARGS. */
  args?: string;
  /** Directories the plugin searches for delegated plugins (IPAM), joined with ':' into CNI_PATH. */
  path: string[];
  /** The configuration given on stdin. */
  config: unknown;
  timeoutMs?: number;
}

const HOST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Runs the plugin; resolves with its parsed stdout (undefined when it printed nothing). */
export function execPlugin(inv: PluginInvocation): Promise<unknown> {
  const plugin = basename(inv.binary);
  const env: NodeJS.ProcessEnv = {
    // Plugins run iptables, ip and sysctl helpers found through PATH.
    PATH: process.env.PATH ?? HOST_PATH,
    CNI_COMMAND: inv.command,
    CNI_PATH: inv.path.join(':'),
  };
  if (inv.containerId !== undefined) env.CNI_CONTAINERID = inv.containerId;
  if (inv.netns !== undefined) env.CNI_NETNS = inv.netns;
  if (inv.ifName !== undefined) env.CNI_IFNAME = inv.ifName;
  if (inv.args !== undefined) env.CNI_ARGS = inv.args;
  const timeoutMs = inv.timeoutMs ?? 60_000;

  return new Promise((resolve, reject) => {
    const child = spawn(inv.binary, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // a plugin may exit before reading its config
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new CniPluginError({ plugin, command: inv.command, msg: `cannot run ${inv.binary}: ${e.message}` }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (timedOut) {
        reject(new CniPluginError({ plugin, command: inv.command, msg: `did not finish within ${timeoutMs} ms`, exitCode: null, stderr }));
        return;
      }
      if (code !== 0) {
        reject(pluginErrorFromOutput(plugin, inv.command, stdout, stderr, code));
        return;
      }
      if (stdout.trim() === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch {
        reject(new CniPluginError({ plugin, command: inv.command, msg: `printed a result that is not JSON: ${stdout.slice(0, 200)}`, exitCode: 0, stderr }));
      }
    });
    child.stdin.end(JSON.stringify(inv.config));
  });
}
