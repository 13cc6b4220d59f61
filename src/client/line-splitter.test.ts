import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter } from './line-splitter.js';

describe('LineSplitter', () => {
  it('joins lines cut across chunks, including inside a multi-byte character', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    const bytes = Buffer.from('{"a":"é"}\n{"b":"日本"}\n\n{"c":1}');
    // Every possible cut point of the stream must give the same lines.
    for (let cut = 1; cut < bytes.length; cut++) {
      lines.length = 0;
      s.push(bytes.subarray(0, cut));
      s.push(bytes.subarray(cut));
      s.end();
      assert.deepEqual(lines, ['{"a":"é"}', '{"b":"日本"}', '{"c":1}'], `cut at ${cut}`);
    }
  });

  it('delivers a line as soon as its newline arrives', () => {
    const lines: string[] = [];
    const s = new LineSplitter((l) => lines.push(l));
    s.push(Buffer.from('one\ntw'));
    assert.deepEqual(lines, ['one']);
    s.push(Buffer.from('o\n'));
    assert.deepEqual(lines, ['one', 'two']);
  });
});
