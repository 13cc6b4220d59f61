/**
 * E2E harness: starts the real `navarch server` as a child process on loopback with a fresh data
 * directory, and runs the real kubectl against it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestEtcd } from '../../src/storage/index.js';
import { resetNode } from '../../src/agent/index.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const BIN = join(ROOT, 'bin', 'navarch.js');
/** The navarch command line, for tests that start more processes (`navarch agent`). */
export const NAVARCH_BIN = BIN;

/** Path of a manifest in test/e2e/manifests. */
export function manifest(name: string): string {
  return join(ROOT, 'test', 'e2e', 'manifests', name);
}

export interface KubectlResult { stdout: string; stderr: string; code: number }

export interface Cluster {
  url: string;
  dataDir: string;
  kubeconfig: string;
  kubectl(args: string[], opts?: { input?: string; kubectlBin?: string; timeoutMs?: number; env?: Record<string, string> }): Promise<KubectlResult>;
  /** Runs kubectl and fails the test with its stderr when it exits non-zero. */
  k(...args: string[]): Promise<string>;
  /** Stops navarch (SIGTERM, or SIGKILL with kill: true) and starts it again on the same port. */
  restart(opts?: { kill?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'etcd';

export interface ClusterOptions {
  /** The sub-command to run (default 'server'); 'up' takes the simulation flags too. */
  command?: 'server' | 'up';
  /** Flags added after the harness's own (--data-dir, --https-port, --bind-address). */
  extraArgs?: string[];
  /** Files written into the data dir before the first start (e.g. registries.yaml). */
  files?: Record<string, string>;
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`Cannot start navarch server: no "listening" line after 30 s; output:\n${buf}`)), 30_000);
    const onData = (d: Buffer): void => {
      buf += d.toString();
      const m = /listening on (https:\/\/\S+)/.exec(buf);
      if (m) {
        clearTimeout(timer);
        child.stderr?.off('data', onData);
        child.stderr?.on('data', (x: Buffer) => { if (process.env.NAVARCH_E2E_LOG) process.stderr.write(x); });
        resolvePromise(m[1]);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Cannot start navarch server: exited with ${code}; output:\n${buf}`)); });
  });
}

const REAL_NODE_LOCK = join(tmpdir(), 'navarch-e2e-real-node.lock');

/**
 * One real node on this host at a time: a node's service proxy, network policy chains and cluster DNS
 * address are host-wide. Test files that run a real node wait for each other (a lock directory holding
 * the owner's pid; a dead owner's lock is taken over).
 */
async function lockRealNode(): Promise<() => void> {
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(REAL_NODE_LOCK);
      writeFileSync(join(REAL_NODE_LOCK, 'pid'), String(process.pid));
      return () => rmSync(REAL_NODE_LOCK, { recursive: true, force: true });
    } catch {
      let owner = 0;
      try { owner = Number(readFileSync(join(REAL_NODE_LOCK, 'pid'), 'utf8').trim()); } catch { /* being written */ }
      let alive = true;
      try { if (owner > 0) process.kill(owner, 0); } catch { alive = false; }
      if (!alive) rmSync(REAL_NODE_LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another test's real node (pid ${owner}) holds ${REAL_NODE_LOCK}`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function startCluster(store: StoreKind = 'sqlite', opts: ClusterOptions = {}): Promise<Cluster> {
  const realNode = opts.command === 'up' && !(opts.extraArgs ?? []).includes('--simulate-nodes');
  const unlock = realNode ? await lockRealNode() : () => undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'navarch-e2e-'));
  for (const [name, content] of Object.entries(opts.files ?? {})) writeFileSync(join(dataDir, name), content);
  const etcd = store === 'etcd' ? await startTestEtcd() : undefined;
  const args = [opts.command ?? 'server', '--data-dir', dataDir, '--https-port', '0', '--bind-address', '127.0.0.1'];
  if (etcd) args.push('--datastore-endpoint', etcd.url);
  args.push(...(opts.extraArgs ?? []));
  let child: ChildProcess;
  let url = '';
  const launch = async (): Promise<void> => {
    child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    url = await waitForListening(child);
  };
  await launch().catch((err: unknown) => { unlock(); throw err; });
  const kubeconfig = join(dataDir, 'kubeconfig.yaml');
  const kubectl: Cluster['kubectl'] = (kargs, opts = {}) => new Promise((resolvePromise) => {
    const p = execFile(opts.kubectlBin ?? 'kubectl', ['--kubeconfig', kubeconfig, ...kargs], {
      timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, env: opts.env ? { ...process.env, ...opts.env } : undefined,
    }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolvePromise({ stdout, stderr, code });
    });
    // kubectl may exit before reading its input (an early error): that is its answer, not a test failure.
    p.stdin?.on('error', () => undefined);
    if (opts.input !== undefined) p.stdin?.end(opts.input);
  });
  const stopChild = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  return {
    get url() { return url; },
    dataDir,
    kubeconfig,
    kubectl,
    async k(...kargs: string[]) {
      const r = await kubectl(kargs);
      if (r.code !== 0) throw new Error(`kubectl ${kargs.join(' ')} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    },
    async restart(o = {}) {
      await stopChild(o.kill ? 'SIGKILL' : 'SIGTERM');
      // The same port again, so the kubeconfig stays valid.
      const port = new URL(url).port;
      const i = args.indexOf('--https-port');
      args[i + 1] = port;
      await launch();
    },
    async stop() {
      await stopChild();
      await etcd?.stop();
      // A real node's containers outlive navarch: remove them, its mounts and its pod network.
      if (opts.command === 'up') await resetNode(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
      unlock();
    },
  };
}

/** Polls fn until it returns a truthy value or the time runs out (then throws with the last value). */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
