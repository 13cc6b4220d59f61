/**
 * Protocol-buffer wire format, reading side: varints, fixed-width numbers and length-delimited
 * fields, which is all a Kubernetes object needs. Malformed input throws.
 */

export type WireType = 0 | 1 | 2 | 5;

export interface WireField {
  number: number;
  wireType: WireType;
  /** Varint and fixed values as bigint; length-delimited fields as their bytes. */
  value: bigint | Uint8Array;
}

export class ProtobufError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufError';
  }
}

export class WireReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.buf.length) throw new ProtobufError('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new ProtobufError('varint longer than 10 bytes');
  }

  private take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtobufError('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private fixed(n: 4 | 8): bigint {
    const bytes = this.take(n);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
    return v;
  }

  /** The next field, or undefined at the end of the buffer. */
  next(): WireField | undefined {
    if (this.done) return undefined;
    const tag = this.varint();
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (number === 0) throw new ProtobufError('field number 0');
    switch (wireType) {
      case 0: return { number, wireType, value: this.varint() };
      case 1: return { number, wireType, value: this.fixed(8) };
      case 2: {
        const len = this.varint();
        if (len > BigInt(this.buf.length)) throw new ProtobufError('truncated field');
        return { number, wireType, value: this.take(Number(len)) };
      }
      case 5: return { number, wireType, value: this.fixed(4) };
      default: throw new ProtobufError(`unsupported wire type ${wireType}`);
    }
  }
}
