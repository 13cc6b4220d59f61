/**
 * Builds protobuf bytes field by field, zero values included (as gogo-protobuf writes non-pointer
 * fields). The tests hand-build bodies with it; `envelope()` wraps an object's message in "k8s\0" and
 * runtime.Unknown.
 */
import { PROTOBUF_MAGIC } from './envelope.js';

const utf8 = new TextEncoder();

export class WireWriter {
  private readonly parts: number[] = [];

  /** Raw bytes, for hand-made malformed input. */
  raw(...bytes: number[]): this {
    for (const b of bytes) this.parts.push(b);
    return this;
  }

  varintValue(v: bigint | number): this {
    let n = BigInt.asUintN(64, BigInt(v));
    do {
      let b = Number(n & 0x7fn);
      n >>= 7n;
      if (n !== 0n) b |= 0x80;
      this.parts.push(b);
    } while (n !== 0n);
    return this;
  }

  tag(field: number, wire: number): this {
    return this.varintValue(field * 8 + wire);
  }

  /** An int32, int64 or enum field; negative numbers take ten bytes, as Go writes them. */
  int(field: number, v: bigint | number): this {
    return this.tag(field, 0).varintValue(v);
  }

  bool(field: number, v: boolean): this {
    return this.int(field, v ? 1 : 0);
  }

  double(field: number, v: number): this {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    this.tag(field, 1);
    this.parts.push(...b);
    return this;
  }

  bytes(field: number, v: Uint8Array | readonly number[]): this {
    this.tag(field, 2).varintValue(v.length);
    for (const b of v) this.parts.push(b);
    return this;
  }

  string(field: number, v: string): this {
    return this.bytes(field, utf8.encode(v));
  }

  message(field: number, m: WireWriter): this {
    return this.bytes(field, m.finish());
  }

  /** A map entry {key = 1, value = 2}, the value written by `value` (or left out). */
  entry(field: number, key: string, value?: (w: WireWriter) => WireWriter): this {
    const e = new WireWriter().string(1, key);
    return this.message(field, value ? value(e) : e);
  }

  /** Repeated varints in one packed field. */
  packed(field: number, values: ReadonlyArray<number | bigint>): this {
    const body = new WireWriter();
    for (const v of values) body.varintValue(v);
    return this.message(field, body);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** A whole request body: "k8s\0" + Unknown{typeMeta, raw, contentEncoding "", contentType ""}. */
export function envelope(apiVersion: string, kind: string, object: WireWriter | Uint8Array): Uint8Array {
  const raw = object instanceof WireWriter ? object.finish() : object;
  const unknown = new WireWriter()
    .message(1, new WireWriter().string(1, apiVersion).string(2, kind))
    .bytes(2, raw)
    .string(3, '')
    .string(4, '');
  return Uint8Array.from([...PROTOBUF_MAGIC, ...unknown.finish()]);
}
