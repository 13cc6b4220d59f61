/**
 * How the enforcer reads and writes the filter table: iptables-save and iptables-restore --noflush
 * (waiting for the xtables lock), on this host or, for tests, inside a named network namespace.
 */
import { execFile } from 'node:child_process';

export interface IptablesRunner {
  /** The filter table as iptables-save prints it. */
  saveFilter(): Promise<string>;
  /** Applies restore input atomically, leaving chains it does not name alone. */
  restore(input: string): Promise<void>;
}

export interface IptablesRunnerOptions {
  /** Run inside this network namespace (`ip netns exec`); default: the host's. */
  netns?: string;
  /** Seconds to wait for the xtables lock (default 5). */
  lockWaitSeconds?: number;
}

function run(argv: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(argv[0] as string, argv.slice(1), { timeout: 30_000, killSignal: 'SIGKILL', maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${argv.join(' ')}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function iptablesRunner(opts: IptablesRunnerOptions = {}): IptablesRunner {
  const prefix = opts.netns === undefined ? [] : ['ip', 'netns', 'exec', opts.netns];
  const wait = String(opts.lockWaitSeconds ?? 5);
  return {
    saveFilter: () => run([...prefix, 'iptables-save', '-t', 'filter']),
    async restore(input) {
      try {
        await run([...prefix, 'iptables-restore', '--noflush', '-w', wait], input);
      } catch (err) {
        throw new Error(`Cannot apply network policy rules: ${(err as Error).message}`);
      }
    },
  };
}
