/**
 * A container's state on disk, which is what lets a restarted agent adopt it:
 *
 *   containers/<id>/container.json   what it was created from (sandbox, name, image, log path …)
 *                   bundle/          config.json and rootfs/ (the overlay mount point)
 *                   upper/ work/     the overlay's writable layer
 *                   stdout stderr    FIFOs the container writes to
 *                   stdin            the FIFO it reads (stdin: true), held open by stdin.keeper's process
 *                   shim.pid         the supervising shell;  pid  the container's process (runc --pid-file)
 *                   exit             its exit code, written by the shell when `runc run` returns
 *                   final.json       the settled status once the agent has seen it exit
 *                   runc.log         runc's own messages (why a start failed)
 *
 * The status is derived from these files each time, so it is right whichever agent asks.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ContainerState, RuntimeImage } from '../runtime.js';
import { writeFileAtomic } from './host.js';

export interface ContainerRecord {
  id: string;
  sandboxId: string;
  name: string;
  attempt: number;
  image: Omit<RuntimeImage, 'layerDirs'>;
  logPath: string;
  stopSignal: string;
  cgroupsPath: string;
  createdAt: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The container keeps a stdin FIFO (stdin: true); stdinOnce closes it after the first writer. */
  stdin?: boolean;
  stdinOnce?: boolean;
  /** The container has a console (tty: true): runc runs under `script`, which gives it a terminal. */
  tty?: boolean;
}

export interface FinalStatus {
  exitCode: number;
  reason: string;
  message?: string;
  startedAt?: string;
  finishedAt: string;
}

export interface ObservedState {
  state: ContainerState;
  pid?: number;
  startedAt?: string;
  exitCode?: number;
  finishedAt?: string;
  final?: FinalStatus;
}

export class ContainerFiles {
  constructor(readonly dir: string) {}

  get record(): string { return join(this.dir, 'container.json'); }
  get bundle(): string { return join(this.dir, 'bundle'); }
  get rootfs(): string { return join(this.dir, 'bundle', 'rootfs'); }
  get upper(): string { return join(this.dir, 'upper'); }
  get work(): string { return join(this.dir, 'work'); }
  get stdout(): string { return join(this.dir, 'stdout'); }
  get stderr(): string { return join(this.dir, 'stderr'); }
  get pid(): string { return join(this.dir, 'pid'); }
  get shimPid(): string { return join(this.dir, 'shim.pid'); }
  get exit(): string { return join(this.dir, 'exit'); }
  get final(): string { return join(this.dir, 'final.json'); }
  get runcLog(): string { return join(this.dir, 'runc.log'); }
  /** stdin containers: the FIFO the container reads, the pid of the process holding it open, and
   *  a mark that a stdinOnce container's stdin was closed for good. */
  get stdin(): string { return join(this.dir, 'stdin'); }
  get stdinKeeper(): string { return join(this.dir, 'stdin.keeper'); }
  get stdinClosed(): string { return join(this.dir, 'stdin.closed'); }

  async readRecord(): Promise<ContainerRecord> {
    return JSON.parse(await readFile(this.record, 'utf8')) as ContainerRecord;
  }

  writeRecord(rec: ContainerRecord): Promise<void> {
    return writeFileAtomic(this.record, JSON.stringify(rec, null, 1));
  }

  writeFinal(f: FinalStatus): Promise<void> {
    return writeFileAtomic(this.final, JSON.stringify(f));
  }

  /** What the files say now. */
  async observe(): Promise<ObservedState> {
    const final = await readJSON<FinalStatus>(this.final);
    if (final) return { state: 'exited', exitCode: final.exitCode, startedAt: final.startedAt, finishedAt: final.finishedAt, final };
    const pidStat = await statOrUndefined(this.pid);
    const startedAt = pidStat ? pidStat.mtime.toISOString() : undefined;
    const exitStat = await statOrUndefined(this.exit);
    if (exitStat) {
      const text = (await readFile(this.exit, 'utf8').catch(() => '')).trim();
      const code = /^\d+$/.test(text) ? Number(text) : 255;
      return { state: 'exited', exitCode: code, startedAt, finishedAt: exitStat.mtime.toISOString() };
    }
    if (pidStat) {
      const pid = Number((await readFile(this.pid, 'utf8').catch(() => '')).trim());
      if (pid > 0 && alive(pid)) return { state: 'running', pid, startedAt };
      const shim = Number((await readFile(this.shimPid, 'utf8').catch(() => '')).trim());
      if (shim > 0 && alive(shim)) return { state: 'running', pid, startedAt }; // exiting right now
      return { state: 'unknown', pid, startedAt };
    }
    return { state: 'created' };
  }

  /** Why `runc run` failed, from runc's log (its last error). */
  async runcError(): Promise<string | undefined> {
    const text = await readFile(this.runcLog, 'utf8').catch(() => '');
    let last: string | undefined;
    for (const line of text.split('\n')) {
      try {
        const rec = JSON.parse(line) as { level?: string; msg?: string };
        if (rec.level === 'error' && rec.msg) last = rec.msg;
      } catch { /* not JSON */ }
    }
    return last;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie still answers signal 0; its state letter says it is gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

async function readJSON<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
