/**
 * Running the host tools the proxy needs (iptables, iptables-restore, ip, conntrack) on this host,
 * or inside a named network namespace (`ip netns exec`), which is how tests program a namespace of
 * their own instead of the machine. Every command is bounded in time.
 */
import { execFile, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

export interface ExecResult { ok: boolean; stdout: string; stderr: string; missing: boolean }

export interface HostExec {
  /** The namespace commands run in; undefined: the host's own. */
  readonly netns?: string;
  run(file: string, args: string[], opts?: { input?: string; timeoutMs?: number }): Promise<ExecResult>;
  /** Writes a /proc/sys value (in the namespace when there is one); false if it could not. */
  writeSysctl(path: string, value: string): Promise<boolean>;
  readSysctl(path: string): Promise<string | undefined>;
}

const NETNS_RE = /^[A-Za-z0-9_.-]{1,64}$/;
const SYSCTL_RE = /^\/proc\/sys\/[A-Za-z0-9_./-]+$/;

export function hostExec(netns?: string): HostExec {
  if (netns !== undefined && !NETNS_RE.test(netns)) throw new Error(`Cannot use network namespace "${netns}": not a valid name`);
  const wrap = (file: string, args: string[]): [string, string[]] => (netns ? ['ip', ['netns', 'exec', netns, file, ...args]] : [file, args]);

  const run: HostExec['run'] = (file, args, opts = {}) => new Promise((resolve) => {
    const [f, a] = wrap(file, args);
    const timeout = opts.timeoutMs ?? 60_000;
    if (opts.input === undefined) {
      execFile(f, a, { timeout, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
        const missing = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
        resolve({ ok: !error, stdout, stderr: stderr.trim() || (error?.message ?? ''), missing });
      });
      return;
    }
    const child = spawn(f, a, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let missing = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
    child.stdin.on('error', () => undefined);
    child.on('error', (err: NodeJS.ErrnoException) => {
      missing = err.code === 'ENOENT';
      stderr ||= err.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, stdout, stderr: stderr.trim() || (code === null ? 'killed (timed out)' : ''), missing });
    });
    child.stdin.end(opts.input);
  });

  return {
    netns,
    run,
    async writeSysctl(path, value) {
      if (!SYSCTL_RE.test(path)) throw new Error(`Cannot write sysctl ${path}: not under /proc/sys`);
      if (!netns) return writeFile(path, `${value}\n`).then(() => true, () => false);
      return (await run('sh', ['-c', `echo ${JSON.stringify(value)} > ${path}`])).ok;
    },
    async readSysctl(path) {
      if (!SYSCTL_RE.test(path)) throw new Error(`Cannot read sysctl ${path}: not under /proc/sys`);
      if (!netns) return readFile(path, 'utf8').then((s) => s.trim(), () => undefined);
      const r = await run('cat', [path]);
      return r.ok ? r.stdout.trim() : undefined;
    },
  };
}
