import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMap, formatPod, goQuote } from './format.js';

describe('Go formatting', () => {
  const quotes: Array<[string, string]> = [
    ['plain', '"plain"'],
    ['a "b"', '"a \\"b\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['line\nbreak\ttab', '"line\\nbreak\\ttab"'],
    ['ok\n', '"ok\\n"'],
    ['say "hi"\t\\', '"say \\"hi\\"\\t\\\\"'],
    ['a"b\\c\n\t', '"a\\"b\\\\c\\n\\t"'],
    ['\x07\b\f\r\v', '"\\a\\b\\f\\r\\v"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['\x01\x7f', '"\\x01\\x7f"'],
    ['héllo 世界', '"héllo 世界"'],
    ['ünï 日本', '"ünï 日本"'],
    ['\u200b', '"\\u200b"'],
    ['\u0085', '"\\u0085"'],
    ['\u{1F600}', '"\u{1F600}"'],
    ['\u{E0001}', '"\\U000e0001"'],
    ['\ufffd', '"\ufffd"'],
    ['', '""'],
  ];
  for (const [input, want] of quotes) {
    it(`quotes ${JSON.stringify(input)} as %q does`, () => assert.equal(goQuote(input), want));
  }

  const bytes: Array<[number[], string]> = [
    [[0x61, 0xff, 0x62], '"a\\xffb"'],
    [[0xc0, 0x80], '"\\xc0\\x80"'], // overlong
    [[0xe4, 0xb8], '"\\xe4\\xb8"'], // truncated
    [[0xed, 0xa0, 0x80], '"\\xed\\xa0\\x80"'], // a surrogate
    [[0xf4, 0x90, 0x80, 0x80], '"\\xf4\\x90\\x80\\x80"'], // past U+10FFFF
    [[0xe4, 0xb8, 0x96, 0x0a], '"世\\n"'],
  ];
  for (const [input, want] of bytes) {
    it(`quotes the bytes ${Buffer.from(input).toString('hex')} with \\x for invalid UTF-8`, () => {
      assert.equal(goQuote(Buffer.from(input)), want);
    });
  }

  it('describes a pod as name_namespace(uid), and no pod as <nil>', () => {
    assert.equal(formatPod({ metadata: { name: 'web', namespace: 'default', uid: 'u-1' } }), 'web_default(u-1)');
    assert.equal(formatPod(undefined), '<nil>');
  });

  it('formats maps sorted, one key="value" a line, no trailing newline', () => {
    assert.equal(formatMap({ b: '2', a: 'x"y' }), 'a="x\\"y"\nb="2"');
    assert.equal(formatMap({ b: '2', a: '1' }), 'a="1"\nb="2"');
    assert.equal(formatMap(undefined), '');
  });
});
