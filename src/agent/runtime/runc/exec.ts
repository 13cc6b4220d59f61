/**
 * Commands run inside a running container with `runc exec` (non-terminal: plain pipes). The exec'd
 * process takes the container's user, environment, working directory and capabilities from its
 * bundle; `--pid-file` lets a time-out kill the process itself, not only runc.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants } from 'node:os';
import type { ExecOptions, ExecProcess, ExecResult } from '../runtime.js';
import { runcExecTty } from './exec-tty.js';

export function runcExec(runc: string, stateRoot: string, id: string, opts: ExecOptions): ExecProcess {
  if (opts.cmd.length === 0) throw new Error('Cannot exec: no command given');
  if (opts.tty) return runcExecTty(runc, stateRoot, id, opts);
  const pidFile = join(tmpdir(), `navarch-exec-${process.pid}-${Math.random().toString(36).slice(2)}.pid`);
  const args = ['--root', stateRoot, 'exec', '--pid-file', pidFile];
  if (opts.workingDir) args.push('--cwd', opts.workingDir);
  for (const e of opts.env ?? []) args.push('--env', `${e.name}=${e.value}`);
  args.push(id, ...opts.cmd);
  const child = spawn(runc, args, { stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  let sawPid = false;
  const readPid = (): number => {
    try {
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      if (pid > 0) sawPid = true;
      return pid;
    } catch {
      return 0;
    }
  };
  let done = false;
  const exited = new Promise<number>((resolve) => {
    child.on('error', () => { done = true; resolve(126); });
    child.on('close', (code, signal) => {
      done = true;
      readPid();
      rmSync(pidFile, { force: true });
      if (code !== null) resolve(code);
      else resolve(128 + (signal ? (constants.signals[signal] ?? 9) : 9));
    });
  });
  return {
    stdin: child.stdin,
    stdout: child.stdout!,
    stderr: child.stderr!,
    wait: () => exited,
    async started() {
      // runc writes the pid file once the command runs; a runc that exits first could not start it.
      for (let i = 0; i < 200 && !done && !sawPid; i++) {
        readPid();
        if (!sawPid) await new Promise((r) => setTimeout(r, 10));
      }
      if (!sawPid) await exited;
      return sawPid;
    },
    kill() {
      const pid = readPid();
      try {
        if (pid > 0) process.kill(pid, 'SIGKILL');
      } catch { /* not started yet, or gone */ }
      child.kill('SIGKILL');
    },
  };
}

/** Runs to completion, keeping at most `limit` bytes of each output stream. */
export async function runcExecSync(runc: string, stateRoot: string, id: string, cmd: string[], timeoutMs: number,
  limit = 4 << 20): Promise<ExecResult> {
  const p = runcExec(runc, stateRoot, id, { cmd });
  const collect = (s: NodeJS.ReadableStream) => {
    const chunks: Buffer[] = [];
    let size = 0;
    s.on('data', (c: Buffer) => {
      if (size < limit) chunks.push(c.subarray(0, limit - size));
      size += c.length;
    });
    return () => Buffer.concat(chunks);
  };
  const out = collect(p.stdout);
  const err = collect(p.stderr);
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; p.kill(); }, timeoutMs);
  const exitCode = await p.wait();
  clearTimeout(timer);
  return { exitCode, stdout: out(), stderr: err(), timedOut };
}
