import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufError, WireReader } from './wire.js';
import { WireWriter } from './wire-writer.js';

const reader = (...bytes: number[]): WireReader => new WireReader(Uint8Array.from(bytes));

describe('wire reader', () => {
  it('reads one-byte, multi-byte and ten-byte varints', () => {
    assert.equal(reader(0x00).varint(), 0n);
    assert.equal(reader(0x96, 0x01).varint(), 150n);
    const minusOne = new WireWriter().varintValue(-1).finish();
    assert.equal(minusOne.length, 10);
    assert.equal(BigInt.asIntN(64, new WireReader(minusOne).varint()), -1n);
    assert.equal(new WireReader(new WireWriter().varintValue(2n ** 63n - 1n).finish()).varint(), 2n ** 63n - 1n);
  });

  it('rejects a varint longer than ten bytes and one cut short', () => {
    assert.throws(() => reader(...Array(11).fill(0xff), 0x01).varint(), { message: 'proto: integer overflow' });
    assert.throws(() => reader(0x96).varint(), { message: 'unexpected EOF' });
  });

  it('splits tags into field number and wire type', () => {
    const t = reader(0x12).tag('X');
    assert.deepEqual(t, { field: 2, wire: 2 });
    assert.deepEqual(reader(0xa2, 0x01).tag('X'), { field: 20, wire: 2 });
  });

  it('rejects field number 0, end-group tags and wire types 6 and 7', () => {
    assert.throws(() => reader(0x00).tag('ConfigMap'), { message: 'proto: ConfigMap: illegal tag 0 (wire type 0)' });
    assert.throws(() => reader(0x0c).tag('ConfigMap'), { message: 'proto: ConfigMap: wiretype end group for non-group' });
    assert.throws(() => reader(0x0e).tag('ConfigMap'), { message: 'proto: illegal wireType 6' });
    assert.throws(() => reader(0x0f).tag('ConfigMap'), { message: 'proto: illegal wireType 7' });
  });

  it('reads length-delimited bytes and refuses lengths past the end', () => {
    assert.equal(reader(0x03, 0x61, 0x62, 0x63).string(), 'abc');
    assert.throws(() => reader(0x04, 0x61, 0x62, 0x63).string(), { message: 'unexpected EOF' });
    const negative = new WireWriter().varintValue(-5).raw(0x61).finish();
    assert.throws(() => new WireReader(negative).bytes(), { message: 'proto: negative length found during unmarshaling' });
  });

  it('keeps a nested reader inside its message', () => {
    const r = reader(0x02, 0x08, 0x01, 0x08, 0x02);
    const sub = r.sub();
    assert.deepEqual(sub.tag('X'), { field: 1, wire: 0 });
    assert.equal(sub.varint(), 1n);
    assert.ok(sub.done());
    assert.equal(r.pos, 3);
    assert.throws(() => new WireReader(Uint8Array.from([0x08, 0x96, 0x01]), 1, 2).varint(), { message: 'unexpected EOF' });
  });

  it('skips every wire type, groups included', () => {
    const w = new WireWriter()
      .int(1, 300).double(2, 1.5).string(3, 'x').tag(4, 5).raw(1, 2, 3, 4)
      .tag(5, 3).int(1, 7).string(2, 'in group').tag(5, 4)
      .int(9, 42);
    const r = new WireReader(w.finish());
    for (let i = 0; i < 5; i++) {
      const t = r.tag('X');
      r.skip(t.wire, 'X');
    }
    assert.deepEqual(r.tag('X'), { field: 9, wire: 0 });
    assert.equal(r.varint(), 42n);
    assert.ok(r.done());
  });

  it('reports problems as ProtobufError', () => {
    assert.throws(() => reader(0x0b).skip(3, 'X'), ProtobufError);
    assert.throws(() => reader(0x01).fixed64(), ProtobufError);
    assert.throws(() => reader(0x01).fixed32(), ProtobufError);
  });
});
