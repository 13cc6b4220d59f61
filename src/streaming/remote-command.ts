/**
 * The server end of exec and attach (Kubernetes' remotecommand protocols) over either transport:
 * SPDY/3.1, where the client opens one stream per channel (`streamtype` error, stdin, stdout, stderr,
 * resize) and the server waits for all it asked for, or WebSocket with numbered channels. The result
 * is transport-free: stdin to read, stdout/stderr to write, terminal sizes, and the final status for
 * the error stream. kubectl up to 1.29 uses SPDY (v4.channel.k8s.io); 1.30 and later WebSocket
 * (v5.channel.k8s.io), falling back to SPDY when the upgrade is refused.
 */
import type { IncomingMessage } from 'node:http';
import { finished, type Readable, type Writable } from 'node:stream';
import type { Duplex } from 'node:stream';
import { ChannelConnection } from './channel-conn.js';
import { encodeExecStatus, type ExecStatus } from './exec-status.js';
import { ResizeDecoder, type TerminalSize } from './resize.js';
import type { SpdyStream } from './spdy-stream.js';
import { acceptSpdy, acceptWebSocket, isWebSocketRequest, spdyHandshake } from './upgrade.js';

export const REMOTE_COMMAND_SPDY_PROTOCOLS = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'] as const;
export const REMOTE_COMMAND_WEBSOCKET_PROTOCOLS = [
  'v5.channel.k8s.io', 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'channel.k8s.io', 'base64.channel.k8s.io', '',
] as const;

/** How long the client has to open the streams it asked for (the kubelet's default). */
export const DEFAULT_STREAM_CREATION_TIMEOUT_MS = 30_000;

export interface RemoteCommandOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export interface RemoteCommandSession {
  transport: 'spdy' | 'websocket';
  protocol: string;
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** Calls back with each terminal size the client sends (tty sessions). */
  onResize(listener: (size: TerminalSize) => void): void;
  /** Writes the final status on the error stream (JSON for v4 and later). */
  writeStatus(status: ExecStatus): Promise<void>;
  /** Resolves once the client's connection is gone. */
  readonly closed: Promise<void>;
  /** Finishes what was written, then closes every stream and the connection. */
  close(): Promise<void>;
  /** Drops the connection at once. */
  destroy(): void;
}

/** Waits until a writable side has flushed, or at most `ms`. */
function flushed(w: Writable | undefined, ms = 5_000): Promise<void> {
  if (!w || w.writableFinished || w.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    finished(w, { readable: false }, () => { clearTimeout(timer); resolve(); });
    if (!w.writableEnded) w.end();
  });
}

function resizeFeed(source: Readable | undefined): (listener: (size: TerminalSize) => void) => void {
  const listeners: Array<(size: TerminalSize) => void> = [];
  if (source) {
    const decoder = new ResizeDecoder();
    source.on('data', (c: Buffer) => { for (const s of decoder.push(c)) for (const l of listeners) l(s); });
    source.on('error', () => undefined);
  }
  return (l) => { listeners.push(l); };
}

async function spdySession(req: IncomingMessage, socket: Duplex, head: Buffer, opts: RemoteCommandOptions, timeoutMs: number): Promise<RemoteCommandSession | undefined> {
  const protocol = spdyHandshake(req, socket, REMOTE_COMMAND_SPDY_PROTOCOLS);
  if (!protocol) return undefined;
  const conn = acceptSpdy(req, socket, head, protocol);
  if (!conn) return undefined;
  const resizable = protocol === 'v4.channel.k8s.io' || protocol === 'v3.channel.k8s.io';
  const wanted = new Set<string>(['error']);
  if (opts.stdin) wanted.add('stdin');
  if (opts.stdout) wanted.add('stdout');
  if (opts.stderr && !opts.tty) wanted.add('stderr');
  if (opts.tty && resizable) wanted.add('resize');
  const closed = new Promise<void>((resolve) => conn.once('close', () => resolve()));

  const got = new Map<string, SpdyStream>();
  const complete = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const onStream = (s: SpdyStream): void => {
      const type = s.header('streamtype') ?? '';
      s.on('error', () => undefined);
      if (!wanted.has(type) || got.has(type)) return;
      got.set(type, s);
      if (got.size === wanted.size) { clearTimeout(timer); conn.off('stream', onStream); resolve(true); }
    };
    conn.on('stream', onStream);
    void closed.then(() => { clearTimeout(timer); resolve(false); });
  });
  if (!complete) {
    conn.destroy();
    return undefined;
  }
  const error = got.get('error')!;
  const stdin = got.get('stdin');
  if (protocol === 'channel.k8s.io') stdin?.end(); // v1 closed its stdin stream's server side at once
  const outputs = [error, got.get('stdout'), got.get('stderr'), stdin, got.get('resize')];
  return {
    transport: 'spdy', protocol, stdin, stdout: got.get('stdout'), stderr: got.get('stderr'),
    onResize: resizeFeed(got.get('resize')),
    async writeStatus(status) {
      const body = encodeExecStatus(status, protocol === 'v4.channel.k8s.io');
      if (body.length > 0) error.write(body);
      await flushed(error);
    },
    closed,
    async close() {
      await Promise.all(outputs.map((w) => flushed(w)));
      conn.close();
    },
    destroy: () => conn.destroy(),
  };
}

async function webSocketSession(req: IncomingMessage, socket: Duplex, head: Buffer, opts: RemoteCommandOptions): Promise<RemoteCommandSession | undefined> {
  const accepted = await acceptWebSocket(req, socket, head, REMOTE_COMMAND_WEBSOCKET_PROTOCOLS);
  if (!accepted) return undefined;
  const { ws, protocol } = accepted;
  const versioned = protocol.startsWith('v4.') || protocol.startsWith('v5.');
  const ch = new ChannelConnection(ws, { base64: protocol.includes('base64'), closeSignal: protocol.startsWith('v5.') });
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
  const stdout = opts.stdout ? ch.output(1) : undefined;
  const stderr = opts.stderr && !opts.tty ? ch.output(2) : undefined;
  const error = ch.output(3);
  // The kubelet announces the connection with an empty message on its lowest writable channel.
  ch.send(stdout ? 1 : stderr ? 2 : 3, Buffer.alloc(0));
  return {
    transport: 'websocket', protocol, stdin: opts.stdin ? ch.input(0) : undefined, stdout, stderr,
    onResize: resizeFeed(opts.tty && versioned ? ch.input(4) : undefined),
    async writeStatus(status) {
      const body = encodeExecStatus(status, versioned);
      if (body.length > 0) error.write(body);
      await flushed(error);
    },
    closed,
    async close() {
      await Promise.all([stdout, stderr, error].map((w) => flushed(w)));
      ch.close();
    },
    destroy: () => ws.terminate(),
  };
}

/**
 * Upgrades the request and waits for the client's streams. Undefined when the client was answered
 * with an error or went away (nothing is left open then).
 */
export async function acceptRemoteCommand(req: IncomingMessage, socket: Duplex, head: Buffer, opts: RemoteCommandOptions,
  streamCreationTimeoutMs = DEFAULT_STREAM_CREATION_TIMEOUT_MS): Promise<RemoteCommandSession | undefined> {
  if (isWebSocketRequest(req)) return webSocketSession(req, socket, head, opts);
  return spdySession(req, socket, head, opts, streamCreationTimeoutMs);
}

