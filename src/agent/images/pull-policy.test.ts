import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ImageMessages, PullBackOff, goDuration, shouldPull } from './pull-policy.js';

describe('pull policy', () => {
  it('pulls as the kubelet does', () => {
    assert.equal(shouldPull('Always', true), true);
    assert.equal(shouldPull('IfNotPresent', true), false);
    assert.equal(shouldPull('IfNotPresent', false), true);
    assert.equal(shouldPull('Never', false), false);
  });

  it('words events as Kubernetes does', () => {
    assert.equal(ImageMessages.neverPull('busybox:1.36'), 'Container image "busybox:1.36" is not present with pull policy of Never');
    assert.equal(ImageMessages.alreadyPresent('busybox'), 'Container image "busybox" already present on machine');
    assert.equal(ImageMessages.pulled('busybox', 796, 1594, 4269694),
      'Successfully pulled image "busybox" in 796ms (1.594s including waiting). Image size: 4269694 bytes.');
    assert.equal(ImageMessages.backOff('x:1', 'ErrImagePull: boom'), 'Back-off pulling image "x:1": ErrImagePull: boom');
    assert.equal(goDuration(0), '0s');
    assert.equal(goDuration(1500), '1.5s');
    assert.equal(goDuration(62_500), '1m2.5s');
  });

  it('backs off 10 s doubling to 300 s', () => {
    const b = new PullBackOff();
    const t = 1_000_000;
    assert.equal(b.inBackOff('k', t), false);
    assert.equal(b.next('k', t), 10_000);
    assert.equal(b.inBackOff('k', t + 9_999), true);
    assert.equal(b.inBackOff('k', t + 10_000), false);
    const delays = [20_000, 40_000, 80_000, 160_000, 300_000, 300_000].map((_, i) => b.next('k', t + 1 + i));
    assert.deepEqual(delays, [20_000, 40_000, 80_000, 160_000, 300_000, 300_000]);
    assert.equal(b.next('k', t + 10 + 600_001), 10_000, 'a long quiet time starts over');
  });
});
