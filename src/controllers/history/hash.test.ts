import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fnv1, fnv1a, goJson, podTemplateHash, revisionDataHash, safeEncode } from './hash.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hash', () => {
  it('computes 32-bit FNV-1 and FNV-1a as the published test vectors', () => {
    assert.equal(fnv1(bytes('')), 0x811c9dc5);
    assert.equal(fnv1(bytes('a')), 0x050c5d7e);
    assert.equal(fnv1(bytes('foobar')), 0x31f0b262);
    assert.equal(fnv1a(bytes('a')), 0xe40c292c);
    assert.equal(fnv1a(bytes('foobar')), 0xbf9cf968);
  });

  it('safe-encodes each byte into the vowel-free alphabet', () => {
    assert.equal(safeEncode('0123456789'), '456789bcdf');
    assert.match(safeEncode(String(0xffffffff)), /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });

  it('writes JSON as Go does for a decoded map: sorted keys, compact, HTML characters escaped', () => {
    assert.equal(goJson({ b: 1, a: { d: [true, null], c: 'x' }, u: undefined }), '{"a":{"c":"x","d":[true,null]},"b":1}');
    assert.equal(goJson('<a&b>\n"\u2028'), '"\\u003ca\\u0026b\\u003e\\n\\"\\u2028"');
  });

  it('hashes a template with and without a collision count, stably and differently', () => {
    const t = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const reordered = { spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'x' } } };
    assert.equal(podTemplateHash(t), podTemplateHash(reordered));
    assert.notEqual(podTemplateHash(t), podTemplateHash(t, 0));
    assert.notEqual(podTemplateHash(t, 0), podTemplateHash(t, 1));
    assert.match(podTemplateHash(t, 0), /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  });

  it('hashes revision data with the probe appended in decimal (FNV-1 over the bytes)', () => {
    const data = { spec: { template: { $patch: 'replace' } } };
    const raw = goJson(data);
    assert.equal(revisionDataHash(data), safeEncode(String(fnv1(bytes(raw)))));
    assert.equal(revisionDataHash(data, 12), safeEncode(String(fnv1(bytes(`${raw}12`)))));
  });
});
