/**
 * The server end of port-forward (Kubernetes' portforward.k8s.io) over its three transports:
 * - SPDY/3.1: per forwarded connection the client opens an error stream and a data stream carrying
 *   `port` and a shared `requestid`; once both are there the connection is forwarded, and a failure is
 *   written as text on the error stream (kubectl up to 1.30);
 * - SPDY tunnelled in WebSocket binary messages, sub-protocol `SPDY/3.1+portforward.k8s.io`
 *   (kubectl 1.31 and later);
 * - WebSocket channels (`v4.channel.k8s.io`, ports from the `port` query): channel 2i carries port i's
 *   data, 2i+1 its errors, each first announcing the port as 16-bit little-endian.
 * How a connection reaches the pod is the caller's `Forwarder`.
 */
import type { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { createWebSocketStream } from 'ws';
import { ChannelConnection } from './channel-conn.js';
import { SpdyConnection } from './spdy-connection.js';
import type { SpdyStream } from './spdy-stream.js';
import { acceptSpdy, acceptWebSocket, isWebSocketRequest, spdyHandshake, SPDY_TUNNEL_PREFIX } from './upgrade.js';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';
export const PORT_FORWARD_WEBSOCKET_PROTOCOLS = [
  `${SPDY_TUNNEL_PREFIX}${PORT_FORWARD_PROTOCOL}`, 'v4.channel.k8s.io', 'v4.base64.channel.k8s.io', '',
] as const;
export const DEFAULT_PAIR_TIMEOUT_MS = 30_000;

/** Carries one forwarded connection over `stream` until either side ends; rejects with what to report. */
export type Forwarder = (port: number, stream: Duplex, signal: AbortSignal) => Promise<void>;

export interface PortForwardOptions {
  /** How the error message names the pod: `error forwarding port P to pod <pod>, uid <uid>: …`. */
  pod: string;
  uid: string;
  forward: Forwarder;
  /** For WebSocket channels: the ports of the `port` query parameter. */
  ports?: number[];
  streamCreationTimeoutMs?: number;
}

export interface PortForwardSession {
  /** Connections being forwarded now. */
  readonly active: number;
  readonly closed: Promise<void>;
  destroy(): void;
}

/** The kubelet's parse of `port` query values (comma lists allowed); throws its message. */
export function parsePortForwardPorts(values: string[]): number[] {
  if (values.length === 0) throw new Error('query parameter "port" is required');
  const ports: number[] = [];
  for (const v of values) {
    if (v === '') throw new Error('query parameter "port" cannot be empty');
    for (const p of v.split(',')) {
      const n = /^\d+$/.test(p) ? Number(p) : NaN;
      if (!Number.isInteger(n) || n > 65535) throw new Error(`unable to parse "${v}" as a port: strconv.ParseUint: parsing ${JSON.stringify(p)}: ${/^\d+$/.test(p) ? 'value out of range' : 'invalid syntax'}`);
      if (n < 1) throw new Error(`port "${v}" must be > 0`);
      ports.push(n);
    }
  }
  return ports;
}

interface Pair { id: string; data?: SpdyStream; error?: SpdyStream; timer?: NodeJS.Timeout }

class Tracker {
  active = 0;
  readonly controllers = new Set<AbortController>();

  async run(opts: PortForwardOptions, port: number, data: Duplex, report: (msg: string) => void): Promise<void> {
    const ac = new AbortController();
    this.controllers.add(ac);
    this.active++;
    try {
      await opts.forward(port, data, ac.signal);
    } catch (err) {
      report(`error forwarding port ${port} to pod ${opts.pod}, uid ${opts.uid}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.active--;
      this.controllers.delete(ac);
    }
  }

  abortAll(): void {
    for (const ac of this.controllers) ac.abort();
  }
}

function serveSpdy(conn: SpdyConnection, opts: PortForwardOptions): PortForwardSession {
  const tracker = new Tracker();
  const pairs = new Map<string, Pair>();
  const timeout = opts.streamCreationTimeoutMs ?? DEFAULT_PAIR_TIMEOUT_MS;
  const closed = new Promise<void>((resolve) => conn.once('close', () => { tracker.abortAll(); resolve(); }));

  conn.on('stream', (s: SpdyStream) => {
    s.on('error', () => undefined);
    const portText = s.header('port') ?? '';
    const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    const type = s.header('streamtype') ?? '';
    if (!Number.isInteger(port) || port < 1 || port > 65535 || (type !== 'error' && type !== 'data')) {
      s.reset();
      return;
    }
    // Clients before request ids: a pair is an error stream and the data stream opened right after it.
    const id = s.header('requestid') ?? String(type === 'error' ? s.id : s.id - 2);
    let pair = pairs.get(id);
    if (!pair) {
      const created: Pair = { id };
      pair = created;
      pairs.set(id, created);
      created.timer = setTimeout(() => {
        pairs.delete(id);
        created.error?.end(`(conn=${conn.streamCount}, request=${id}) timed out waiting for streams`);
        created.data?.end();
      }, timeout);
    }
    if (pair[type]) {
      const msg = `error processing stream for request ${id}: ${type} stream already assigned`;
      pair.error?.write(msg);
      s.reset();
      return;
    }
    pair[type] = s;
    if (!pair.data || !pair.error) return;
    clearTimeout(pair.timer);
    pairs.delete(id);
    const { data, error } = pair;
    void tracker.run(opts, port, data, (msg) => { error.write(msg); }).finally(() => {
      error.end();
      if (!data.writableEnded) data.end();
    });
  });

  return {
    get active() { return tracker.active; },
    closed,
    destroy: () => conn.destroy(),
  };
}

function serveChannels(ch: ChannelConnection, opts: PortForwardOptions): PortForwardSession {
  const tracker = new Tracker();
  const closed = new Promise<void>((resolve) => ch.ws.once('close', () => { tracker.abortAll(); resolve(); }));
  const ports = opts.ports ?? [];
  const runs = ports.map((port, i) => {
    const announce = Buffer.alloc(2);
    announce.writeUInt16LE(port);
    ch.send(2 * i, announce);
    ch.send(2 * i + 1, announce);
    const data = Duplex.from({ readable: ch.input(2 * i), writable: ch.output(2 * i) });
    data.on('error', () => undefined);
    return tracker.run(opts, port, data, (msg) => ch.send(2 * i + 1, Buffer.from(msg)));
  });
  void Promise.all(runs).then(() => ch.close());
  return {
    get active() { return tracker.active; },
    closed,
    destroy: () => ch.ws.terminate(),
  };
}

/** Upgrades the request and serves it; undefined when the client was answered with an error. */
export async function acceptPortForward(req: IncomingMessage, socket: Duplex, head: Buffer, opts: PortForwardOptions): Promise<PortForwardSession | undefined> {
  if (isWebSocketRequest(req)) {
    const accepted = await acceptWebSocket(req, socket, head, PORT_FORWARD_WEBSOCKET_PROTOCOLS);
    if (!accepted) return undefined;
    if (accepted.protocol.startsWith(SPDY_TUNNEL_PREFIX)) {
      const tunnel = createWebSocketStream(accepted.ws);
      tunnel.on('error', () => undefined);
      return serveSpdy(new SpdyConnection(tunnel, { server: true }), opts);
    }
    return serveChannels(new ChannelConnection(accepted.ws, { base64: accepted.protocol.includes('base64') }), opts);
  }
  const protocol = spdyHandshake(req, socket, [PORT_FORWARD_PROTOCOL]);
  if (!protocol) return undefined;
  const conn = acceptSpdy(req, socket, head, protocol);
  return conn ? serveSpdy(conn, opts) : undefined;
}
