import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IpPool } from './ip-pool.js';

describe('IpPool', () => {
  it('hands out .2 upward, the same address to the same owner, and reuses released ones', () => {
    const p = new IpPool('10.42.7.0/24');
    assert.equal(p.allocate('a'), '10.42.7.2');
    assert.equal(p.allocate('b'), '10.42.7.3');
    assert.equal(p.allocate('a'), '10.42.7.2');
    p.release('a');
    assert.equal(p.allocate('c'), '10.42.7.2');
    assert.equal(p.size, 2);
  });

  it('adopts addresses in its range only, and runs out after 253', () => {
    const p = new IpPool('10.42.1.0/24');
    assert.equal(p.adopt('x', '10.42.2.5'), false);
    assert.equal(p.adopt('x', '10.42.1.5'), true);
    for (let i = 0; i < 252; i++) assert.ok(p.allocate(`p${i}`));
    assert.equal(p.allocate('one-too-many'), undefined);
    assert.throws(() => new IpPool('10.42.0.0/16'), /not an x\.y\.z\.0\/24/);
  });
});
