import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { decodeHeaderBlock, encodeHeaderBlock, HeaderCompressor, HeaderDecompressor, type SpdyHeaders } from './spdy-headers.js';
import { SPDY3_DICTIONARY } from './spdy-dictionary.js';

describe('SPDY header blocks', () => {
  it('round-trips names and multi-valued headers, lowercasing names', () => {
    const block = encodeHeaderBlock({ streamType: ['stdout'], port: ['80'], 'x-many': ['a', 'b'] });
    assert.deepEqual(decodeHeaderBlock(block), { streamtype: ['stdout'], port: ['80'], 'x-many': ['a', 'b'] });
  });

  it('refuses malformed blocks', () => {
    assert.throws(() => decodeHeaderBlock(Buffer.from([0, 0, 0, 1, 0, 0, 0, 9])), /truncated/);
    const upper = Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 0, 0, 1]), Buffer.from('A'), Buffer.from([0, 0, 0, 0])]);
    assert.throws(() => decodeHeaderBlock(upper), /not lowercased/);
    for (let i = 0; i < 500; i++) {
      try { decodeHeaderBlock(randomBytes(i % 64)); } catch (err) { assert.match(String(err), /invalid header block/); }
    }
  });

  it('compresses with one zlib context over the SPDY dictionary, block after block', async () => {
    const c = new HeaderCompressor();
    const d = new HeaderDecompressor();
    try {
      const sets: SpdyHeaders[] = [{ streamtype: ['error'] }, { streamtype: ['stdin'], requestid: ['0'] }, {}, { streamtype: ['error'] }];
      const blocks = await Promise.all(sets.map((h) => c.compress(h)));
      // A standalone inflater over the whole stream (as Go reads it) sees every block.
      const all = inflateSync(Buffer.concat(blocks), { dictionary: SPDY3_DICTIONARY, finishFlush: 2 });
      assert.deepEqual(all.subarray(0, 4), Buffer.from([0, 0, 0, 1]));
      assert.ok(blocks[3]!.length < blocks[0]!.length, 'a repeated block compresses better');
      for (const [i, b] of blocks.entries()) assert.deepEqual(await d.decompress(b), sets[i]);
    } finally {
      c.close();
      d.close();
    }
  });

  it('fails every block after a corrupt one, without crashing', async () => {
    const d = new HeaderDecompressor();
    try {
      await assert.rejects(d.decompress(randomBytes(40)));
      const c = new HeaderCompressor();
      await assert.rejects(d.decompress(await c.compress({ a: ['b'] })));
      c.close();
    } finally {
      d.close();
    }
  });
});
