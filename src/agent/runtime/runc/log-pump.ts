/**
 * Carries a container's stdout and stderr from its two FIFOs into the CRI log file. The container
 * side holds the FIFOs open read-write (see container-process.ts), so the container never gets
 * SIGPIPE while no agent reads: output waits in the pipe buffer and is read when an agent (this one
 * or the next after a restart) opens the FIFOs again. The pump ends when both FIFOs reach end of
 * file, which happens once the container and its supervising shell have exited.
 */
import { constants, openSync } from 'node:fs';
import { Socket } from 'node:net';
import { CriLogWriter, type LogStream } from './cri-log.js';

export interface LogPump {
  /** Resolves when both streams ended (the container exited) or the pump was closed. */
  readonly done: Promise<void>;
  close(): Promise<void>;
}

export function startLogPump(fifos: Record<LogStream, string>, logPath: string): LogPump {
  const writer = new CriLogWriter(logPath);
  const sockets: Socket[] = [];
  const ended: Array<Promise<void>> = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    // A plain descriptor (not a FileHandle, which would be closed when collected); opening a FIFO
    // non-blocking for reading returns at once.
    const fd = openSync(fifos[stream], constants.O_RDONLY | constants.O_NONBLOCK);
    const sock = new Socket({ fd, readable: true, writable: false });
    sockets.push(sock);
    ended.push(new Promise<void>((resolve) => {
      sock.on('data', (chunk: Buffer) => writer.write(stream, chunk));
      sock.on('end', () => { writer.endStream(stream); resolve(); });
      sock.on('close', () => resolve());
      sock.on('error', () => resolve());
    }));
  }
  let closed = false;
  const done = Promise.all(ended).then(async () => {
    for (const s of sockets) s.destroy();
    await writer.close();
  });
  return {
    done,
    async close() {
      if (closed) return done;
      closed = true;
      for (const s of sockets) s.destroy();
      return done;
    },
  };
}
