/**
 * exec through the kubelet server: the command runs in the container's running instance with the
 * streams the client asked for (a terminal when tty), its output copied with back-pressure, the
 * client's stdin and terminal sizes passed on, and its end reported on the error stream — Success,
 * NonZeroExitCode with the code, or an internal error when the runtime could not start it. A client
 * that goes away kills the command.
 */
import { Writable } from 'node:stream';
import type { Readable } from 'node:stream';
import {
  exitCodeStatus, internalErrorStatus, successStatus, type RemoteCommandOptions, type RemoteCommandSession, type TerminalSize,
} from '../../streaming/index.js';
import type { ExecProcess } from '../runtime/index.js';
import type { StreamSource } from './stream-source.js';

/** Copies a readable into a writable (or discards it) until it ends; never throws. */
export function copyOut(from: Readable, to: Writable | undefined): Promise<void> {
  return new Promise((resolve) => {
    const sink = to ?? new Writable({ write: (_c, _e, cb) => cb() });
    const done = (): void => { from.unpipe(sink); resolve(); };
    from.once('end', done);
    from.once('close', done);
    from.once('error', done);
    sink.once('error', () => { from.resume(); });
    from.pipe(sink, { end: false });
  });
}

export async function runExec(session: RemoteCommandSession, source: StreamSource, containerID: string, cmd: string[], opts: RemoteCommandOptions): Promise<void> {
  let proc: ExecProcess | undefined;
  let size: TerminalSize | undefined;
  session.onResize((s) => {
    if (proc) proc.resize?.(s.width, s.height);
    else size = s;
  });
  // A terminal starts at the client's size: kubectl sends it as soon as its streams are open.
  if (opts.tty) {
    for (let i = 0; i < 50 && !size; i++) await new Promise((r) => setTimeout(r, 20));
  }
  try {
    if (cmd.length === 0) throw new Error('no command given');
    proc = source.exec(containerID, { cmd, stdin: opts.stdin, tty: opts.tty, ...(size ? { size } : {}) });
  } catch (err) {
    await session.writeStatus(internalErrorStatus(`error executing command in container: ${err instanceof Error ? err.message : String(err)}`));
    await session.close();
    return;
  }
  const running = proc;
  let gone = false;
  void session.closed.then(() => {
    gone = true;
    running.kill();
  });
  const stdin = session.stdin;
  const procIn = running.stdin;
  if (stdin) {
    if (procIn) {
      procIn.on('error', () => undefined);
      stdin.pipe(procIn);
    } else {
      stdin.resume();
    }
  }
  const copies = [copyOut(running.stdout, session.stdout), copyOut(running.stderr, session.stderr)];
  const code = await running.wait();
  await Promise.all(copies);
  if (stdin && procIn) stdin.unpipe(procIn);
  if (gone) return;
  if (code === 0) await session.writeStatus(successStatus());
  else if (running.started && !(await running.started())) {
    await session.writeStatus(internalErrorStatus(`error executing command in container: failed to exec in container: OCI runtime exec failed: exec failed: unable to start container process (exit status ${code})`));
  } else await session.writeStatus(exitCodeStatus(code, cmd));
  await session.close();
}
