/** Leader election between candidates on one Lease of a real in-process API server. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, startApiFixture, type ApiFixture } from '../../testing/index.js';
import { LEASES } from '../../client/index.js';
import { LeaderElector, type Lease } from './leader-elector.js';

const MICRO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const quiet = (): void => undefined;

let fx: ApiFixture;
before(async () => { fx = await startApiFixture(); });
after(async () => { await fx.stop(); });

function candidate(identity: string, name: string, calls: string[], releaseOnStop = true): LeaderElector {
  return new LeaderElector({
    clientset: fx.newClientset(), namespace: 'kube-system', name, identity, releaseOnStop,
    leaseDurationMs: 2000, renewDeadlineMs: 1000, retryPeriodMs: 100, log: quiet,
    onStartedLeading: () => calls.push(`${identity} started`),
    onStoppedLeading: () => calls.push(`${identity} stopped`),
  });
}

const lease = (name: string): Promise<Lease> => fx.clientset.resource<Lease>(LEASES).namespace('kube-system').get(name);

/** Checks, for ms, that at most one of them leads at any moment. */
async function neverBoth(a: LeaderElector, b: LeaderElector, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    assert.ok(!(a.isLeader() && b.isLeader()), 'two leaders at once');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('LeaderElector', () => {
  it('exactly one of two candidates leads; stopping it hands the lease over', async () => {
    const calls: string[] = [];
    const a = candidate('a', 'handover', calls);
    const b = candidate('b', 'handover', calls);
    a.start();
    b.start();
    await eventually(() => a.isLeader() || b.isLeader(), 5000, 'a leader');
    await neverBoth(a, b, 1000);
    const [leader, other] = a.isLeader() ? [a, b] : [b, a];
    assert.equal(other.isLeader(), false);
    assert.equal(other.leader, leader.identity, 'the other candidate sees who leads');

    const held = await lease('handover');
    assert.equal(held.spec?.holderIdentity, leader.identity);
    assert.equal(held.spec?.leaseDurationSeconds, 2);
    assert.equal(held.spec?.leaseTransitions, 0);
    assert.match(held.spec?.acquireTime ?? '', MICRO_TIME);
    assert.match(held.spec?.renewTime ?? '', MICRO_TIME);
    await eventually(async () => (await lease('handover')).spec?.renewTime !== held.spec?.renewTime, 3000, 'a renewal');

    await leader.stop();
    assert.equal(leader.isLeader(), false);
    await eventually(() => other.isLeader(), 4000, 'the other candidate to take over');
    const taken = await lease('handover');
    assert.equal(taken.spec?.holderIdentity, other.identity);
    assert.equal(taken.spec?.leaseTransitions, 1);
    await other.stop();
    assert.deepEqual(calls, [`${leader.identity} started`, `${leader.identity} stopped`, `${other.identity} started`, `${other.identity} stopped`]);
    assert.equal((await lease('handover')).spec?.holderIdentity, '', 'stopping released the lease');
  });

  it('a leader that vanishes without releasing is replaced once its lease expires', async () => {
    const calls: string[] = [];
    const a = candidate('a', 'expiry', calls, false);
    a.start();
    await eventually(() => a.isLeader(), 5000, 'a to lead');
    const b = candidate('b', 'expiry', calls, false);
    b.start();
    await neverBoth(a, b, 500);
    await a.stop();
    const stoppedAt = Date.now();
    assert.equal((await lease('expiry')).spec?.holderIdentity, 'a', 'not released');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(b.isLeader(), false, 'b waits for the lease to expire');
    await eventually(() => b.isLeader(), 6000, 'b to take over');
    assert.ok(Date.now() - stoppedAt >= 1500, 'not before the lease duration');
    assert.equal((await lease('expiry')).spec?.leaseTransitions, 1);
    await b.stop();
  });
});
