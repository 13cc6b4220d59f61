/**
 * A SPDY/3.1 session over any byte stream (a TLS socket after `Upgrade: SPDY/3.1`, or a WebSocket
 * tunnel), either end. Streams the peer opens are accepted with a SYN_REPLY and announced as
 * 'stream' events; `openStream` opens one from this side. PINGs are answered, GOAWAY is honoured,
 * RST_STREAM ends a stream. Frames leave in order through one queue (header compression is
 * asynchronous, and a stream's SYN_REPLY must precede its data).
 *
 * Flow control: both windows are counted (per stream and for the session) and WINDOW_UPDATEs are sent
 * as data is consumed; the peer's windows are enforced once it shows it does flow control (it sends a
 * WINDOW_UPDATE or an initial window size), because Go's spdystream — kubectl's — never does and
 * relies on TCP alone. A reader falling behind pauses the socket, as spdystream's blocking does.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import {
  encodeFrame, FrameReader, GoAwayStatus, RstStatus, SETTINGS_INITIAL_WINDOW_SIZE, SpdyProtocolError, type SpdyFrame,
} from './spdy-frame.js';
import { HeaderCompressor, HeaderDecompressor, type SpdyHeaders } from './spdy-headers.js';
import { SpdyStream, type StreamOwner } from './spdy-stream.js';

export const DEFAULT_WINDOW = 64 * 1024;
/** DATA frames carry at most this much. */
const MAX_CHUNK = 16 * 1024;
/** Acknowledge received data once this much has been consumed. */
const ACK_THRESHOLD = 16 * 1024;

export interface SpdyConnectionOptions {
  /** The server end: opens even-numbered streams, answers odd pings. */
  server: boolean;
}

interface Outgoing { frame: Buffer | Promise<Buffer>; done?: (err?: Error) => void }

export interface SpdyConnection {
  on(event: 'stream', listener: (stream: SpdyStream) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: 'goaway', listener: () => void): this;
  on(event: 'protocolError', listener: (err: Error) => void): this;
  on(event: 'pong', listener: (id: number) => void): this;
}

export class SpdyConnection extends EventEmitter implements StreamOwner {
  private readonly reader = new FrameReader();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private readonly full = new Set<SpdyStream>();
  private readonly inbound: SpdyFrame[] = [];
  private draining = false;
  private readonly outbound: Outgoing[] = [];
  private writing = false;
  private nextId: number;
  private lastPeerId = 0;
  private peerInitialWindow = DEFAULT_WINDOW;
  private sessionSendWindow = DEFAULT_WINDOW;
  private sessionUnacked = 0;
  private sessionWaiters: Array<() => void> = [];
  /** The peer showed it does flow control: its windows are enforced from now on. */
  private peerFlowControl = false;
  private goneAway = false;
  private closed = false;

  constructor(private readonly socket: Duplex, private readonly opts: SpdyConnectionOptions) {
    super();
    this.nextId = opts.server ? 2 : 1;
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('end', () => this.teardown());
    socket.on('close', () => this.teardown());
    socket.on('error', () => this.teardown());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Streams open now. */
  get streamCount(): number {
    return this.streams.size;
  }

  /** Opens a stream with these headers (names lowercased); resolves once the peer replied. */
  async openStream(headers: SpdyHeaders, opts: { fin?: boolean } = {}): Promise<SpdyStream> {
    if (this.closed || this.goneAway) throw new Error('Cannot open a stream: the connection is closing');
    const id = this.nextId;
    this.nextId += 2;
    const stream = new SpdyStream(this, id, headers, { replied: false, sendWindow: this.peerInitialWindow });
    this.streams.set(id, stream);
    const block = this.compressor.compress(headers);
    this.enqueue(block.then((headerBlock) => encodeFrame({
      type: 'syn_stream', streamId: id, associatedTo: 0, priority: 0, fin: !!opts.fin, unidirectional: false, headerBlock,
    })));
    if (opts.fin) stream.localClosed = true;
    if (!stream.replied) {
      await new Promise<void>((resolve, reject) => {
        stream.once('replied', resolve);
        stream.once('close', () => reject(new Error(`Cannot open stream ${id}: it was reset`)));
      });
    }
    return stream;
  }

  /**
   * Sends GOAWAY after what is queued, then leaves closing the connection to the peer (as spdystream
   * does): a Go client hands frames to workers that drop what they hold once the connection ends, so
   * ending it right after the last frames could lose them. After `lingerMs` it is closed anyway.
   */
  close(lingerMs = 10_000): void {
    if (this.closed) return;
    if (!this.goneAway) {
      this.goneAway = true;
      this.enqueue(encodeFrame({ type: 'goaway', lastGoodStreamId: this.lastPeerId, status: GoAwayStatus.OK }));
    }
    const timer = setTimeout(() => this.socket.end(), lingerMs);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.socket.destroy();
    this.teardown();
  }

  /** Sends a PING and resolves when the peer echoes it. */
  async ping(id = this.opts.server ? 2 : 1): Promise<void> {
    const echoed = new Promise<void>((resolve) => {
      const on = (got: number): void => { if (got === id) { this.off('pong', on); resolve(); } };
      this.on('pong', on);
    });
    this.enqueue(encodeFrame({ type: 'ping', id }));
    await echoed;
  }

  // --- StreamOwner ---

  async sendData(stream: SpdyStream, data: Buffer, fin: boolean): Promise<void> {
    let at = 0;
    do {
      if (stream.wasReset || this.closed) return;
      let n = Math.min(MAX_CHUNK, data.length - at);
      if (this.peerFlowControl && n > 0) {
        while (!stream.wasReset && !this.closed && (stream.sendWindow <= 0 || this.sessionSendWindow <= 0)) {
          await new Promise<void>((resolve) => {
            if (stream.sendWindow <= 0) stream.windowWaiters.push(resolve);
            else this.sessionWaiters.push(resolve);
          });
        }
        if (stream.wasReset || this.closed) return;
        n = Math.min(n, stream.sendWindow, this.sessionSendWindow);
      }
      const piece = data.subarray(at, at + n);
      at += n;
      stream.sendWindow -= n;
      this.sessionSendWindow -= n;
      const last = at >= data.length;
      await new Promise<void>((resolve, reject) => {
        this.enqueue(encodeFrame({ type: 'data', streamId: stream.id, fin: fin && last, data: piece }), (err) => (err ? reject(err) : resolve()));
      });
    } while (at < data.length);
  }

  sendReset(stream: SpdyStream, status: number): void {
    if (this.closed) return;
    this.enqueue(encodeFrame({ type: 'rst_stream', streamId: stream.id, status }));
  }

  readingResumed(stream: SpdyStream): void {
    this.acknowledge(stream);
    if (this.full.delete(stream) && this.full.size === 0) this.socket.resume();
  }

  forget(stream: SpdyStream): void {
    if (this.streams.get(stream.id) === stream) this.streams.delete(stream.id);
    if (this.full.delete(stream) && this.full.size === 0) this.socket.resume();
  }

  // --- incoming ---

  private received(chunk: Buffer): void {
    if (this.closed) return;
    let frames: SpdyFrame[];
    try {
      frames = this.reader.push(chunk);
    } catch (err) {
      this.protocolError(err);
      return;
    }
    this.inbound.push(...frames);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.inbound.length > 0 && !this.closed) {
        const pending = this.handle(this.inbound.shift()!);
        if (pending) await pending;
      }
    } catch (err) {
      this.protocolError(err);
    } finally {
      this.draining = false;
    }
  }

  private handle(f: SpdyFrame): Promise<void> | void {
    switch (f.type) {
      case 'syn_stream': return this.onSynStream(f);
      case 'syn_reply': return this.onSynReply(f.streamId, f.headerBlock, f.fin);
      case 'headers': return this.onHeaders(f.streamId, f.headerBlock, f.fin);
      case 'data': return this.onData(f.streamId, f.data, f.fin);
      case 'rst_stream': {
        const s = this.streams.get(f.streamId);
        if (s) { s.markReset(); s.destroy(); }
        return;
      }
      case 'settings':
        for (const e of f.entries) {
          if (e.id !== SETTINGS_INITIAL_WINDOW_SIZE) continue;
          const delta = e.value - this.peerInitialWindow;
          this.peerInitialWindow = e.value;
          this.peerFlowControl = true;
          for (const s of this.streams.values()) this.grow(s, delta);
        }
        return;
      case 'window_update':
        this.peerFlowControl = true;
        if (f.streamId === 0) {
          this.sessionSendWindow += f.delta;
          for (const w of this.sessionWaiters.splice(0)) w();
        } else {
          const s = this.streams.get(f.streamId);
          if (s) this.grow(s, f.delta);
        }
        return;
      case 'ping':
        if ((f.id % 2 === 0) === this.opts.server) this.emit('pong', f.id);
        else this.enqueue(encodeFrame({ type: 'ping', id: f.id }));
        return;
      case 'goaway':
        this.goneAway = true;
        this.emit('goaway');
        return;
      case 'unknown':
        return;
    }
  }

  private grow(s: SpdyStream, delta: number): void {
    s.sendWindow += delta;
    if (s.sendWindow > 0) for (const w of s.windowWaiters.splice(0)) w();
  }

  private async onSynStream(f: Extract<SpdyFrame, { type: 'syn_stream' }>): Promise<void> {
    // The header block must be inflated even for a stream that is refused: the zlib context is shared.
    const headers = await this.decompressor.decompress(f.headerBlock);
    const peerParity = this.opts.server ? 1 : 0;
    if (f.streamId % 2 !== peerParity || f.streamId <= this.lastPeerId) {
      this.enqueue(encodeFrame({ type: 'rst_stream', streamId: f.streamId, status: RstStatus.PROTOCOL_ERROR }));
      return;
    }
    this.lastPeerId = f.streamId;
    if (this.goneAway) {
      this.enqueue(encodeFrame({ type: 'rst_stream', streamId: f.streamId, status: RstStatus.REFUSED_STREAM }));
      return;
    }
    const stream = new SpdyStream(this, f.streamId, headers, { replied: true, sendWindow: this.peerInitialWindow });
    this.streams.set(f.streamId, stream);
    this.enqueue(this.compressor.compress({}).then((headerBlock) => encodeFrame({ type: 'syn_reply', streamId: f.streamId, fin: false, headerBlock })));
    if (f.fin || f.unidirectional) stream.remoteFin();
    this.emit('stream', stream);
  }

  private async onSynReply(id: number, block: Buffer, fin: boolean): Promise<void> {
    await this.decompressor.decompress(block);
    const s = this.streams.get(id);
    if (!s || s.replied) return;
    s.replied = true;
    s.emit('replied');
    if (fin) s.remoteFin();
  }

  private async onHeaders(id: number, block: Buffer, fin: boolean): Promise<void> {
    await this.decompressor.decompress(block);
    if (fin) this.streams.get(id)?.remoteFin();
  }

  private onData(id: number, data: Buffer, fin: boolean): void {
    this.sessionUnacked += data.length;
    const s = this.streams.get(id);
    if (!s) {
      // Data for a stream that is gone: its window is returned, the data dropped.
      this.acknowledgeSession();
      return;
    }
    if (data.length > 0) {
      s.unacked += data.length;
      if (s.deliver(data)) this.acknowledge(s);
      else if (!s.remoteClosed) {
        this.full.add(s);
        this.socket.pause();
      }
    }
    if (fin) s.remoteFin();
  }

  private acknowledge(s: SpdyStream): void {
    if (s.unacked >= ACK_THRESHOLD && !s.remoteClosed) {
      this.enqueue(encodeFrame({ type: 'window_update', streamId: s.id, delta: s.unacked }));
      s.unacked = 0;
    }
    this.acknowledgeSession();
  }

  private acknowledgeSession(): void {
    if (this.sessionUnacked >= ACK_THRESHOLD) {
      this.enqueue(encodeFrame({ type: 'window_update', streamId: 0, delta: this.sessionUnacked }));
      this.sessionUnacked = 0;
    }
  }

  // --- outgoing ---

  private enqueue(frame: Buffer | Promise<Buffer>, done?: (err?: Error) => void): void {
    if (this.closed) {
      if (frame instanceof Promise) frame.catch(() => undefined);
      done?.(new Error('Cannot send: the SPDY connection is closed'));
      return;
    }
    this.outbound.push({ frame, done });
    if (!this.writing) void this.flush();
  }

  private async flush(): Promise<void> {
    this.writing = true;
    try {
      while (this.outbound.length > 0) {
        const item = this.outbound.shift()!;
        if (this.closed) {
          item.done?.(new Error('Cannot send: the SPDY connection is closed'));
          continue;
        }
        let buf: Buffer;
        try {
          buf = await item.frame;
        } catch (err) {
          item.done?.(err instanceof Error ? err : new Error(String(err)));
          this.destroy();
          continue;
        }
        if (buf.length > 0 && !this.socket.write(buf) && !this.closed) await this.drained();
        item.done?.();
      }
    } finally {
      this.writing = false;
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  private protocolError(err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err));
    this.emit('protocolError', e);
    if (!this.closed && e instanceof SpdyProtocolError) {
      this.goneAway = true;
      this.outbound.length = 0;
      this.socket.write(encodeFrame({ type: 'goaway', lastGoodStreamId: this.lastPeerId, status: GoAwayStatus.PROTOCOL_ERROR }));
    }
    this.socket.destroy();
    this.teardown();
  }

  private teardown(): void {
    if (this.closed) return;
    this.closed = true;
    this.inbound.length = 0;
    for (const item of this.outbound.splice(0)) item.done?.(new Error('Cannot send: the SPDY connection is closed'));
    for (const w of this.sessionWaiters.splice(0)) w();
    for (const s of [...this.streams.values()]) {
      s.markReset();
      s.destroy();
    }
    this.streams.clear();
    this.compressor.close();
    this.decompressor.close();
    if (!this.socket.destroyed) this.socket.destroy();
    this.emit('close');
  }
}
