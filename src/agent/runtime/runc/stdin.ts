/**
 * Writing to a container's standard input (attach to a `stdin: true` container). The container reads
 * its stdin FIFO, which a keeper process holds open (container-process.ts); a writer opened here adds
 * to it. For a stdinOnce container the first writer's end closes stdin for good: the keeper is ended
 * and a mark left, so the container reads end-of-file and later attaches get no writer. Also the
 * size of a tty container's console.
 */
import { constants, openSync } from 'node:fs';
import { readFile, readlink, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import type { ContainerFiles } from './container-files.js';
import { runCommand } from './host.js';

async function exists(path: string): Promise<boolean> {
  return readFile(path).then(() => true, () => false);
}

/** Ends the keeper (if it is still a sleep we started) and marks stdin closed. */
export async function closeStdinForGood(files: ContainerFiles): Promise<void> {
  await writeFile(files.stdinClosed, '').catch(() => undefined);
  const pid = Number((await readFile(files.stdinKeeper, 'utf8').catch(() => '')).trim());
  if (!(pid > 0)) return;
  const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmd.startsWith('sleep\0')) return;
  try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ }
}

/**
 * A writer to the container's stdin, or undefined when it keeps none, it was closed (stdinOnce) or
 * nothing reads it any more (the container is gone).
 */
export async function openContainerStdin(files: ContainerFiles): Promise<Writable | undefined> {
  const rec = await files.readRecord().catch(() => undefined);
  if (!rec?.stdin) return undefined;
  if (await exists(files.stdinClosed)) return undefined;
  let fd: number;
  try {
    // Non-blocking: fails with ENXIO at once when no process has the FIFO open for reading.
    fd = openSync(files.stdin, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  const w = new Socket({ fd, readable: false, writable: true });
  w.on('error', () => undefined);
  if (rec.stdinOnce) {
    let closed = false;
    const once = (): void => {
      if (closed) return;
      closed = true;
      void closeStdinForGood(files);
    };
    w.once('finish', once);
    w.once('close', once);
  }
  return w;
}

/**
 * Resizes the console of a tty container (attach's resize events): the size is set on the terminal
 * runc runs on (its stdin, the `script` pseudo-terminal), and runc, told by SIGWINCH, passes it on
 * to the container's console. Does nothing for a container without a terminal or not running.
 */
export async function resizeContainerTerminal(files: ContainerFiles, width: number, height: number): Promise<void> {
  if (!(width > 0 && height > 0)) return;
  const rec = await files.readRecord().catch(() => undefined);
  if (!rec?.tty) return;
  const obs = await files.observe();
  if (obs.state !== 'running' || !obs.pid) return;
  const stat = await readFile(`/proc/${obs.pid}/stat`, 'utf8').catch(() => '');
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (!(ppid > 0) || (await readFile(`/proc/${ppid}/comm`, 'utf8').catch(() => '')).trim() !== 'runc') return;
  const tty = await readlink(`/proc/${ppid}/fd/0`).catch(() => '');
  if (!/^\/dev\/pts\/\d+$/.test(tty)) return;
  await runCommand('stty', ['-F', tty, 'rows', String(Math.floor(height)), 'cols', String(Math.floor(width))]);
}
