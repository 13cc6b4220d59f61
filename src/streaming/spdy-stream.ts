/**
 * One SPDY stream as a Node Duplex: what the peer sends on it is readable (ending at its FIN), what
 * is written goes out as DATA frames (end() sends FIN). `reset()` abandons it with RST_STREAM. The
 * connection owns the framing; this class only keeps the stream's state.
 */
import { Duplex } from 'node:stream';
import { RstStatus } from './spdy-frame.js';
import { headerValue, type SpdyHeaders } from './spdy-headers.js';

/** What a stream needs of its connection. */
export interface StreamOwner {
  sendData(stream: SpdyStream, data: Buffer, fin: boolean): Promise<void>;
  sendReset(stream: SpdyStream, status: number): void;
  readingResumed(stream: SpdyStream): void;
  forget(stream: SpdyStream): void;
}

export class SpdyStream extends Duplex {
  /** The peer has sent FIN (or reset the stream). */
  remoteClosed = false;
  /** This side has sent FIN (or reset the stream). */
  localClosed = false;
  /** Reset by either side. */
  wasReset = false;
  /** For streams this side opened: the peer's SYN_REPLY arrived. */
  replied: boolean;
  /** Flow control: bytes the peer lets us send now, and bytes received not yet acknowledged. */
  sendWindow: number;
  unacked = 0;
  /** Resolved when the send window opens again. */
  windowWaiters: Array<() => void> = [];

  constructor(
    private readonly owner: StreamOwner,
    readonly id: number,
    readonly headers: SpdyHeaders,
    opts: { replied: boolean; sendWindow: number },
  ) {
    super({ allowHalfOpen: true });
    this.replied = opts.replied;
    this.sendWindow = opts.sendWindow;
  }

  /** A header's first value (names are case-insensitive). */
  header(name: string): string | undefined {
    return headerValue(this.headers, name);
  }

  /** Abandons the stream: RST_STREAM to the peer, both directions closed. */
  reset(status: number = RstStatus.CANCEL): void {
    if (!this.wasReset && !(this.localClosed && this.remoteClosed)) this.owner.sendReset(this, status);
    this.markReset();
    this.destroy();
  }

  /** The stream ended by a reset (from either side): reading ends, writes are dropped. */
  markReset(): void {
    this.wasReset = true;
    this.localClosed = true;
    if (!this.remoteClosed) {
      this.remoteClosed = true;
      this.push(null);
    }
    for (const w of this.windowWaiters.splice(0)) w();
  }

  /** Data arrived from the peer; false when the reader is behind. */
  deliver(data: Buffer): boolean {
    if (this.remoteClosed) return true;
    return this.push(data);
  }

  /** The peer's FIN. */
  remoteFin(): void {
    if (this.remoteClosed) return;
    this.remoteClosed = true;
    this.push(null);
    if (this.localClosed) this.owner.forget(this);
  }

  override _read(): void {
    this.owner.readingResumed(this);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.wasReset) { cb(); return; }
    this.owner.sendData(this, chunk, false).then(() => cb(), cb);
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (this.localClosed) { cb(); return; }
    this.owner.sendData(this, Buffer.alloc(0), true).then(() => {
      this.localClosed = true;
      if (this.remoteClosed) this.owner.forget(this);
      cb();
    }, cb);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.localClosed || !this.remoteClosed) {
      if (!this.wasReset) this.owner.sendReset(this, RstStatus.CANCEL);
      this.wasReset = true;
      this.localClosed = true;
      this.remoteClosed = true;
    }
    for (const w of this.windowWaiters.splice(0)) w();
    this.owner.forget(this);
    cb(err);
  }
}
