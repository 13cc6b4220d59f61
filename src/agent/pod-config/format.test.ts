import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatMap, formatPod, goQuote } from './format.js';

describe('Go formatting', () => {
  const quotes: Array<[string, string]> = [
    ['plain', '"plain"'],
    ['a "b"', '"a \\"b\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['line\nbreak\ttab', '"line\\nbreak\\ttab"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['héllo 世界', '"héllo 世界"'],
    ['\u200b', '"\\u200b"'],
    ['', '""'],
  ];
  for (const [input, want] of quotes) {
    it(`quotes ${JSON.stringify(input)} as %q does`, () => assert.equal(goQuote(input), want));
  }

  it('describes a pod as name_namespace(uid)', () => {
    assert.equal(formatPod({ metadata: { name: 'web', namespace: 'default', uid: 'u-1' } }), 'web_default(u-1)');
  });

  it('formats maps sorted, one key="value" a line, no trailing newline', () => {
    assert.equal(formatMap({ b: '2', a: 'x"y' }), 'a="x\\"y"\nb="2"');
    assert.equal(formatMap(undefined), '');
  });
});
