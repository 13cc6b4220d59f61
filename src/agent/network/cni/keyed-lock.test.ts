/** Tests of per-key serialisation of network operations. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedLock } from './keyed-lock.js';

describe('KeyedLock', () => {
  it('serialises one key, even across failures, and lets other keys run alongside', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const a1 = lock.run('a', async () => { log.push('a1 start'); await gate; log.push('a1 end'); throw new Error('boom'); });
    const a2 = lock.run('a', async () => { log.push('a2'); return 2; });
    const b = lock.run('b', async () => { log.push('b'); return 'b'; });
    assert.equal(await b, 'b');
    assert.deepEqual(log, ['a1 start', 'b']);
    release();
    await assert.rejects(a1, /boom/);
    assert.equal(await a2, 2);
    assert.deepEqual(log, ['a1 start', 'b', 'a1 end', 'a2']);
  });
});
