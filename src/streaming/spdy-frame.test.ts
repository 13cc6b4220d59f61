import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { encodeFrame, FrameReader, SpdyProtocolError, type SpdyFrame } from './spdy-frame.js';
import { SPDY3_DICTIONARY } from './spdy-dictionary.js';

const FRAMES: SpdyFrame[] = [
  { type: 'data', streamId: 7, fin: true, data: Buffer.from('hello') },
  { type: 'data', streamId: 0x7fffffff, fin: false, data: Buffer.alloc(0) },
  { type: 'syn_stream', streamId: 1, associatedTo: 0, priority: 3, fin: false, unidirectional: true, headerBlock: Buffer.from([1, 2, 3]) },
  { type: 'syn_reply', streamId: 2, fin: true, headerBlock: Buffer.from('x') },
  { type: 'rst_stream', streamId: 5, status: 5 },
  { type: 'settings', clear: true, entries: [{ flags: 1, id: 7, value: 65536 }, { flags: 0, id: 4, value: 100 }] },
  { type: 'ping', id: 0xfffffffe },
  { type: 'goaway', lastGoodStreamId: 9, status: 0 },
  { type: 'headers', streamId: 3, fin: false, headerBlock: Buffer.from('h') },
  { type: 'window_update', streamId: 0, delta: 1 << 20 },
  { type: 'unknown', frameType: 10, flags: 0, payload: Buffer.from('cred') },
];

describe('SPDY frames', () => {
  it('decodes what it encodes, for every frame type', () => {
    const reader = new FrameReader();
    assert.deepEqual(reader.push(Buffer.concat(FRAMES.map(encodeFrame))), FRAMES);
    assert.equal(reader.pending, 0);
  });

  it('waits for frames split at any byte', () => {
    const bytes = Buffer.concat(FRAMES.map(encodeFrame));
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const reader = new FrameReader();
      const got = [...reader.push(bytes.subarray(0, cut)), ...reader.push(bytes.subarray(cut))];
      assert.deepEqual(got, FRAMES);
    }
  });

  it('writes the wire layout of the spec', () => {
    assert.deepEqual(encodeFrame({ type: 'ping', id: 1 }), Buffer.from([0x80, 3, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1]));
    assert.deepEqual(encodeFrame({ type: 'data', streamId: 3, fin: true, data: Buffer.from('a') }), Buffer.from([0, 0, 0, 3, 1, 0, 0, 1, 0x61]));
  });

  it('refuses other versions, short control frames and oversized frames', () => {
    assert.throws(() => new FrameReader().push(Buffer.from([0x80, 2, 0, 6, 0, 0, 0, 4, 0, 0, 0, 1])), SpdyProtocolError);
    assert.throws(() => new FrameReader().push(Buffer.from([0x80, 3, 0, 3, 0, 0, 0, 4, 0, 0, 0, 1])), /RST_STREAM/);
    assert.throws(() => new FrameReader(1024).push(Buffer.from([0, 0, 0, 1, 0, 0, 8, 0])), /too large/);
    assert.throws(() => new FrameReader().push(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0])), /stream id zero/);
  });

  it('never crashes on random bytes: frames or a protocol error', () => {
    for (let i = 0; i < 2000; i++) {
      const reader = new FrameReader(1 << 16);
      const junk = randomBytes(1 + (i % 200));
      if (i % 2) junk[0] = 0x80; // control frames more often
      if (i % 4 === 1) junk[1] = 3;
      try {
        reader.push(junk);
      } catch (err) {
        assert.ok(err instanceof SpdyProtocolError, String(err));
      }
    }
  });

  it('has the 1423-byte SPDY/3 dictionary', () => {
    assert.equal(SPDY3_DICTIONARY.length, 1423);
    assert.equal(SPDY3_DICTIONARY.subarray(0, 11).toString('latin1'), '\0\0\0\x07options');
    assert.ok(SPDY3_DICTIONARY.toString('latin1').endsWith(',*,enq=0.'));
  });
});
