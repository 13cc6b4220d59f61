/**
 * SPDY/3 header blocks (draft 3, section 2.6.10): a 32-bit count, then length-prefixed names and
 * values (several values of one name joined by NUL), compressed with zlib over the SPDY dictionary.
 * Each direction of a connection keeps ONE zlib context for its whole life, every block ending in a
 * sync flush; so compression and decompression go strictly in frame order (each class serialises
 * its calls). Names are lowercase on the wire, as Go's framer insists.
 */
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY3_DICTIONARY } from './spdy-dictionary.js';
import { SpdyProtocolError } from './spdy-frame.js';

/** Header names (lowercase) to their values. */
export type SpdyHeaders = Record<string, string[]>;

/** The largest header block accepted once inflated. */
const MAX_HEADER_BYTES = 256 * 1024;

export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const entries = Object.entries(headers).filter(([, v]) => v.length > 0);
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  count.writeUInt32BE(entries.length);
  parts.push(count);
  for (const [name, values] of entries) {
    for (const s of [name.toLowerCase(), values.join('\0')]) {
      const b = Buffer.from(s, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(b.length);
      parts.push(len, b);
    }
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): SpdyHeaders {
  const fail = (why: string): never => { throw new SpdyProtocolError(`invalid header block: ${why}`); };
  if (block.length < 4) fail('too short');
  const n = block.readUInt32BE(0);
  let at = 4;
  const read = (): string => {
    if (at + 4 > block.length) fail('truncated');
    const len = block.readUInt32BE(at);
    at += 4;
    if (at + len > block.length) fail('truncated');
    const s = block.toString('utf8', at, at + len);
    at += len;
    return s;
  };
  const headers: SpdyHeaders = {};
  for (let i = 0; i < n; i++) {
    const name = read();
    const value = read();
    if (name === '') fail('empty header name');
    if (name !== name.toLowerCase()) fail(`header ${JSON.stringify(name)} was not lowercased`);
    if (Object.hasOwn(headers, name)) fail(`multiple headers named ${JSON.stringify(name)}`);
    headers[name] = value.split('\0');
  }
  if (at !== block.length) fail('trailing bytes');
  return headers;
}

/** Runs `step` after every earlier call of the same queue has settled. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(step: () => Promise<T>): Promise<T> {
    const next = this.tail.then(step, step);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function flushed(z: Deflate | Inflate, input: Buffer, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > limit && !failed) {
        failed = true;
        cleanup();
        reject(new SpdyProtocolError('header block too large'));
        return;
      }
      out.push(c);
    };
    const onError = (err: Error): void => {
      cleanup();
      if (!failed) reject(new SpdyProtocolError(`header block: ${err.message}`));
      failed = true;
    };
    const cleanup = (): void => { z.off('data', onData); z.off('error', onError); };
    z.on('data', onData);
    z.on('error', onError);
    z.write(input);
    z.flush(constants.Z_SYNC_FLUSH, () => {
      // Output pushed while flushing may still be on its way to 'data' listeners: let it arrive.
      setImmediate(() => {
        cleanup();
        if (!failed) resolve(Buffer.concat(out));
      });
    });
  });
}

export class HeaderCompressor {
  private readonly z = createDeflate({ dictionary: SPDY3_DICTIONARY, level: constants.Z_BEST_COMPRESSION });
  private readonly serial = new Serial();

  compress(headers: SpdyHeaders): Promise<Buffer> {
    return this.serial.run(() => flushed(this.z, encodeHeaderBlock(headers), Number.MAX_SAFE_INTEGER));
  }

  close(): void {
    this.z.on('error', () => undefined);
    this.z.close();
  }
}

export class HeaderDecompressor {
  private readonly z = createInflate({ dictionary: SPDY3_DICTIONARY });
  private readonly serial = new Serial();
  private broken?: Error;

  /** Inflates one compressed block; once a block fails, the context is lost and every later one fails. */
  decompress(block: Buffer): Promise<SpdyHeaders> {
    return this.serial.run(async () => {
      if (this.broken) throw this.broken;
      try {
        return decodeHeaderBlock(await flushed(this.z, block, MAX_HEADER_BYTES));
      } catch (err) {
        this.broken = err instanceof Error ? err : new Error(String(err));
        throw this.broken;
      }
    });
  }

  close(): void {
    this.z.on('error', () => undefined);
    this.z.close();
  }
}

/** The first value of a header (names are matched case-insensitively). */
export function headerValue(headers: SpdyHeaders, name: string): string | undefined {
  return headers[name.toLowerCase()]?.[0];
}
