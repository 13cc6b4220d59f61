/**
 * Startup benchmark: milliseconds from launching `navarch server` to its "listening" line, on a fresh
 * data directory (certificates generated) and on a restart of the same one. Prints figures only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = resolve(fileURLToPath(import.meta.url), '../../../bin/navarch.js');

async function timeToListen(dataDir: string): Promise<number> {
  const t = performance.now();
  const child = spawn(process.execPath, [BIN, 'server', '--data-dir', dataDir, '--https-port', '0', '--bind-address', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((ok, fail) => {
    let buf = '';
    child.stderr?.on('data', (d: Buffer) => { buf += d.toString(); if (buf.includes('listening on')) ok(); });
    child.once('exit', (code) => fail(new Error(`Cannot start the server: exited ${code}: ${buf}`)));
  });
  const ms = performance.now() - t;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function runStartupBench(): Promise<void> {
  const first: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'navarch-start-'));
    try {
      first.push(await timeToListen(dir));
      again.push(await timeToListen(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  process.stdout.write(`server start, fresh data dir (median of 5)  ${Math.round(median(first))} ms\n`);
  process.stdout.write(`server start, existing data dir (median of 5)  ${Math.round(median(again))} ms\n`);
}
