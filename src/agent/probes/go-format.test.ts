import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPod, goDuration, goIntOrString, goQuote, goStringSlice } from './go-format.js';

describe('Go formatting', () => {
  it('quotes as strconv.Quote does', () => {
    assert.equal(goQuote(''), '""');
    assert.equal(goQuote('ok\n'), '"ok\\n"');
    assert.equal(goQuote('say "hi"\t\\'), '"say \\"hi\\"\\t\\\\"');
    assert.equal(goQuote('\x00\x1b\x7f'), '"\\x00\\x1b\\x7f"');
    assert.equal(goQuote('héllo 世界'), '"héllo 世界"');
    assert.equal(goQuote('\u200b'), '"\\u200b"');
    assert.equal(goQuote(Buffer.from([0x61, 0xff, 0x62])), '"a\\xffb"');
  });

  it('prints durations as time.Duration does', () => {
    assert.equal(goDuration(1000), '1s');
    assert.equal(goDuration(10_000), '10s');
    assert.equal(goDuration(250), '250ms');
    assert.equal(goDuration(0), '0s');
    assert.equal(goDuration(60_000), '1m0s');
    assert.equal(goDuration(90_500), '1m30.5s');
    assert.equal(goDuration(3_600_000), '1h0m0s');
  });

  it('prints slices, pods and int-or-strings', () => {
    assert.equal(goStringSlice(['sh', '-c', 'exit 1']), '[sh -c exit 1]');
    assert.equal(formatPod({ metadata: { name: 'web', namespace: 'default', uid: 'u-1' } }), 'web_default(u-1)');
    assert.equal(goIntOrString(8080), '{0 8080 }');
    assert.equal(goIntOrString('http'), '{1 0 http}');
  });
});
