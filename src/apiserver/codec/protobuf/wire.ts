/**
 * Reading the protobuf wire format: field tags, varints, fixed-width numbers and length-delimited
 * bytes. Every read is bounded by the end of the message being read; running past it, an over-long
 * varint or a negative length is a ProtobufError worded as gogo-protobuf words it.
 */

/** 0 varint, 1 fixed 64-bit, 2 length-delimited, 3/4 group start/end (obsolete), 5 fixed 32-bit. */
export type WireType = 0 | 1 | 2 | 3 | 4 | 5;

/** Input that is not valid protobuf for the message being read. */
export class ProtobufError extends Error {}

const UNEXPECTED_EOF = 'unexpected EOF';
const utf8 = new TextDecoder('utf-8');

export interface Tag {
  readonly field: number;
  readonly wire: WireType;
}

export class WireReader {
  private at: number;

  constructor(private readonly buf: Uint8Array, start = 0, readonly end = buf.length) {
    this.at = start;
  }

  get pos(): number {
    return this.at;
  }

  done(): boolean {
    return this.at >= this.end;
  }

  /** A varint as an unsigned 64-bit value. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 70n) throw new ProtobufError('proto: integer overflow');
      if (this.at >= this.end) throw new ProtobufError(UNEXPECTED_EOF);
      const b = this.buf[this.at++];
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  }

  /** A varint that must fit a non-negative JavaScript number (tags and lengths). */
  smallVarint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (i >= 10) throw new ProtobufError('proto: integer overflow');
      if (this.at >= this.end) throw new ProtobufError(UNEXPECTED_EOF);
      const b = this.buf[this.at++];
      result += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) break;
    }
    if (!Number.isSafeInteger(result)) throw new ProtobufError('proto: integer overflow');
    return result;
  }

  tag(message: string): Tag {
    const t = this.smallVarint();
    const field = Math.floor(t / 8);
    const wire = t % 8;
    if (wire === 4) throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    if (field <= 0 || field > 0x1fffffff) throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${wire})`);
    if (wire > 5) throw new ProtobufError(`proto: illegal wireType ${wire}`);
    return { field, wire: wire as WireType };
  }

  fixed64(): DataView {
    if (this.end - this.at < 8) throw new ProtobufError(UNEXPECTED_EOF);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.at, 8);
    this.at += 8;
    return view;
  }

  fixed32(): DataView {
    if (this.end - this.at < 4) throw new ProtobufError(UNEXPECTED_EOF);
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.at, 4);
    this.at += 4;
    return view;
  }

  /** Reads a length prefix and returns [start, end) of the bytes it covers, moving past them. */
  span(): [number, number] {
    const len = this.varint();
    if (BigInt.asIntN(64, len) < 0n) throw new ProtobufError('proto: negative length found during unmarshaling');
    if (len > BigInt(this.end - this.at)) throw new ProtobufError(UNEXPECTED_EOF);
    const start = this.at;
    this.at += Number(len);
    return [start, this.at];
  }

  bytes(): Uint8Array {
    const [start, end] = this.span();
    return this.buf.subarray(start, end);
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  /** A reader over the next length-delimited field (an embedded message). */
  sub(): WireReader {
    const [start, end] = this.span();
    return new WireReader(this.buf, start, end);
  }

  /** Skips one field's value of the given wire type (unknown fields). */
  skip(wire: WireType, message: string, depth = 0): void {
    switch (wire) {
      case 0: this.varint(); return;
      case 1: this.fixed64(); return;
      case 2: this.span(); return;
      case 5: this.fixed32(); return;
      case 3: {
        if (depth > 64) throw new ProtobufError('proto: nested groups too deep');
        for (;;) {
          const t = this.groupTag(message);
          if (t.wire === 4) return;
          this.skip(t.wire, message, depth + 1);
        }
      }
      default: throw new ProtobufError(`proto: illegal wireType ${wire}`);
    }
  }

  private groupTag(message: string): Tag {
    const t = this.smallVarint();
    const field = Math.floor(t / 8);
    const wire = t % 8;
    if (field <= 0 || wire > 5) throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${wire})`);
    return { field, wire: wire as WireType };
  }
}
