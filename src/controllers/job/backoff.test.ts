import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextBackoffRecord, remainingBackoff } from './backoff.js';
import type { Pod } from './types.js';

const at = (iso: string, phase: string): Pod => ({
  metadata: { name: iso, creationTimestamp: '2026-01-01T00:00:00Z' },
  status: { phase, containerStatuses: [{ name: 'c', state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: iso } } }] },
});
const T = (s: string) => Date.parse(s);

describe('pod failure back-off', () => {
  it('waits 10 s after one failure, doubling per failure up to 6 minutes', () => {
    const last = T('2026-01-01T00:00:00Z');
    assert.equal(remainingBackoff(0, last, last), 0);
    assert.equal(remainingBackoff(1, last, last), 10_000);
    assert.equal(remainingBackoff(1, last, last + 4_000), 6_000);
    assert.equal(remainingBackoff(1, last, last + 11_000), 0);
    assert.equal(remainingBackoff(3, last, last), 40_000);
    assert.equal(remainingBackoff(10, last, last), 360_000);
    assert.equal(remainingBackoff(2, last, last, 50, 80), 80);
  });
  it('counts failures since the last success and remembers the last failure time', () => {
    let r = nextBackoffRecord(undefined, [], [at('2026-01-01T00:00:05Z', 'Failed'), at('2026-01-01T00:00:01Z', 'Failed')]);
    assert.deepEqual(r, { failuresAfterLastSuccess: 2, lastFailureTime: T('2026-01-01T00:00:05Z') });
    r = nextBackoffRecord(r, [], []);
    assert.equal(r.failuresAfterLastSuccess, 2);
    r = nextBackoffRecord(r, [at('2026-01-01T00:00:10Z', 'Succeeded')], [at('2026-01-01T00:00:09Z', 'Failed'), at('2026-01-01T00:00:12Z', 'Failed')]);
    assert.deepEqual(r, { failuresAfterLastSuccess: 1, lastFailureTime: T('2026-01-01T00:00:12Z') });
    r = nextBackoffRecord(r, [at('2026-01-01T00:00:20Z', 'Succeeded')], []);
    assert.deepEqual(r, { failuresAfterLastSuccess: 0 });
  });
});
