/**
 * Kubernetes' WebSocket channel protocols (`channel.k8s.io` and its versions `v4.`/`v5.`, and the
 * `base64.` text variants): every message starts with the channel number (a byte, or an ASCII digit
 * in base64 mode) and carries that channel's bytes. In v5 a message `[255, n]` from the peer closes
 * its side of channel n (how kubectl half-closes stdin). Inputs are Readables with backpressure (the
 * socket pauses while one is full); outputs are Writables whose callbacks wait for the socket.
 */
import { Readable, Writable } from 'node:stream';
import type { WebSocket } from 'ws';

export const STREAM_CLOSE = 255;

export interface ChannelOptions {
  /** base64.* protocols: text messages, an ASCII digit for the channel, base64 data. */
  base64?: boolean;
  /** v5: a `[255, n]` message closes channel n. */
  closeSignal?: boolean;
}

export class ChannelConnection {
  private readonly inputs = new Map<number, Readable>();
  private readonly full = new Set<number>();
  private readonly ended = new Set<number>();
  private closed = false;

  constructor(readonly ws: WebSocket, private readonly opts: ChannelOptions = {}) {
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => this.message(toBuffer(data), isBinary));
    ws.on('close', () => this.teardown());
    ws.on('error', () => this.teardown());
  }

  /** The bytes the peer sends on a channel, ending when it closes the channel or the connection. */
  input(channel: number): Readable {
    let r = this.inputs.get(channel);
    if (!r) {
      r = new Readable({
        read: () => {
          if (this.full.delete(channel) && this.full.size === 0 && !this.closed) this.ws.resume();
        },
      });
      this.inputs.set(channel, r);
      if (this.closed) this.end(channel);
    }
    return r;
  }

  /** A Writable whose chunks go out as messages on the channel. Ending it sends nothing. */
  output(channel: number): Writable {
    return new Writable({
      write: (chunk: Buffer, _enc, cb) => this.send(channel, chunk, cb),
    });
  }

  /** Sends one message on a channel (an empty one is allowed: kubelets announce channels that way). */
  send(channel: number, data: Buffer, cb?: (err?: Error | null) => void): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) {
      cb?.();
      return;
    }
    const frame = this.opts.base64
      ? Buffer.from(String.fromCharCode(48 + channel) + data.toString('base64'), 'latin1')
      : Buffer.concat([Buffer.from([channel]), data]);
    this.ws.send(frame, { binary: !this.opts.base64 }, () => cb?.());
  }

  /** Closes the WebSocket normally (1000), after what was sent. */
  close(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.close(1000);
    this.teardown();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private message(data: Buffer, isBinary: boolean): void {
    if (data.length === 0) return;
    let channel = data[0]!;
    let payload = data.subarray(1);
    if (this.opts.base64) {
      if (isBinary) return;
      channel -= 48;
      payload = Buffer.from(payload.toString('latin1'), 'base64');
    } else if (!isBinary) {
      return;
    }
    if (this.opts.closeSignal && channel === STREAM_CLOSE) {
      if (payload.length >= 1) this.end(payload[0]!);
      return;
    }
    const r = this.inputs.get(channel);
    if (!r || this.ended.has(channel) || payload.length === 0) return;
    if (!r.push(payload)) {
      this.full.add(channel);
      this.ws.pause();
    }
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const channel of this.inputs.keys()) this.end(channel);
  }

  private end(channel: number): void {
    const r = this.inputs.get(channel);
    if (!r || this.ended.has(channel)) return;
    this.ended.add(channel);
    r.push(null);
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
