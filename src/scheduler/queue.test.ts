import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulingQueue } from './queue.js';
import type { PodView } from './types.js';

function pod(name: string, priority = 0, extra: Partial<PodView['spec']> = {}): PodView {
  return { metadata: { name, namespace: 'ns' }, spec: { priority, ...extra } };
}

function clockQueue(): { q: SchedulingQueue; advance: (ms: number) => void } {
  let t = 1_000_000;
  const q = new SchedulingQueue({ now: () => t });
  return { q, advance: (ms) => { t += ms; } };
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by arrival', () => {
    const { q, advance } = clockQueue();
    q.addOrUpdate(pod('a', 0)); advance(1);
    q.addOrUpdate(pod('b', 10)); advance(1);
    q.addOrUpdate(pod('c', 0)); advance(1);
    q.addOrUpdate(pod('d', 10));
    assert.deepEqual([1, 2, 3, 4].map(() => q.tryPop()?.key), ['ns/b', 'ns/d', 'ns/a', 'ns/c']);
    assert.equal(q.tryPop(), undefined);
  });

  it('parks unschedulable pods until an event, then honours the backoff (1 s doubling to 10 s)', () => {
    const { q, advance } = clockQueue();
    q.addOrUpdate(pod('a'));
    const a = q.tryPop()!;
    q.requeueFailed(a, a.pod);
    assert.deepEqual(q.length, { active: 0, backoff: 0, unschedulable: 1, inFlight: 0 });
    advance(500);
    q.moveAllToActiveOrBackoff();
    assert.deepEqual(q.length, { active: 0, backoff: 1, unschedulable: 0, inFlight: 0 });
    q.flush();
    assert.equal(q.length.backoff, 1, 'still backing off after 0.5 s');
    advance(600);
    q.flush();
    assert.equal(q.tryPop()?.key, 'ns/a');
    assert.equal(q.backoffMs(a), 2000);
    a.attempts = 10;
    assert.equal(q.backoffMs(a), 10_000);
  });

  it('sends a pod that failed while an event arrived to backoff, not to the unschedulable pods', () => {
    const { q } = clockQueue();
    q.addOrUpdate(pod('a'));
    const a = q.tryPop()!;
    q.moveAllToActiveOrBackoff();
    q.requeueFailed(a, a.pod);
    assert.deepEqual(q.length, { active: 0, backoff: 1, unschedulable: 0, inFlight: 0 });
  });

  it('moves a parked pod back when its spec changes, not when only its status does', () => {
    const { q, advance } = clockQueue();
    q.addOrUpdate(pod('a'));
    const a = q.tryPop()!;
    q.requeueFailed(a, a.pod);
    q.addOrUpdate({ ...pod('a'), status: { conditions: [{ type: 'PodScheduled', status: 'False' }] } });
    assert.equal(q.length.unschedulable, 1);
    advance(2000);
    q.addOrUpdate(pod('a', 0, { tolerations: [{ key: 'k', operator: 'Exists' }] }));
    assert.equal(q.tryPop()?.pod.spec?.tolerations?.length, 1);
  });

  it('retries parked pods after five minutes without an event', () => {
    const { q, advance } = clockQueue();
    q.addOrUpdate(pod('a'));
    const a = q.tryPop()!;
    q.requeueFailed(a, a.pod);
    advance(60_000);
    q.flush();
    assert.equal(q.length.unschedulable, 1);
    advance(4 * 60_000);
    q.flush();
    assert.equal(q.tryPop()?.key, 'ns/a');
  });

  it('hands a pod to a waiting pop and ends waiting pops on close', async () => {
    const { q } = clockQueue();
    const p = q.pop();
    q.addOrUpdate(pod('a'));
    assert.equal((await p)?.key, 'ns/a');
    const p2 = q.pop();
    q.close();
    assert.equal(await p2, undefined);
  });

  it('forgets deleted pods', () => {
    const { q } = clockQueue();
    q.addOrUpdate(pod('a'));
    q.delete('ns/a');
    assert.equal(q.tryPop(), undefined);
  });
});
