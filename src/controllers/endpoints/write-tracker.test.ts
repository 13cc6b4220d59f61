import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KObject } from '../../api/index.js';
import { WriteTracker } from './write-tracker.js';

const obj = (rv: string, uid = 'u1'): KObject => ({ metadata: { name: 'x', namespace: 'ns', uid, resourceVersion: rv } });

describe('WriteTracker', () => {
  it('is stale until the cache shows the written version or a later one', () => {
    const t = new WriteTracker();
    const cache = new Map<string, KObject>();
    t.wrote('ns/svc', 'ns/x', obj('12'));
    assert.equal(t.stale('ns/svc', (k) => cache.get(k)), true);
    cache.set('ns/x', obj('11'));
    assert.equal(t.stale('ns/svc', (k) => cache.get(k)), true);
    cache.set('ns/x', obj('13'));
    assert.equal(t.stale('ns/svc', (k) => cache.get(k)), false);
    assert.equal(t.stale('other', () => undefined), false);
  });

  it('is stale until a deleted object leaves the cache, and forgets writes never seen after the ttl', () => {
    let now = 0;
    const t = new WriteTracker(1000, () => now);
    const cache = new Map<string, KObject>([['ns/x', obj('5')]]);
    t.deleted('g', 'ns/x', 'u1');
    assert.equal(t.stale('g', (k) => cache.get(k)), true);
    cache.set('ns/x', obj('9', 'u2'));
    assert.equal(t.stale('g', (k) => cache.get(k)), false);
    t.wrote('g', 'ns/y', obj('20'));
    now = 2000;
    assert.equal(t.stale('g', () => undefined), false);
  });

  it('stops waiting for a write when the object is seen deleted', () => {
    const t = new WriteTracker();
    t.wrote('g', 'ns/x', obj('7'));
    t.observeDeleted('ns/x');
    assert.equal(t.stale('g', () => undefined), false);
  });
});
