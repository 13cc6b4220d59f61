/**
 * Reading a container's CRI log file the way the kubelet serves `kubectl logs`: records' contents
 * (both streams, in file order), optionally only the last N lines, only those at or after a time,
 * each prefixed by its fixed-width time, cut off after a number of bytes; and when following, the
 * lines appended later, until the container stops and what it wrote is drained.
 */
import { realpath, open, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { fixedTimestamp, parseCriRecord } from './cri-record.js';
import { FileWatcher } from './file-watcher.js';
import { tailStart } from './tail.js';

export interface LogReadOptions {
  /** Only the last N lines of the file (undefined: all). */
  tailLines?: number;
  /** Stop once this many bytes were written. */
  limitBytes?: number;
  /** Leave out records older than this, in nanoseconds since the epoch. */
  sinceNs?: bigint;
  /** Prefix each record with its time (nine fractional digits) and a space. */
  timestamps?: boolean;
  /** Keep reading what is appended until `isRunning` says the container stopped. */
  follow?: boolean;
}

export interface LogFollow {
  /** Whether the container still writes to this file. */
  isRunning(): boolean | Promise<boolean>;
  /** Stops reading (the client went away). */
  signal?: AbortSignal;
  /** The longest wait for a change notification before looking again (default 1000 ms, as the kubelet). */
  pollMs?: number;
  /** After the container stopped, how long its last output may take to reach the file (default 200 ms). */
  drainMs?: number;
}

/** The log file does not exist (the kubelet's wording, since it first resolves the path's links). */
export class LogFileMissing extends Error {
  constructor(readonly path: string) {
    super(`failed to try resolving symlinks in path "${path}": lstat ${path}: no such file or directory`);
    this.name = 'LogFileMissing';
  }
}

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) { resolve(); return; }
    const done = (): void => { clearTimeout(t); signal?.removeEventListener('abort', done); resolve(); };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Writes with back-pressure; false once the destination is gone. */
async function send(out: Writable, chunk: Buffer): Promise<boolean> {
  if (out.destroyed || out.writableEnded) return false;
  if (chunk.length === 0 || out.write(chunk)) return true;
  await new Promise<void>((resolve) => {
    const done = (): void => { out.off('drain', done); out.off('close', done); out.off('error', done); resolve(); };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
  return !out.destroyed;
}

async function resolvePath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new LogFileMissing(path);
    throw err;
  }
}

export async function readContainerLog(path: string, opts: LogReadOptions, out: Writable, follow?: LogFollow): Promise<void> {
  const file = await resolvePath(path);
  let fh = await open(file, 'r');
  let watcher: FileWatcher | undefined;
  try {
    let ino = (await fh.stat()).ino;
    let pos = await tailStart(fh, (await fh.stat()).size, opts.tailLines ?? -1);
    const following = opts.follow === true && follow !== undefined;
    const limited = opts.tailLines !== undefined && !following;
    let linesLeft = opts.tailLines ?? 0;
    let bytesLeft = opts.limitBytes ?? Number.POSITIVE_INFINITY;
    if (limited && linesLeft === 0) return;

    /** Writes one line's record; false when reading should stop. */
    const emit = async (line: Buffer): Promise<boolean> => {
      const rec = parseCriRecord(line);
      if (!rec) return true;
      if (opts.sinceNs === undefined || rec.timeNs >= opts.sinceNs) {
        let data = opts.timestamps ? Buffer.concat([Buffer.from(`${fixedTimestamp(rec.time)} `), rec.content]) : rec.content;
        if (data.length > bytesLeft) data = data.subarray(0, bytesLeft);
        if (!(await send(out, data))) return false;
        bytesLeft -= data.length;
        if (bytesLeft <= 0) return false;
      }
      if (limited && --linesLeft <= 0) return false;
      return true;
    };

    const buf = Buffer.alloc(CHUNK);
    let pending = Buffer.alloc(0);
    let found = true;
    for (;;) {
      if (follow?.signal?.aborted || out.destroyed) return;
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead > 0) {
        pos += bytesRead;
        pending = Buffer.concat([pending, buf.subarray(0, bytesRead)]);
        let start = 0;
        for (let nl = pending.indexOf(NEWLINE); nl >= 0; nl = pending.indexOf(NEWLINE, start)) {
          const line = pending.subarray(start, nl + 1);
          start = nl + 1;
          if (!(await emit(line))) return;
        }
        pending = pending.subarray(start);
        continue;
      }
      if (!following) {
        if (pending.length > 0) await emit(pending);
        return;
      }
      // At the end of what is written so far: wait for more while the container runs.
      if (!found) return;
      if (watcher === undefined) {
        watcher = new FileWatcher(file);
        continue; // a write may have come before the watch was in place
      }
      if (!(await follow!.isRunning())) {
        found = false;
        await sleep(follow!.drainMs ?? 200, follow!.signal);
        continue;
      }
      await watcher.wait(follow!.pollMs ?? 1000, follow!.signal);
      const now = await stat(file).catch(() => undefined);
      if (now && (now.ino !== ino || now.size < pos)) {
        // Replaced or truncated: start again on the file now at that path.
        await fh.close();
        fh = await open(file, 'r');
        ino = (await fh.stat()).ino;
        pos = 0;
        pending = Buffer.alloc(0);
        watcher.close();
        watcher = new FileWatcher(file);
      }
    }
  } finally {
    watcher?.close();
    await fh.close().catch(() => undefined);
  }
}
