import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { matches, parseLabelSelector } from './label-selector.js';

describe('label selectors', () => {
  it('parses equality and set-based terms', () => {
    const sel = parseLabelSelector('app in (a,b),tier!=db,!canary,env');
    assert.deepEqual(sel.map((r) => r.op), ['in', '!=', '!', 'exists']);
    assert.equal(matches(sel, { app: 'a', env: 'x' }), true);
    assert.equal(matches(sel, { app: 'a', env: 'x', tier: 'db' }), false);
    assert.equal(matches(sel, { app: 'c', env: 'x' }), false);
    assert.equal(matches(sel, { app: 'b', env: 'x', canary: '1' }), false);
    assert.equal(matches(sel, { app: 'b' }), false);
  });
  it('accepts == and spaces', () => {
    assert.equal(matches(parseLabelSelector('app == web'), { app: 'web' }), true);
  });
  it('rejects bad syntax with BadRequest', () => {
    assert.throws(() => parseLabelSelector('app in (a'), /unable to parse requirement/);
    assert.throws(() => parseLabelSelector('a b c'), /unable to parse requirement/);
  });
});
