/**
 * WireWriter: a growable byte buffer for building DNS messages, with name compression (RFC 1035
 * 4.1.4). Its buffer may start part-way into a message (`base`): prepared answers are written to
 * sit after a question that is copied from each query, and the question's name is `seed`ed so
 * records point at it.
 */
import { nameLabels, labelText, lowerName } from './name.js';

const MAX_POINTER = 0x3fff;

export class WireWriter {
  buf: Buffer;
  pos = 0;
  private readonly comp = new Map<string, number>();

  /** `base`: the message offset of this buffer's first byte. */
  constructor(readonly base = 0, size = 512) {
    this.buf = Buffer.allocUnsafe(size);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
  }

  u16(v: number): void {
    this.ensure(2);
    this.buf.writeUInt16BE(v & 0xffff, this.pos);
    this.pos += 2;
  }

  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Patches a 16-bit value at a buffer position. */
  setU16(at: number, v: number): void {
    this.buf.writeUInt16BE(v & 0xffff, at);
  }

  /** Registers a name already present at message offset `at` (uncompressed) as a compression target. */
  seed(name: string, at: number): void {
    const labels = nameLabels(name);
    const keys = suffixKeys(labels);
    let off = at;
    for (let i = 0; i < labels.length; i++) {
      if (off <= MAX_POINTER && !this.comp.has(keys[i])) this.comp.set(keys[i], off);
      off += labels[i].length + 1;
    }
  }

  /** Writes a name, pointing at an earlier copy of its longest known suffix when `compress`. */
  name(name: string, compress = true): void {
    const labels = nameLabels(name);
    const keys = suffixKeys(labels);
    for (let i = 0; i < labels.length; i++) {
      if (compress) {
        const ptr = this.comp.get(keys[i]);
        if (ptr !== undefined) {
          this.u16(0xc000 | ptr);
          return;
        }
        const here = this.base + this.pos;
        if (here <= MAX_POINTER) this.comp.set(keys[i], here);
      }
      this.u8(labels[i].length);
      this.bytes(labels[i]);
    }
    this.u8(0);
  }

  /** A copy of what was written. */
  finish(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

function suffixKeys(labels: Buffer[]): string[] {
  const keys = new Array<string>(labels.length);
  let acc = '';
  for (let i = labels.length - 1; i >= 0; i--) {
    const t = lowerName(labelText(labels[i], 0, labels[i].length));
    acc = acc === '' ? t : `${t}.${acc}`;
    keys[i] = acc;
  }
  return keys;
}
