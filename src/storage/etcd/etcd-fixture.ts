/**
 * Starts a throwaway single-member etcd for tests: loopback only, free ports, a temporary data dir,
 * removed again by stop(). Needs the etcd binary (Debian's etcd-server: /usr/bin/etcd, or $ETCD_BIN);
 * without it startTestEtcd rejects, so tests that need etcd fail rather than skip.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface TestEtcd {
  /** HOST:PORT of the client endpoint (127.0.0.1). */
  endpoint: string;
  /** The store URL for openBackend: etcd://HOST:PORT. */
  url: string;
  /** Kills etcd and removes its data dir. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 20_000;
const ATTEMPTS = 3;

export async function startTestEtcd(): Promise<TestEtcd> {
  const binary = findEtcd();
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    try {
      return await startOnce(binary);
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err));
    }
  }
  throw lastError ?? new Error('Cannot start etcd: unknown failure');
}

function findEtcd(): string {
  const candidates = process.env.ETCD_BIN
    ? [process.env.ETCD_BIN]
    : ['/usr/bin/etcd', ...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, 'etcd'))];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('Cannot start etcd: no etcd binary found (install the etcd-server package or set ETCD_BIN)');
}

async function startOnce(binary: string): Promise<TestEtcd> {
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'navarch-etcd-'));
  const clientUrl = `http://127.0.0.1:${clientPort}`;
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const child = spawn(
    binary,
    [
      '--name', 'test',
      '--data-dir', dataDir,
      '--listen-client-urls', clientUrl,
      '--advertise-client-urls', clientUrl,
      '--listen-peer-urls', peerUrl,
      '--initial-advertise-peer-urls', peerUrl,
      '--initial-cluster', `test=${peerUrl}`,
      '--initial-cluster-state', 'new',
      '--logger', 'zap',
      '--log-outputs', 'stderr',
      '--log-level', 'error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    await terminate(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitHealthy(child, clientUrl, () => stderr);
  } catch (err) {
    await stop();
    throw err;
  }
  const endpoint = `127.0.0.1:${clientPort}`;
  return { endpoint, url: `etcd://${endpoint}`, stop };
}

async function waitHealthy(child: ChildProcess, clientUrl: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Cannot start etcd: it exited (${child.exitCode ?? child.signalCode}): ${stderr().trim()}`);
    }
    try {
      const res = await fetch(`${clientUrl}/health`, { signal: AbortSignal.timeout(1000) });
      const body = (await res.json()) as { health?: string };
      if (res.ok && body.health === 'true') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Cannot start etcd: not healthy after ${READY_TIMEOUT_MS} ms: ${stderr().trim()}`);
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Cannot pick a free port: no address'))));
    });
  });
}
