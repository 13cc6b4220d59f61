import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJwt, signJwt, verifyJwt } from './jwt.js';
import { testSigningKey } from './testing.js';

function b64(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

describe('JWT', () => {
  for (const type of ['rsa', 'ec'] as const) {
    it(`signs and verifies with ${type === 'rsa' ? 'RS256' : 'ES256'}`, () => {
      const key = testSigningKey(type);
      const token = signJwt({ sub: 'x', n: 1 }, key);
      const jwt = parseJwt(token);
      assert.ok(jwt);
      assert.deepEqual(jwt.header, { alg: key.algorithm, kid: key.keyId });
      assert.deepEqual(jwt.payload, { sub: 'x', n: 1 });
      assert.equal(verifyJwt(jwt, key), true);
      if (type === 'ec') assert.equal(jwt.signature.length, 64);
    });
  }

  it('rejects a changed payload, another key, and a header naming another algorithm or key', () => {
    const key = testSigningKey('rsa');
    const [h, , s] = signJwt({ sub: 'a' }, key).split('.');
    const forged = parseJwt(`${h}.${b64({ sub: 'b' })}.${s}`);
    assert.ok(forged);
    assert.equal(verifyJwt(forged, key), false);
    const other = parseJwt(signJwt({ sub: 'a' }, testSigningKey('rsa', 'other')));
    assert.ok(other);
    assert.equal(verifyJwt(other, key), false);
    const none = parseJwt(`${b64({ alg: 'none' })}.${b64({ sub: 'a' })}.`);
    assert.ok(none);
    assert.equal(verifyJwt(none, key), false);
    const wrongKid = parseJwt(`${b64({ alg: 'RS256', kid: 'nope' })}.${b64({ sub: 'a' })}.${s}`);
    assert.ok(wrongKid);
    assert.equal(verifyJwt(wrongKid, key), false);
  });

  it('parses only three base64url JSON-object parts', () => {
    assert.equal(parseJwt('abc'), undefined);
    assert.equal(parseJwt('a.b'), undefined);
    assert.equal(parseJwt(`${b64([1])}.${b64({})}.x`), undefined);
    assert.equal(parseJwt(`${b64({})}.not json!.x`), undefined);
    assert.equal(parseJwt(`${b64({})}.${b64({})}.sig+with/slash`), undefined);
    assert.ok(parseJwt(`${b64({})}.${b64({})}.`));
  });
});
