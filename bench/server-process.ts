/** Starts `navarch server` as a child process for benchmarks and reads its memory use. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../bin/navarch.js');

export interface BenchServer {
  url: string;
  kubeconfig: string;
  dataDir: string;
  pid: number;
  rssMiB(): number;
  stop(): Promise<void>;
}

export async function startBenchServer(datastore?: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'navarch-bench-'));
  const args = [BIN, 'server', '--data-dir', dataDir, '--https-port', '0', '--bind-address', '127.0.0.1'];
  if (datastore) args.push('--datastore-endpoint', datastore);
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise<string>((ok, fail) => {
    let buf = '';
    child.stderr?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /listening on (https:\/\/\S+)/.exec(buf);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`Cannot start the server: exited ${code}: ${buf}`)));
  });
  return {
    url, dataDir, kubeconfig: join(dataDir, 'kubeconfig.yaml'), pid: child.pid ?? 0,
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return kb / 1024;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
