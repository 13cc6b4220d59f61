/**
 * `runc exec -t` in a pseudo-terminal (kubectl exec -t): runc, run by node-pty on a terminal of its
 * own, makes the container a new console and copies between the two; resizing the outer terminal
 * sends runc SIGWINCH, and runc resizes the container's console to match. Output (stdout and stderr
 * merged, as on any terminal) comes on `stdout`; `stderr` stays empty. node-pty is loaded on first
 * use, so a machine without it only loses terminals.
 */
import { createRequire } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { ExecOptions, ExecProcess } from '../runtime.js';

interface Pty {
  onData(listener: (data: Buffer | string) => void): void;
  onExit(listener: (e: { exitCode: number; signal?: number }) => void): void;
  write(data: Buffer | string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
}
interface PtyModule {
  spawn(file: string, args: string[], opts: { name: string; cols: number; rows: number; cwd?: string; env: NodeJS.ProcessEnv; encoding: null }): Pty;
}

let ptyModule: PtyModule | undefined;
function loadPty(): PtyModule {
  if (!ptyModule) {
    try {
      ptyModule = createRequire(import.meta.url)('node-pty') as PtyModule;
    } catch (err) {
      throw new Error(`Cannot exec with a terminal: node-pty does not load (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return ptyModule;
}

export function runcExecTty(runc: string, stateRoot: string, id: string, opts: ExecOptions): ExecProcess {
  if (opts.cmd.length === 0) throw new Error('Cannot exec: no command given');
  const pty = loadPty();
  const pidFile = join(tmpdir(), `navarch-exec-${process.pid}-${Math.random().toString(36).slice(2)}.pid`);
  const args = ['--root', stateRoot, 'exec', '-t', '--pid-file', pidFile];
  if (opts.workingDir) args.push('--cwd', opts.workingDir);
  const env = opts.env ?? [];
  if (!env.some((e) => e.name === 'TERM')) args.push('--env', 'TERM=xterm');
  for (const e of env) args.push('--env', `${e.name}=${e.value}`);
  args.push(id, ...opts.cmd);
  const cols = Math.max(1, opts.size?.width || 80);
  const rows = Math.max(1, opts.size?.height || 24);
  const term = pty.spawn(runc, args, { name: 'xterm', cols, rows, env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin' }, encoding: null });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stderr.end();
  let exitedFlag = false;
  term.onData((d) => { if (!stdout.writableEnded) stdout.write(typeof d === 'string' ? Buffer.from(d) : d); });
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
  const exited = new Promise<number>((resolve) => {
    term.onExit(({ exitCode, signal }) => {
      exitedFlag = true;
      readPid();
      rmSync(pidFile, { force: true });
      // Let output still on its way through the terminal arrive before the end.
      setTimeout(() => stdout.end(), 20);
      resolve(signal ? 128 + signal : exitCode);
    });
  });
  const stdin = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!exitedFlag) term.write(chunk);
      cb();
    },
  });
  let startedAt: Promise<boolean> | undefined;
  return {
    stdin, stdout, stderr,
    wait: () => exited,
    resize(width, height) {
      if (!exitedFlag && width > 0 && height > 0) term.resize(width, height);
    },
    started() {
      startedAt ??= (async () => {
        for (let i = 0; i < 200 && !exitedFlag && !sawPid; i++) {
          readPid();
          if (!sawPid) await new Promise((r) => setTimeout(r, 10));
        }
        if (!sawPid) await exited;
        return sawPid;
      })();
      return startedAt;
    },
    kill() {
      const pid = readPid();
      if (pid > 0) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      if (!exitedFlag) { try { term.kill('SIGKILL'); } catch { /* gone */ } }
    },
  };
}
