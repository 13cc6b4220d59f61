import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimedWorkers } from './timed-workers.js';

describe('TimedWorkers', () => {
  it('runs work when the clock says it is due, once per key until cancelled', async () => {
    let t = 0;
    const ran: string[] = [];
    const w = new TimedWorkers(() => t, async (k) => { ran.push(k); }, () => undefined);
    w.add('a', 0, 300_000);
    w.add('a', 0, 0);
    assert.equal(w.get('a')?.fireAt, 300_000);
    w.checkDue();
    await w.clear().then(() => undefined, () => undefined);
    assert.deepEqual(ran, []);

    w.add('b', 0, 1000);
    t = 1000;
    w.checkDue();
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(ran, ['b']);
    assert.equal(w.has('b'), true, 'done work stays so the key is not added again');
    w.add('b', t, t);
    w.checkDue();
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(ran, ['b']);
    assert.equal(w.cancel('b'), false, 'cancelling done work only forgets it');
    w.add('c', t, t + 5);
    assert.equal(w.cancel('c'), true);
    t += 10;
    w.checkDue();
    await w.clear();
    assert.deepEqual(ran, ['b']);
  });

  it('fires on a real timer too', async () => {
    const ran: string[] = [];
    const w = new TimedWorkers(Date.now, async (k) => { ran.push(k); }, () => undefined);
    w.add('x', Date.now(), Date.now() + 20);
    for (let i = 0; i < 100 && ran.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(ran, ['x']);
    await w.clear();
  });
});
