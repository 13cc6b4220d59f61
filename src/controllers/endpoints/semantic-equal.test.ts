import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJSON, semanticEqual } from './semantic-equal.js';

describe('semanticEqual', () => {
  it('ignores key order and treats absent like empty, but not like false or ""', () => {
    assert.equal(semanticEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), true);
    assert.equal(semanticEqual({ a: [] }, {}), true);
    assert.equal(semanticEqual({ a: {} }, { a: undefined }), true);
    assert.equal(semanticEqual({ a: false }, {}), false);
    assert.equal(semanticEqual({ a: '' }, {}), false);
    assert.equal(semanticEqual([1, 2], [2, 1]), false);
  });

  it('gives one string for equal values', () => {
    assert.equal(canonicalJSON({ b: 1, a: { d: 2, c: 3 } }), canonicalJSON({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
