/**
 * attach through the kubelet server, first cut: the container's output from now on, read from its CRI
 * log file as it grows (stdout and stderr kept apart, or both on stdout for a terminal), until the
 * container stops or the client leaves; the client's stdin goes to the container when the runtime
 * keeps a writer for it (`stdin: true` containers), else it is read and dropped.
 */
import { open, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { successStatus, type RemoteCommandOptions, type RemoteCommandSession } from '../../streaming/index.js';
import { parseCriRecord } from '../logs/index.js';
import type { StreamSource } from './stream-source.js';

const POLL_MS = 100;
const CHUNK = 64 * 1024;

function write(w: Writable | undefined, data: Buffer): Promise<void> {
  if (!w || w.destroyed || w.writableEnded || data.length === 0) return Promise.resolve();
  if (w.write(data)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => { w.off('drain', done); w.off('close', done); resolve(); };
    w.once('drain', done);
    w.once('close', done);
  });
}

/** Follows a CRI log file from its current end, handing each record's content to `emit`. */
export async function followLog(path: string, emit: (stream: 'stdout' | 'stderr', content: Buffer) => Promise<void>,
  isRunning: () => boolean | Promise<boolean>, signal: AbortSignal): Promise<void> {
  let offset = (await stat(path).catch(() => undefined))?.size ?? 0;
  let rest = Buffer.alloc(0);
  let stoppedSeen = false;
  while (!signal.aborted) {
    const size = (await stat(path).catch(() => undefined))?.size ?? 0;
    if (size < offset) offset = 0; // rotated or truncated
    if (size > offset) {
      const fh = await open(path, 'r');
      try {
        while (offset < size && !signal.aborted) {
          const buf = Buffer.alloc(Math.min(CHUNK, size - offset));
          const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
          if (bytesRead === 0) break;
          offset += bytesRead;
          rest = Buffer.concat([rest, buf.subarray(0, bytesRead)]);
          let nl: number;
          while ((nl = rest.indexOf(0x0a)) >= 0) {
            const rec = parseCriRecord(rest.subarray(0, nl + 1));
            rest = rest.subarray(nl + 1);
            if (rec) await emit(rec.stream, rec.content);
          }
        }
      } finally {
        await fh.close();
      }
      continue;
    }
    if (stoppedSeen) return;
    // One more look after the container stopped: its last output may still be reaching the file.
    if (!(await isRunning())) stoppedSeen = true;
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, stoppedSeen ? 200 : POLL_MS);
      function done(): void { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

export async function runAttach(session: RemoteCommandSession, source: StreamSource, target: { containerID: string; logPath: string },
  opts: RemoteCommandOptions, isRunning: () => boolean | Promise<boolean>): Promise<void> {
  const ac = new AbortController();
  void session.closed.then(() => ac.abort());
  if (opts.tty) session.onResize((size) => { void Promise.resolve(source.resize?.(target.containerID, size.width, size.height)).catch(() => undefined); });
  const stdin = session.stdin;
  if (stdin) {
    const w = await Promise.resolve(source.openStdin?.(target.containerID)).catch(() => undefined);
    if (w) {
      w.on('error', () => undefined);
      stdin.pipe(w);
      void session.closed.then(() => { stdin.unpipe(w); w.end(); });
    } else {
      stdin.resume();
    }
  }
  await followLog(target.logPath, (stream, content) => {
    const to = stream === 'stderr' && !opts.tty ? session.stderr : session.stdout;
    return write(to, content);
  }, isRunning, ac.signal).catch(() => undefined);
  if (ac.signal.aborted) return;
  await session.writeStatus(successStatus());
  await session.close();
}
