import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectLogContainer } from './container-log-status.js';
import type { ContainerStatusView } from './log-source.js';

const ID = (n: number): string => `runc://c${n}`;

function pick(cs: ContainerStatusView, previous = false) {
  return selectLogContainer('web', { containerStatuses: [cs] }, 'app', previous);
}

describe('selectLogContainer', () => {
  it('reads the running instance, and the one before it for previous', () => {
    const cs: ContainerStatusView = {
      name: 'app', containerID: ID(3), restartCount: 3,
      state: { running: {} }, lastState: { terminated: { containerID: ID(2) } },
    };
    assert.deepEqual(pick(cs), { containerID: ID(3), attempt: 3 });
    assert.deepEqual(pick(cs, true), { containerID: ID(2), attempt: 2 });
  });

  it('reads the instance that crashed while it waits to restart, previous included', () => {
    const cs: ContainerStatusView = {
      name: 'app', containerID: ID(4), restartCount: 4,
      state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { containerID: ID(4) } },
    };
    assert.deepEqual(pick(cs), { containerID: ID(4), attempt: 4 });
    assert.deepEqual(pick(cs, true), { containerID: ID(4), attempt: 4 });
  });

  it('reads a terminated instance', () => {
    const cs: ContainerStatusView = { name: 'app', containerID: ID(0), restartCount: 0, state: { terminated: { containerID: ID(0) } } };
    assert.deepEqual(pick(cs), { containerID: ID(0), attempt: 0 });
    assert.deepEqual(pick(cs, true), { error: 'previous terminated container "app" in pod "web" not found' });
  });

  it('says what a container that never ran waits for, in the kubelet\'s words', () => {
    const waiting = (reason: string): ContainerStatusView => ({ name: 'app', restartCount: 0, state: { waiting: { reason } } });
    assert.deepEqual(pick(waiting('ContainerCreating')), { error: 'container "app" in pod "web" is waiting to start: ContainerCreating' });
    assert.deepEqual(pick(waiting('ErrImagePull')), { error: 'container "app" in pod "web" is waiting to start: image can\'t be pulled' });
    assert.deepEqual(pick(waiting('ImagePullBackOff')), { error: 'container "app" in pod "web" is waiting to start: trying and failing to pull image' });
    assert.deepEqual(pick({ name: 'app' }), { error: 'container "app" in pod "web" is waiting to start - no logs yet' });
    assert.deepEqual(selectLogContainer('web', {}, 'app', false), { error: 'container "app" in pod "web" is not available' });
  });

  it('finds init containers\' statuses too', () => {
    const r = selectLogContainer('web', {
      initContainerStatuses: [{ name: 'init', containerID: ID(0), restartCount: 0, state: { terminated: { containerID: ID(0) } } }],
    }, 'init', false);
    assert.deepEqual(r, { containerID: ID(0), attempt: 0 });
  });
});
